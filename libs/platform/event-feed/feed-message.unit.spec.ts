import { describe, expect, it } from '@jest/globals';
import type { RecordedEvent } from '#libs/platform/event-store/index.js';
import { pseudonym, redactPersonalData, toFeedMessage } from './feed-message.js';

const registered: RecordedEvent = {
  eventId: 'e1',
  type: 'HouseholdRegistered',
  stream: 'household-h1',
  revision: 0,
  position: 42,
  recordedAt: '2026-03-01T08:00:00.000Z',
  data: {
    householdId: 'h1',
    kk: '3275011203150007',
    address: { kecamatan: 'Bekasi Utara', kelurahan: 'Harapan Jaya', street: 'Jl. Melati 7', rt: '003', rw: '011' },
    members: [
      {
        nik: '3275014501850001',
        name: 'Siti Aminah',
        birthDate: '1985-01-05',
        sex: 'female',
        relationship: 'head',
        pregnant: true,
      },
    ],
  },
  metadata: {
    actor: 'cw-01',
    role: 'caseworker',
    correlationId: 'c',
    causationId: 'k',
    occurredAt: '2026-03-01T08:00:00.000Z',
    schemaVersion: 1,
  },
};

describe('feed messages', () => {
  it('go to the category topic, keyed by stream, with id, type, position and schema headers', () => {
    const message = toFeedMessage(registered, { topicPrefix: 'jejak', includePii: false });
    expect(message.topic).toBe('jejak.household.v1');
    expect(message.key).toBe('household-h1');
    expect(message.headers).toEqual({
      'event-id': 'e1',
      'event-type': 'HouseholdRegistered',
      stream: 'household-h1',
      position: '42',
      'schema-version': '1',
    });
  });

  it('carry no NIK, name, KK, birth date or street address unless PII is allowed', () => {
    const { value } = toFeedMessage(registered, { topicPrefix: 'jejak', includePii: false });
    for (const secret of ['3275014501850001', 'Siti', '3275011203150007', '1985-01-05', 'Melati', '"rt"'])
      expect(value).not.toContain(secret);
    const body = JSON.parse(value);
    expect(body.data.members[0]).toEqual({
      nik: pseudonym('3275014501850001'),
      sex: 'female',
      relationship: 'head',
      pregnant: true,
    });
    expect(body.data.address).toEqual({ kecamatan: 'Bekasi Utara', kelurahan: 'Harapan Jaya' });
    expect(JSON.parse(toFeedMessage(registered, { topicPrefix: 'jejak', includePii: true }).value).data).toEqual(
      registered.data,
    );
  });

  it('pseudonymise attendance lists too', () => {
    expect(redactPersonalData({ present: ['3275014501850001'], text: 'note' })).toEqual({
      present: [pseudonym('3275014501850001')],
    });
  });
});
