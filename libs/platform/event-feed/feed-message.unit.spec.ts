import { describe, expect, it } from '@jest/globals';
import type { RecordedEvent } from '#libs/platform/event-store/index.js';
import { PiiFreeView, Pseudonyms, pseudonymKeyOf } from '#libs/platform/privacy/index.js';
import { toFeedMessage } from './feed-message.js';

const registered: RecordedEvent = {
  eventId: 'e1',
  type: 'HouseholdRegistered',
  stream: 'household-h1',
  revision: 0,
  position: 42,
  recordedAt: '2026-03-01T08:00:00.000Z',
  data: { householdId: 'h1', kk: '3275011203150007', address: { kelurahan: 'Harapan Jaya', street: 'Jl. Melati 7' } },
  metadata: {
    actor: 'cw-01',
    role: 'caseworker',
    correlationId: 'c',
    causationId: 'k',
    occurredAt: '2026-03-01T08:00:00.000Z',
    schemaVersion: 1,
  },
};
const pseudonyms = new Pseudonyms(pseudonymKeyOf('a-test-key-of-at-least-thirty-two-characters'));
const piiFree = new PiiFreeView(
  {
    events: { HouseholdRegistered: { householdId: 'household', kk: 'personal', 'address.kelurahan': 'public' } },
    metadata: { schemaVersion: 'public' },
    streams: { household: 'household' },
  },
  pseudonyms,
);

describe('feed messages', () => {
  it('go to the category topic, keyed by the pseudonymised stream, with id, type, position, schema and key headers', () => {
    const message = toFeedMessage(registered, { topicPrefix: 'jejak', piiFree })!;
    const stream = `household-${pseudonyms.household('h1')}`;
    expect(message.topic).toBe('jejak.household.v1');
    expect(message.key).toBe(stream);
    expect(message.headers).toEqual({
      'event-id': 'e1',
      'event-type': 'HouseholdRegistered',
      stream,
      position: '42',
      'schema-version': '1',
      'pseudonym-key': pseudonyms.keyId,
    });
    expect(message.value).not.toMatch(/h1"|3275|Melati/);
    expect(JSON.parse(message.value)).toMatchObject({ stream, data: { address: { kelurahan: 'Harapan Jaya' } } });
  });

  it('carry the event whole when PII is allowed', () => {
    const message = toFeedMessage(registered, { topicPrefix: 'jejak', piiFree: null })!;
    expect(message.key).toBe('household-h1');
    expect(JSON.parse(message.value).data).toEqual(registered.data);
    expect(message.headers['pseudonym-key']).toBeUndefined();
  });

  it('are not made for reservations', () => {
    for (const options of [{ piiFree }, { piiFree: null }])
      expect(toFeedMessage({ ...registered, stream: 'identity-x' }, { topicPrefix: 'jejak', ...options })).toBeNull();
  });
});
