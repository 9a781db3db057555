import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { household, startTestApp, uniqueNumber, type TestApp } from '../support/test-app.js';

/**
 * The log lines the running application writes at its most talkative level (trace), captured
 * where pino writes them. nestjs-pino builds one logger per process and the first application
 * decides where it writes, so this file starts only one.
 */
describe('logs', () => {
  let t: TestApp;
  let token: string;
  const lines: string[] = [];
  const auth = () => ({ authorization: `Bearer ${token}` });
  const records = () => lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  const requestLines = () =>
    records().filter((r) => typeof r.req === 'object' && r.res !== undefined && r.msg === 'request completed');

  beforeAll(async () => {
    t = await startTestApp({ LOG_LEVEL: 'trace' }, { logDestination: { write: (line) => lines.push(line) } });
    token = await t.token('caseworker', 'cw-logs');
  });
  afterAll(async () => t.close());
  beforeEach(() => {
    lines.length = 0;
  });

  it('writes one line per request that carries the request id the response names', async () => {
    const response = await t.http.get('/api/v1/households').set(auth()).expect(200);
    const id = response.headers['x-request-id'];
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(requestLines().map((r) => r.reqId)).toEqual([id]);
  });

  it("uses a caller's X-Request-Id when it is a sane id", async () => {
    const response = await t.http.get('/health').set('x-request-id', 'lb-7f3a.42').expect(200);
    expect(response.headers['x-request-id']).toBe('lb-7f3a.42');
    expect(requestLines().map((r) => r.reqId)).toEqual(['lb-7f3a.42']);
  });

  it('replaces an incoming id that is too long, has other characters or holds a NIK', async () => {
    const sent = ['x'.repeat(129), '<script>', `nik-${uniqueNumber()}`];
    const answered: string[] = [];
    for (const id of sent) answered.push((await t.http.get('/health').set('x-request-id', id)).headers['x-request-id']);
    expect(answered.every((id) => /^[0-9a-f-]{36}$/.test(id!))).toBe(true);
    expect(requestLines().map((r) => r.reqId)).toEqual(answered);
  });

  it('writes no NIK, KK, name, token or body of a command, even at trace', async () => {
    const body = household();
    const created = await t.http.post('/api/v1/households').set(auth()).send(body).expect(201);
    const child = body.members[2]!;
    await t.http
      .post(`/api/v1/households/${created.body.id}/members/${child.nik}/removal`)
      .set(auth())
      .send({ reason: 'moved', detail: 'Pindah ke rumah Bu Siti Aminah', effectiveOn: '2026-02-01' })
      .expect(200);
    expect(requestLines()).toHaveLength(2);
    const output = lines.join('');
    const personal = [body.kk, ...body.members.flatMap((m) => [m.nik, m.name]), 'Jl. Melati', 'Pindah ke rumah'];
    expect(personal.filter((value) => output.includes(value))).toEqual([]);
    expect(output).not.toContain(token);
  });

  it('writes the URL of a route with a NIK in its path without the NIK', async () => {
    const nik = uniqueNumber();
    await t.http
      .post(`/api/v1/households/${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}/members/${nik}/removal`)
      .set(auth())
      .send({ reason: 'moved', effectiveOn: '2026-02-01' });
    const [line] = requestLines();
    expect((line!.req as { url: string }).url).toBe(
      '/api/v1/households/00000000-0000-4000-8000-000000000000/members/[redacted]/removal',
    );
    expect(lines.join('')).not.toContain(nik);
  });

  it('writes a search by NIK or by name without what was searched for', async () => {
    const nik = uniqueNumber();
    await t.http.get('/api/v1/households').query({ text: nik, limit: 5 }).set(auth()).expect(200);
    await t.http.get('/api/v1/households').query({ text: 'Siti Aminah' }).set(auth()).expect(200);
    expect(requestLines().map((r) => (r.req as { url: string }).url)).toEqual([
      '/api/v1/households?text=[redacted]&limit=5',
      '/api/v1/households?text=[redacted]',
    ]);
    expect(lines.join('')).not.toMatch(new RegExp(`${nik}|Siti|Aminah`));
  });
});
