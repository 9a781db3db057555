import { describe, expect, it } from '@jest/globals';
import { eventually } from './eventually.js';

describe('eventually', () => {
  it('resolves with the value of the first probe that passes', async () => {
    let calls = 0;
    await expect(eventually(() => (++calls >= 3 ? calls : false), 'the third call', { intervalMs: 1 })).resolves.toBe(
      3,
    );
  });

  it('fails at the deadline with what the last probe returned', async () => {
    await expect(eventually(() => false, 'a miracle', { timeoutMs: 30, intervalMs: 5 })).rejects.toThrow(
      'Timed out after 30 ms waiting for a miracle; the last probe returned false',
    );
  });

  it('fails at the deadline with what the last probe threw', async () => {
    const probe = () => expect(1).toBe(2);
    await expect(eventually(probe, 'one to be two', { timeoutMs: 30, intervalMs: 5 })).rejects.toThrow(
      /waiting for one to be two; the last probe threw expect\(received\)\.toBe\(expected\)/,
    );
  });
});
