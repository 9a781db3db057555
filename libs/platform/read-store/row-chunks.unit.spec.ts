import { describe, expect, it } from '@jest/globals';
import { PARAMETERS_PER_STATEMENT, keyChunks, rowChunks } from './row-chunks.js';

describe('rowChunks', () => {
  it('writes a batch of the feed in one statement', () => {
    const rows = Array.from({ length: 1_000 }, (_, i) => ({ position: i, actor: 'cw-1', type: 'X', stream: 's' }));
    expect(rowChunks(rows)).toEqual([rows]);
  });

  it('keeps every statement under the parameter limit, every row once and in order', () => {
    const row = Object.fromEntries(Array.from({ length: 21 }, (_, c) => [`c${c}`, c]));
    const rows = Array.from({ length: 5_000 }, (_, i) => ({ ...row, id: i }));
    const chunks = rowChunks(rows);
    expect(chunks.length).toBeGreaterThan(1);
    for (const chunk of chunks) expect(chunk.length * 22).toBeLessThanOrEqual(PARAMETERS_PER_STATEMENT);
    expect(chunks.flat().map((r) => r.id)).toEqual(rows.map((r) => r.id));
  });

  it('gives no statement for no rows', () => {
    expect(rowChunks([])).toEqual([]);
    expect(keyChunks([])).toEqual([]);
  });

  it('slices keys for where-in under the limit', () => {
    const keys = Array.from({ length: PARAMETERS_PER_STATEMENT + 1 }, (_, i) => i);
    expect(keyChunks(keys).map((k) => k.length)).toEqual([PARAMETERS_PER_STATEMENT, 1]);
  });
});
