import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { household, startTestApp, type TestApp } from '../support/test-app.js';

/**
 * Responses with personal data were cacheable and no response carried the usual security
 * headers. Every /api/v1 response (data, reports, errors) is `Cache-Control: no-store`; every
 * response carries helmet's headers, with a Content-Security-Policy the API docs work under.
 */
describe('the edge: caching and security headers', () => {
  let t: TestApp;
  let caseworker: string;
  let id: string;
  const auth = (token: string) => ({ authorization: `Bearer ${token}` });

  beforeAll(async () => {
    t = await startTestApp();
    caseworker = await t.token('caseworker', 'cw-headers');
    id = (await t.http.post('/api/v1/households').set(auth(caseworker)).send(household()).expect(201)).body.id;
  });
  afterAll(async () => t.close());

  const expectSecurityHeaders = (headers: Record<string, string>) => {
    expect(headers).toMatchObject({
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'SAMEORIGIN',
      'referrer-policy': 'no-referrer',
      'strict-transport-security': expect.stringMatching(/max-age=\d+/),
      'cross-origin-opener-policy': 'same-origin',
      'content-security-policy': expect.stringContaining("default-src 'self'"),
    });
    expect(headers['x-powered-by']).toBeUndefined();
  };

  it.each([
    ['a household', (h: string) => `/api/v1/households/${h}`],
    ['its history', (h: string) => `/api/v1/households/${h}/history`],
    ['a search', () => '/api/v1/households?text=Siti'],
    ['a 404', () => '/api/v1/households/6f1c1f5e-0d0a-4a8e-9a57-3f0e6f2b9c11'],
  ])('answers %s with no-store and the security headers', async (_, path) => {
    const response = await t.http.get(path(id)).set(auth(caseworker));
    expect(response.headers['cache-control']).toBe('no-store');
    expectSecurityHeaders(response.headers);
  });

  it('answers commands and refusals with no-store', async () => {
    const note = await t.http.post(`/api/v1/households/${id}/notes`).set(auth(caseworker)).send({ text: 'x' });
    expect(note.headers['cache-control']).toBe('no-store');
    const refused = await t.http.get(`/api/v1/households/${id}`);
    expect(refused.status).toBe(401);
    expect(refused.headers['cache-control']).toBe('no-store');
    expectSecurityHeaders(refused.headers);
  });

  it('answers reports with no-store too', async () => {
    const report = await t.http
      .get('/api/v1/reports/poverty-target')
      .set(auth(await t.token('reporter')))
      .expect(200);
    expect(report.headers['cache-control']).toBe('no-store');
  });

  it('puts the security headers on operations routes', async () => {
    expectSecurityHeaders((await t.http.get('/health/live').expect(200)).headers);
  });

  it('keeps the API docs working under their Content-Security-Policy', async () => {
    const page = await t.http.get('/docs').expect(200);
    const csp = page.headers['content-security-policy'] as string;
    expectSecurityHeaders(page.headers);
    const directive = (name: string) =>
      csp
        .split(';')
        .map((d) => d.trim().split(/\s+/))
        .find(([n]) => n === name)
        ?.slice(1) ?? [];
    // Scripts: same-origin files only, and the page has no inline script.
    expect(directive('script-src')).toEqual(["'self'"]);
    expect(page.text).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    const scripts = [...page.text.matchAll(/<script[^>]*\bsrc="([^"]+)"/g)].map((m) => m[1]!);
    expect(scripts.length).toBeGreaterThan(1);
    for (const src of scripts) {
      expect(src).toMatch(/^\.\//);
      await t.http.get(`/${src.replace(/^\.\//, '')}`).expect(200);
    }
    // Its inline <style> and the styles Swagger UI sets from script, and its data: icons.
    expect(directive('style-src')).toEqual(expect.arrayContaining(["'self'", "'unsafe-inline'"]));
    expect(directive('img-src')).toEqual(expect.arrayContaining(["'self'", 'data:']));
    // Served over plain HTTP on a local network too: no forced upgrade of its assets to HTTPS.
    expect(csp).not.toContain('upgrade-insecure-requests');
    await t.http.get('/docs/openapi.json').expect(200);
  });
});
