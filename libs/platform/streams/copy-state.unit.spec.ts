import { describe, expect, it } from '@jest/globals';
import { copyState } from './snapshot-cache.js';

describe('copyState', () => {
  it('copies a folded state deeply: equal to it, sharing nothing a fold could change', () => {
    const state = {
      id: 'h1',
      members: [{ nik: '3275', flags: ['pregnant'], income: 0 }],
      pending: {} as Record<string, unknown>,
      lastAssessment: null,
      closedOn: undefined,
    };
    const copy = copyState(state);
    expect(copy).toStrictEqual(state);
    copy.members[0]!.flags.push('changed');
    copy.pending.x = 1;
    expect(state.members[0]!.flags).toEqual(['pregnant']);
    expect(state.pending).toEqual({});
  });

  it('leaves what is not plain data to structuredClone', () => {
    const state = { on: new Date('2026-12-01T00:00:00Z'), seen: new Map([['a', { n: 1 }]]) };
    const copy = copyState(state);
    expect(copy).toStrictEqual(state);
    expect(copy.seen).not.toBe(state.seen);
    expect(copy.seen.get('a')).not.toBe(state.seen.get('a'));
  });
});
