import { describe, expect, it } from '@jest/globals';
import { loadConfig } from './config.js';

describe('loadConfig: the limits at the edge', () => {
  it('times out slow requests and idle connections by default', () => {
    expect(loadConfig({})).toMatchObject({ requestTimeoutMs: 30_000, connectionTimeoutMs: 60_000 });
  });

  it('reads REQUEST_TIMEOUT_MS and CONNECTION_TIMEOUT_MS, 0 for none', () => {
    expect(loadConfig({ REQUEST_TIMEOUT_MS: '5000', CONNECTION_TIMEOUT_MS: '0' })).toMatchObject({
      requestTimeoutMs: 5_000,
      connectionTimeoutMs: 0,
    });
    expect(() => loadConfig({ REQUEST_TIMEOUT_MS: '-1' })).toThrow(/REQUEST_TIMEOUT_MS=-1: expected a whole number/);
  });
});

describe('loadConfig: rate limits', () => {
  it('limits commands and reads per principal by default', () => {
    expect(loadConfig({}).rateLimit).toEqual({ windowSeconds: 60, commands: 600, reads: 1_200 });
  });

  it('reads RATE_LIMIT_*, 0 turning a limit off', () => {
    expect(
      loadConfig({ RATE_LIMIT_WINDOW_SECONDS: '10', RATE_LIMIT_COMMANDS: '0', RATE_LIMIT_READS: '50' }).rateLimit,
    ).toEqual({ windowSeconds: 10, commands: 0, reads: 50 });
    expect(() => loadConfig({ RATE_LIMIT_WINDOW_SECONDS: '0' })).toThrow(/RATE_LIMIT_WINDOW_SECONDS=0/);
  });
});
