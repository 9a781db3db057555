import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Role } from '#libs/platform/auth/index.js';
import { household, sewingCourse, startTestApp, type TestApp } from '../support/test-app.js';

/**
 * `?minPosition=` on every read served from a read model: a command's `position` passed back
 * makes the read include that write, and a position the read models do not reach in
 * READ_WAIT_TIMEOUT_MS answers 503 READ_MODEL.NOT_CAUGHT_UP with Retry-After.
 */
describe('read your writes on every read model', () => {
  let t: TestApp;
  const auth = (token: string) => ({ authorization: `Bearer ${token}` });
  const month = '2026-11';
  let householdId: string;
  let position: number;
  // role, URL, query, and the path as the OpenAPI document names it
  const reads: Array<[Role, string, Record<string, string>, string]> = [
    ['supervisor', '/api/v1/caseloads', { kelurahan: 'Harapan Jaya' }, '/api/v1/caseloads'],
    ['caseworker', '/api/v1/caseloads/cw-ryw', {}, '/api/v1/caseloads/{caseworkerId}'],
    ['supervisor', '/api/v1/households', { text: 'Aminah' }, '/api/v1/households'],
    ['supervisor', '/api/v1/households/HH', {}, '/api/v1/households/{id}'],
    ['supervisor', '/api/v1/households/HH/history', {}, '/api/v1/households/{id}/history'],
    ['caseworker', '/api/v1/caseworkers/cw-ryw/monthly-report', { month }, '/api/v1/caseworkers/{id}/monthly-report'],
    ['reporter', '/api/v1/reports/programme-outcomes', {}, '/api/v1/reports/programme-outcomes'],
    ['reporter', '/api/v1/reports/poverty-target', {}, '/api/v1/reports/poverty-target'],
    ['reporter', '/api/v1/reports/kpis', {}, '/api/v1/reports/kpis'],
    ['reporter', '/api/v1/reports/periods/2026-10', {}, '/api/v1/reports/periods/{period}'],
    ['reporter', '/api/v1/reports/late-entries', {}, '/api/v1/reports/late-entries'],
    ['admin', '/api/v1/households/erasure-review', {}, '/api/v1/households/erasure-review'],
    ['auditor', '/api/v1/events', {}, '/api/v1/events'],
    ['auditor', '/api/v1/audit/actors/cw-ryw/events', {}, '/api/v1/audit/actors/{actor}/events'],
    ['auditor', '/api/v1/audit/verify', {}, '/api/v1/audit/verify'],
    ['supervisor', '/api/v1/queue', {}, '/api/v1/queue'],
    ['caseworker', '/api/v1/kubes', {}, '/api/v1/kubes'],
    ['caseworker', '/api/v1/trainings', {}, '/api/v1/trainings'],
    ['supervisor', '/api/v1/pkh/stages/2026-1/due', {}, '/api/v1/pkh/stages/{stage}/due'],
    ['supervisor', '/api/v1/pkh/payment-checks', {}, '/api/v1/pkh/payment-checks'],
    ['supervisor', '/api/v1/complaints', {}, '/api/v1/complaints'],
    ['caseworker', '/api/v1/referrals', {}, '/api/v1/referrals'],
    ['supervisor', '/api/v1/households/HH/casework', {}, '/api/v1/households/{id}/casework'],
    [
      'supervisor',
      '/api/v1/caseloads/cw-ryw/reassignment-preview',
      { to: 'cw-other' },
      '/api/v1/caseloads/{caseworkerId}/reassignment-preview',
    ],
    ['supervisor', '/api/v1/transfers/pending', {}, '/api/v1/transfers/pending'],
  ];
  const read = async (role: Role, url: string, query: Record<string, string | number>) =>
    t.http
      .get(url.replace('HH', householdId))
      .query(query)
      .set(auth(await t.token(role, role === 'caseworker' ? 'cw-ryw' : undefined)));

  beforeAll(async () => {
    // Short, so that the 503 below comes quickly; the reads that can catch up do so well within it.
    t = await startTestApp({ READ_WAIT_TIMEOUT_MS: '1000' });
    const cw = await t.token('caseworker', 'cw-ryw');
    const sv = await t.token('supervisor');
    const registered = await t.http.post('/api/v1/households').set(auth(cw)).send(household()).expect(201);
    householdId = registered.body.id;
    await t.http
      .post(`/api/v1/households/${householdId}/caseworker`)
      .set(auth(sv))
      .send({ caseworkerId: 'cw-ryw', reason: 'Her kelurahan' })
      .expect(200);
    const course = await t.http
      .post('/api/v1/trainings')
      .set(auth(cw))
      .send(sewingCourse({ kecamatan: 'Bekasi Utara', kelurahan: 'Harapan Jaya' }));
    expect(course.status).toBe(201);
    position = course.body.position;
  });
  afterAll(async () => t?.close());

  it("answers each read with the caller's own write when given its position", async () => {
    const caseload = await read('caseworker', '/api/v1/caseloads/cw-ryw', { minPosition: position });
    expect(caseload.status).toBe(200);
    expect(caseload.body.items.map((c: { householdId: string }) => c.householdId)).toEqual([householdId]);
    const courses = await read('caseworker', '/api/v1/trainings', { minPosition: position });
    expect(courses.body.items).toHaveLength(1);
    const feed = await read('auditor', '/api/v1/events', { minPosition: position, after: position - 1 });
    expect(feed.body.events.map((e: { position: number }) => e.position)).toEqual([position]);
    const report = await read('caseworker', '/api/v1/caseworkers/cw-ryw/monthly-report', {
      month,
      minPosition: position,
    });
    expect(report.status).toBe(200);
    for (const [role, url, query] of reads) {
      const response = await read(role, url, { ...query, minPosition: position });
      expect([url, response.status]).toEqual([url, 200]);
    }
  });

  it('answers 503 with Retry-After and a stable code when the read models do not reach the position in time', async () => {
    const beyond = (await t.store.headPosition()) + 1_000;
    // All at once: each waits READ_WAIT_TIMEOUT_MS before it gives up.
    const responses = await Promise.all(
      reads.map(async ([role, url, query]) => [url, await read(role, url, { ...query, minPosition: beyond })] as const),
    );
    for (const [url, response] of responses) {
      expect([url, response.status]).toEqual([url, 503]);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.headers['retry-after']).toBe('1');
      expect(response.body).toMatchObject({ code: 'READ_MODEL.NOT_CAUGHT_UP', minPosition: beyond });
    }
  });

  it('refuses a minPosition that is not a whole number at or above 0, without waiting', async () => {
    for (const [role, url, query] of reads) {
      const response = await read(role, url, { ...query, minPosition: 'soon' });
      expect([url, response.status]).toEqual([url, 400]);
      expect(response.body.errors.map((e: { field: string }) => e.field)).toContain('minPosition');
    }
    // Number() reads these as numbers (past any position, or another one): a read must not skip
    // its wait on them, nor wait on a position it was not given.
    const [role, url, query] = reads[0]!;
    for (const odd of ['1e21', '1e308', '9007199254740993', '0x10', ' 7', '7.0', '-1']) {
      const response = await read(role, url, { ...query, minPosition: odd });
      expect([odd, response.status]).toEqual([odd, 400]);
      expect(response.body.errors.map((e: { field: string }) => e.field)).toContain('minPosition');
    }
  });

  it('documents minPosition and the 503 on every read that waits', async () => {
    const doc = (await t.http.get('/docs/openapi.json').expect(200)).body as {
      paths: Record<
        string,
        { get?: { parameters?: Array<{ name: string }>; responses: Record<string, { headers?: object }> } }
      >;
    };
    const waiting = Object.entries(doc.paths)
      .filter(([, ops]) => ops.get?.parameters?.some((p) => p.name === 'minPosition'))
      .map(([path, ops]) => {
        expect([path, Object.keys(ops.get!.responses['503']?.headers ?? {})]).toEqual([path, ['Retry-After']]);
        return path;
      });
    expect(waiting.sort()).toEqual(reads.map(([, , , path]) => path).sort());
  });
});
