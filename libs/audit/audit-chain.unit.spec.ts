import { describe, expect, it } from '@jest/globals';
import type { EventMetadata, RecordedEvent } from '#libs/platform/event-store/index.js';
import fc from 'fast-check';
import { canonicalJson } from '#libs/platform/hash-chain/index.js';
import { GENESIS_HASH } from './audit-chain.js';
import { chainHash, linkedJson } from './chain-links.js';

const data = {
  kk: '3275010101010001',
  members: [{ nik: '3275014101880001', name: 'Siti Ñur', birthDate: '1988-01-01' }],
  address: { kelurahan: 'Harapan Jaya', kecamatan: 'Bekasi Utara' },
};
// Without correlation and causation ids: the pinned digests below were made from exactly this.
const metadata = {
  actor: 'sv-1',
  role: 'supervisor',
  occurredAt: '2026-01-05T03:00:00.000Z',
  schemaVersion: 1,
} as unknown as EventMetadata;
const event: RecordedEvent = {
  eventId: '0b7f3c52-4a0e-4c55-9a57-6a2f0d1c9e01',
  stream: 'household-7d1e',
  revision: 0,
  position: 1,
  type: 'HouseholdRegistered',
  data,
  metadata,
  recordedAt: '2026-01-05T03:00:00.123Z',
};

describe('chainHash', () => {
  // Digests from the first implementation (two hash updates over the canonical text): chains
  // stored in the field were made with them, so any change to the hashing must keep them.
  it('gives the digests stored chains were made with', () => {
    const first = chainHash(GENESIS_HASH, event);
    expect(first).toBe('63df31b94868ac38f6b78eccfd3f01e1a7e54802e2ad3cc2613ff414a27d33ab');
    expect(chainHash(first, { ...event, revision: 1, position: 2 })).toBe(
      'd4d3fdc3e970895943911869258ce9748e7d2f144132e1c5fa65e7a2b948436d',
    );
  });

  it('changes when any part of the event changes', () => {
    const base = chainHash(GENESIS_HASH, event);
    expect(chainHash(GENESIS_HASH, { ...event, data: { ...data, kk: '3275010101010002' } })).not.toBe(base);
    expect(chainHash(GENESIS_HASH, { ...event, metadata: { ...metadata, actor: 'sv-2' } })).not.toBe(base);
    expect(chainHash('1'.repeat(64), event)).not.toBe(base);
  });
});

describe('linkedJson', () => {
  const members = (e: RecordedEvent) => {
    const { eventId, stream, revision, position, type, data, metadata, recordedAt } = e;
    return { eventId, stream, revision, position, type, data, metadata, recordedAt };
  };

  it('is the canonical JSON of the members a link covers, for any event', () => {
    fc.assert(
      fc.property(
        fc.record({
          eventId: fc.option(fc.uuid(), { nil: undefined }),
          stream: fc.string(),
          revision: fc.oneof(fc.nat(), fc.double()),
          position: fc.nat(),
          type: fc.string(),
          data: fc.option(fc.jsonValue(), { nil: undefined }),
          metadata: fc.dictionary(fc.string(), fc.option(fc.jsonValue(), { nil: undefined })),
          recordedAt: fc.option(fc.string(), { nil: undefined }),
          extra: fc.jsonValue(),
        }),
        (e) => {
          const recorded = e as unknown as RecordedEvent;
          expect(linkedJson(recorded)).toBe(canonicalJson(members(recorded)));
        },
      ),
      { numRuns: 1000, seed: 20261201 },
    );
  });
});
