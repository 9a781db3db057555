import { randomBytes } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { open, seal } from './envelope.js';

describe('envelope', () => {
  it('seals every envelope under an IV of its own, across refills of the random pool, and opens each', () => {
    const key = randomBytes(32);
    // 1,000 envelopes: the pool of 4 KiB gives 341 IVs, so this crosses two refills.
    const envelopes = Array.from({ length: 1_000 }, (_, i) =>
      seal(key, 'household-h1', ['data.kk'], `event-${i}`, [i]),
    );
    const ivs = envelopes.map((e) => Buffer.from(e.c, 'base64').subarray(0, 12).toString('hex'));
    expect(new Set(ivs).size).toBe(1_000);
    expect(ivs.every((iv) => iv !== '0'.repeat(24))).toBe(true);
    envelopes.forEach((envelope, i) => expect(open(key, `event-${i}`, envelope)).toEqual([i]));
  });

  it('refuses an envelope moved to another event or opened under another key', () => {
    const key = randomBytes(32);
    const envelope = seal(key, 'household-h1', ['data.kk'], 'event-1', ['3275010101010001']);
    expect(() => open(key, 'event-2', envelope)).toThrow();
    expect(() => open(randomBytes(32), 'event-1', envelope)).toThrow();
  });
});
