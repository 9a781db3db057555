import { ANY, NO_STREAM, STREAM_EXISTS } from '@kurrent/kurrentdb-client';
import { describe, expect, it } from '@jest/globals';
import {
  positionAfter,
  streamPrefixes,
  toActualRevision,
  toRecordedEvent,
  toStreamState,
} from './kurrentdb-mapping.js';

describe('KurrentDB mapping', () => {
  it('maps expected revisions to stream states', () => {
    expect(toStreamState('any')).toBe(ANY);
    expect(toStreamState('no_stream')).toBe(NO_STREAM);
    expect(toStreamState('exists')).toBe(STREAM_EXISTS);
    expect(toStreamState(7)).toBe(7n);
  });

  it('maps the actual state of a concurrency error to a revision', () => {
    expect(toActualRevision(4n)).toBe(4);
    expect(toActualRevision(NO_STREAM)).toBeUndefined();
  });

  it('reads after a position by starting there (the caller skips it), and from the start at 0', () => {
    expect(positionAfter(0)).toBeUndefined();
    expect(positionAfter(1234)).toEqual({ commit: 1234n, prepare: 1234n });
  });

  it('maps a recorded event, removing the namespace and using the commit position', () => {
    const created = new Date('2026-03-01T08:00:00.000Z');
    const event = toRecordedEvent(
      {
        streamId: 'ns1.household-42',
        id: 'e1',
        revision: 3n,
        type: 'HouseholdAssessed',
        created,
        data: { perCapitaIncome: 1 },
        metadata: { actor: 'cw-01' },
        position: { commit: 9000n, prepare: 8990n },
      },
      'ns1.',
    );
    expect(event).toEqual({
      eventId: 'e1',
      type: 'HouseholdAssessed',
      data: { perCapitaIncome: 1 },
      metadata: { actor: 'cw-01' },
      stream: 'household-42',
      revision: 3,
      position: 9000,
      recordedAt: '2026-03-01T08:00:00.000Z',
    });
    expect(() =>
      toRecordedEvent({ streamId: 's', id: 'x', revision: 0n, type: 't', created, data: {}, metadata: {} }, ''),
    ).toThrow(/no global position/);
  });

  it('filters by category prefixes within the namespace', () => {
    expect(streamPrefixes('', ['household', 'pkh'])).toEqual(['household-', 'pkh-']);
    expect(streamPrefixes('ns1.', ['pkh'])).toEqual(['ns1.pkh-']);
    expect(streamPrefixes('ns1.', undefined)).toEqual(['ns1.']);
    expect(streamPrefixes('', [])).toBeUndefined();
  });
});
