import { inspect } from 'node:util';

export interface EventuallyOptions {
  /** Give up after this long (default 20 s, under Jest's 30 s per test). */
  timeoutMs?: number;
  /** Wait this long between two probes (default 20 ms). */
  intervalMs?: number;
}

/**
 * Polls `probe` until it passes: it returns without throwing and what it returns is not
 * `false`. So both `() => runner.status()[0].state === 'live'` and
 * `() => expect(size()).toBeGreaterThan(n)` work. Resolves with the passing probe's value.
 *
 * At the deadline it fails loudly, never silently: the error names what was awaited and what
 * the last probe returned or threw (an `expect` failure keeps its diff), so a test cannot
 * carry on as if the condition had been met.
 */
export async function eventually<T>(
  probe: () => T | Promise<T>,
  what: string,
  { timeoutMs = 20_000, intervalMs = 20 }: EventuallyOptions = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    let last: { value: unknown } | { error: unknown };
    try {
      const value = await probe();
      if (value !== false) return value;
      last = { value };
    } catch (error) {
      last = { error };
    }
    if (Date.now() >= deadline) {
      const seen =
        'error' in last
          ? `the last probe threw ${last.error instanceof Error ? last.error.message : inspect(last.error)}`
          : `the last probe returned ${inspect(last.value)}`;
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}; ${seen}`, {
        cause: 'error' in last ? last.error : undefined,
      });
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
