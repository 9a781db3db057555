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
