import { describe, expect, it } from '@jest/globals';
import { redactUrl, scrubLine } from './redact.js';

const NIK = '3275014501850001';

describe('redactUrl', () => {
  it('leaves a URL without identity numbers or query alone', () => {
    expect(redactUrl('/api/v1/households/5f0c2a4e-8d1b-4c3a-9e2f-1a2b3c4d5e6f/history')).toBe(
      '/api/v1/households/5f0c2a4e-8d1b-4c3a-9e2f-1a2b3c4d5e6f/history',
    );
  });

  it('replaces a path segment that holds a NIK', () => {
    expect(redactUrl(`/api/v1/households/h1/members/${NIK}/removal`)).toBe(
      '/api/v1/households/h1/members/[redacted]/removal',
    );
  });

  it('replaces a percent-encoded NIK', () => {
    const encoded = [...NIK].map((d) => `%3${d}`).join('');
    expect(redactUrl(`/api/v1/trainings/t1/participants/${encoded}/response`)).toBe(
      '/api/v1/trainings/t1/participants/[redacted]/response',
    );
  });

  it('replaces the value of a search, whatever it holds', () => {
    expect(redactUrl('/api/v1/households?text=Siti%20Aminah&kelurahan=Harapan%20Jaya&limit=20')).toBe(
      '/api/v1/households?text=[redacted]&kelurahan=Harapan%20Jaya&limit=20',
    );
  });

  it('replaces a NIK in a query parameter otherwise shown', () => {
    expect(redactUrl(`/api/v1/events?type=${NIK}`)).toBe('/api/v1/events?type=[redacted]');
  });
});

describe('scrubLine', () => {
  it('replaces every run of 16 or more digits in a serialised line', () => {
    expect(scrubLine(`{"time":1796041448976,"msg":"KK ${NIK} and 32750145018500019"}`)).toBe(
      '{"time":1796041448976,"msg":"KK [redacted] and [redacted]"}',
    );
  });
});
