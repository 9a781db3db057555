import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import type { PrivacyPolicy } from '#libs/platform/domain/index.js';
import type { RecordedEvent } from '#libs/platform/event-store/index.js';
import { PiiFreeView } from './pii-free-view.js';
import { pseudonymKeyOf } from './pseudonym-key.js';
import { Pseudonyms } from './pseudonyms.js';

const policy: PrivacyPolicy = {
  events: {
    Registered: {
      householdId: 'household',
      kk: 'personal',
      'address.kelurahan': 'public',
      'address.street': 'personal',
      'members[].nik': 'person',
      'members[].name': 'personal',
      'members[].sex': 'public',
      'members[].pregnant': 'special',
      present: 'person',
      tags: 'public',
    },
  },
  metadata: { actor: 'public', occurredAt: 'public', reason: 'personal' },
  streams: { household: 'household', kube: 'public', identity: 'internal' },
};
const KEY = 'a-test-key-of-at-least-thirty-two-characters';
const view = new PiiFreeView(policy, new Pseudonyms(pseudonymKeyOf(KEY)));
const NIK = '3275014501850001';

const event = (over: Partial<RecordedEvent> = {}): RecordedEvent => ({
  eventId: 'e1',
  type: 'Registered',
  stream: 'household-h1',
  revision: 0,
  position: 7,
  recordedAt: '2026-03-01T08:00:00.000Z',
  data: {
    householdId: 'h1',
    kk: '3275011203150007',
    address: { kelurahan: 'Harapan Jaya', street: 'Jl. Melati 7', rt: '003' },
    members: [{ nik: NIK, name: 'Siti Aminah', sex: 'female', pregnant: true, note: 'undeclared' }],
    present: [NIK],
    tags: { sneaky: 'an object where a plain value was declared' },
    comment: 'undeclared free text',
  },
  metadata: {
    actor: 'cw-01',
    role: 'caseworker',
    correlationId: 'Siti calls back',
    causationId: 'k',
    occurredAt: '2026-03-01T08:00:00.000Z',
    schemaVersion: 1,
    reason: 'Ahmad Lestari now runs a stall',
  },
  ...over,
});

describe('the PII-free view', () => {
  it('keeps only what is declared public, through nested objects and lists', () => {
    const shown = view.event(event())!;
    expect(shown.data).toEqual({
      householdId: view.event(event())!.data.householdId,
      address: { kelurahan: 'Harapan Jaya' },
      members: [{ nik: expect.stringMatching(/^p_[0-9a-f]{32}$/), sex: 'female' }],
      present: [expect.stringMatching(/^p_[0-9a-f]{32}$/)],
    });
    expect(shown.metadata).toEqual({ actor: 'cw-01', occurredAt: '2026-03-01T08:00:00.000Z' });
    for (const secret of ['3275', 'Siti', 'Melati', 'Ahmad', 'undeclared', 'sneaky', 'pregnant', '"rt"'])
      expect(JSON.stringify(shown)).not.toContain(secret);
  });

  it('drops every field of an undeclared event type', () => {
    expect(view.event(event({ type: 'Unknown' }))!.data).toEqual({});
  });

  it('pseudonymises households in data and in household-keyed stream names alike, and says by which key', () => {
    const shown = view.event(event())!;
    expect(shown.stream).toBe(`household-${shown.data.householdId as string}`);
    expect(shown.data.householdId).toMatch(/^h_[0-9a-f]{32}$/);
    expect(shown.pseudonymKey).toBe(pseudonymKeyOf(KEY).id);
    expect(view.stream('kube-k1')).toBe('kube-k1');
  });

  it('leaves out internal and undeclared streams', () => {
    expect(view.event(event({ stream: 'identity-abc' }))).toBeNull();
    expect(view.event(event({ stream: 'somethingnew-1' }))).toBeNull();
  });

  it('gives a person the same pseudonym in every event, and a household never the same as a person', () => {
    const shown = view.event(event())!;
    const members = shown.data.members as { nik: string }[];
    expect((shown.data.present as string[])[0]).toBe(members[0]!.nik);
    const pseudonyms = new Pseudonyms(pseudonymKeyOf(KEY));
    expect(pseudonyms.person('h1')).not.toBe(pseudonyms.household('h1').replace(/^h_/, 'p_'));
  });

  it('makes pseudonyms no one can recompute without the key', () => {
    const pseudonym = new Pseudonyms(pseudonymKeyOf(KEY)).person(NIK);
    // What the old, unkeyed pseudonym was, and what one would try without the key.
    const guesses = [
      createHash('sha256').update(`jejak-person:${NIK}`).digest('hex'),
      createHash('sha256').update(NIK).digest('hex'),
      createHash('sha256').update(`person\u0000${NIK}`).digest('hex'),
      createHmac('sha256', '').update(`person\u0000${NIK}`).digest('hex'),
      createHmac('sha256', 'another-key-of-at-least-thirty-two-chars').update(`person\u0000${NIK}`).digest('hex'),
    ];
    for (const guess of guesses) expect(pseudonym).not.toContain(guess.slice(0, 32));
    // With the key it is the HMAC of the kind and the NIK: stable, so jobs can join.
    expect(pseudonym).toBe(`p_${createHmac('sha256', KEY).update(`person\u0000${NIK}`).digest('hex').slice(0, 32)}`);
    expect(new Pseudonyms(pseudonymKeyOf(`${KEY}!`)).person(NIK)).not.toBe(pseudonym);
  });
});
