import { describe, expect, it } from '@jest/globals';
import { acceptableId, requestIdOf } from './request-id.js';

describe('request ids', () => {
  it("keeps a caller's X-Request-Id when it is a sane id", () => {
    expect(requestIdOf({ 'x-request-id': '01HZX3K5Q7', 'x-correlation-id': 'other' })).toBe('01HZX3K5Q7');
  });

  it('falls back to X-Correlation-Id', () => {
    expect(requestIdOf({ 'x-correlation-id': 'checkout-42.7' })).toBe('checkout-42.7');
  });

  it('refuses ids that are too long, hold other characters or a NIK', () => {
    expect(['x'.repeat(129), 'a b', 'a"b', 'ref-3275014501850001', ''].map(acceptableId)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('makes a UUID when the caller sent no usable id', () => {
    expect(requestIdOf({ 'x-request-id': 'a b' })).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });
});
