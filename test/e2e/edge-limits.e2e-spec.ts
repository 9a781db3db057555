import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { expectProblem } from '../support/edge.js';
import { household, startTestApp, type TestApp } from '../support/test-app.js';

/**
 * Bounded input: 80,000 empty objects in a list blocked the event loop for 5 s and made a 65 MB
 * error body; JSON nested 10,000 deep answered 500 (the transformer's stack). Each is now a 400
 * problem+json that comes back fast, is small, and appends nothing.
 */
describe('the edge: bounded lists, strings, depth and error bodies', () => {
  let t: TestApp;
  let caseworker: string;
  let supervisor: string;
  let id: string;
  const auth = (token: string) => ({ authorization: `Bearer ${token}` });
  const SMALL = 4_096;

  beforeAll(async () => {
    t = await startTestApp();
    caseworker = await t.token('caseworker', 'cw-limits');
    supervisor = await t.token('supervisor', 'sv-limits');
    const created = await t.http.post('/api/v1/households').set(auth(caseworker)).send(household()).expect(201);
    id = created.body.id;
  });
  afterAll(async () => t.close());

  const empties = (n: number) => Array.from({ length: n }, () => ({}));
  const kube = (householdIds: unknown[]) => ({
    name: 'Kube Melati',
    businessType: 'catering',
    kecamatan: 'Bekasi Utara',
    kelurahan: 'Harapan Jaya',
    formedOn: '2026-01-01',
    householdIds,
  });

  describe('huge lists', () => {
    it.each([
      ['/api/v1/households', 'members', () => ({ ...household(), members: empties(80_000) })],
      ['/api/v1/kubes', 'householdIds', () => kube(empties(80_000))],
      [
        '/api/v1/trainings/6f1c1f5e-0d0a-4a8e-9a57-3f0e6f2b9c11/sessions',
        'present',
        () => ({ sessionNo: 1, heldOn: '2026-03-01', present: empties(80_000) }),
      ],
    ])('answers 80,000 empty objects in %s %s with a fast, small 400', async (path, field, body) => {
      const head = await t.store.headPosition();
      const started = Date.now();
      const response = await t.http.post(path).set(auth(supervisor)).send(body());
      const took = Date.now() - started;
      const problem = expectProblem(response, 400, 'VALIDATION.FAILED');
      expect(problem.errors).toEqual([expect.objectContaining({ field, rule: 'arrayMaxSize' })]);
      expect(response.text.length).toBeLessThan(SMALL);
      expect(took).toBeLessThan(1_000);
      expect(await t.store.headPosition()).toBe(head);
    });

    it('names the first 20 errors and counts the rest', async () => {
      const response = await t.http
        .post('/api/v1/households')
        .set(auth(caseworker))
        .send({ ...household(), members: empties(30) });
      const problem = expectProblem(response, 400, 'VALIDATION.FAILED');
      expect(problem.errors).toHaveLength(20);
      expect(problem.errorsOmitted).toBeGreaterThan(100);
      expect(response.text.length).toBeLessThan(SMALL);
    });

    it("refuses a list longer than its field's maximum from its length alone", async () => {
      const response = await t.http
        .post('/api/v1/households')
        .set(auth(caseworker))
        .send({
          ...household(),
          members: Array.from({ length: 31 }, () => ({ salary: 1, ...household().members[0] })),
        });
      const problem = expectProblem(response, 400, 'VALIDATION.FAILED');
      expect(problem.errors).toEqual([
        { field: 'members', rule: 'arrayMaxSize', message: 'members must contain no more than 30 elements' },
      ]);
    });

    it('refuses 500 empty members quickly, with a small body', async () => {
      const started = Date.now();
      const response = await t.http
        .post('/api/v1/households')
        .set(auth(caseworker))
        .send({ ...household(), members: empties(500) });
      expectProblem(response, 400, 'VALIDATION.FAILED');
      expect(response.text.length).toBeLessThan(SMALL);
      expect(Date.now() - started).toBeLessThan(1_000);
    });

    it('answers an object with thousands of unknown keys with a small 400', async () => {
      const body = Object.fromEntries(Array.from({ length: 20_000 }, (_, i) => [`k${i}`, 1]));
      const response = await t.http.post(`/api/v1/households/${id}/notes`).set(auth(caseworker)).send(body);
      expectProblem(response, 400, 'VALIDATION.FAILED');
      expect(response.text.length).toBeLessThan(SMALL);
    });

    it('keeps an over-long unknown key out of the error body, in a body or a query', async () => {
      const key = 'k'.repeat(100_000);
      const body = await t.http
        .post(`/api/v1/households/${id}/notes`)
        .set(auth(caseworker))
        .send({ text: 'note', [key]: 1 });
      expectProblem(body, 400, 'VALIDATION.FAILED');
      expect(body.text.length).toBeLessThan(SMALL);
      const query = await t.http.get(`/api/v1/households?${'q'.repeat(8_000)}=1`).set(auth(caseworker));
      expectProblem(query, 400, 'VALIDATION.FAILED');
      expect(query.text.length).toBeLessThan(SMALL);
    });

    it.each([
      [
        '31 missed commitments',
        '/pkh/verifications',
        {
          stage: '2026-1',
          compliant: false,
          verifiedOn: '2026-03-01',
          missed: Array.from({ length: 31 }, () => ({ nik: '3275014501850001', commitment: 'health_check' })),
        },
        'missed',
        'arrayMaxSize',
      ],
      ['a reason of 501 characters', '/exit/proposal', { reason: 'r'.repeat(501) }, 'reason', 'isLength'],
      [
        'a name of 121 characters',
        '/members',
        {
          nik: '3275014501850001',
          name: 'n'.repeat(121),
          birthDate: '1990-01-01',
          sex: 'female',
          relationship: 'child',
        },
        'name',
        'isLength',
      ],
    ])('refuses %s', async (_, path, body, field, rule) => {
      const head = await t.store.headPosition();
      const response = await t.http.post(`/api/v1/households/${id}${path}`).set(auth(supervisor)).send(body);
      const problem = expectProblem(response, 400, 'VALIDATION.FAILED');
      expect(problem.errors).toContainEqual(expect.objectContaining({ field, rule }));
      expect(await t.store.headPosition()).toBe(head);
    });

    it('refuses an attendance list of 201 and a course of 201 places', async () => {
      const course = await t.http.post('/api/v1/trainings').set(auth(supervisor)).send({
        kind: 'vocational',
        skill: 'sewing',
        title: 'Menjahit',
        provider: 'BLK',
        capacity: 201,
        sessions: 4,
        startsOn: '2026-03-01',
        endsOn: '2026-04-01',
        kecamatan: 'Bekasi Utara',
        kelurahan: 'Harapan Jaya',
        costPerParticipant: 0,
      });
      expect(expectProblem(course, 400, 'VALIDATION.FAILED').errors).toEqual([
        expect.objectContaining({ field: 'capacity', rule: 'max' }),
      ]);
      const present = Array.from({ length: 201 }, (_, i) => `3275${String(i).padStart(12, '0')}`);
      const session = await t.http
        .post('/api/v1/trainings/6f1c1f5e-0d0a-4a8e-9a57-3f0e6f2b9c11/sessions')
        .set(auth(supervisor))
        .send({ sessionNo: 1, heldOn: '2026-03-01', present });
      expect(expectProblem(session, 400, 'VALIDATION.FAILED').errors).toEqual([
        expect.objectContaining({ field: 'present', rule: 'arrayMaxSize' }),
      ]);
    });
  });

  describe('deep JSON', () => {
    const deepObject = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
    const deepArray = (depth: number) => `{"text":${'['.repeat(depth)}${']'.repeat(depth)}}`;
    const post = (path: string, text: string, token = caseworker) =>
      t.http
        .post(path)
        .set({ ...auth(token), 'content-type': 'application/json' })
        .send(text);

    it.each([
      ['objects', deepObject(10_000)],
      ['arrays', deepArray(10_000)],
    ])('refuses %s nested 10,000 deep with 400 before transforming them', async (_, text) => {
      const head = await t.store.headPosition();
      const response = await post(`/api/v1/households/${id}/notes`, text);
      const problem = expectProblem(response, 400, 'REQUEST.TOO_DEEP');
      expect(problem.errors).toEqual([expect.objectContaining({ rule: 'maxDepth' })]);
      expect(response.text.length).toBeLessThan(SMALL);
      expect(await t.store.headPosition()).toBe(head);
    });

    it('refuses them on every command route, never with a 500', async () => {
      const doc = (await t.http.get('/docs/openapi.json').expect(200)).body as {
        paths: Record<string, { post?: { requestBody?: { content: Record<string, unknown> } } }>;
      };
      // A route that takes another media type (a DTKS extract as text/csv) refuses JSON first (415).
      const takesJson = (p: string) => !doc.paths[p]!.post!.requestBody?.content['text/csv'];
      const routes = Object.keys(doc.paths).filter((p) => doc.paths[p]!.post && takesJson(p));
      expect(Object.keys(doc.paths).filter((p) => doc.paths[p]!.post && !takesJson(p))).toEqual(['/api/v1/imports']);
      expect(routes.length).toBeGreaterThan(20);
      for (const route of routes) {
        const path = route.replace(/\{(\w+)\}/g, (_, name: string) =>
          name === 'nik' ? '3275014501850001' : '6f1c1f5e-0d0a-4a8e-9a57-3f0e6f2b9c11',
        );
        const response = await post(path, deepObject(10_000), supervisor);
        expect({ route, status: response.status, code: response.body.code }).toEqual({
          route,
          status: 400,
          code: 'REQUEST.TOO_DEEP',
        });
      }
    });

    it('takes 32 levels and refuses 33', async () => {
      const at = (depth: number) => post(`/api/v1/households/${id}/notes`, `{"text":"n","x":${deepObject(depth - 1)}}`);
      expectProblem(await at(33), 400, 'REQUEST.TOO_DEEP');
      // Shallow enough: the DTO's own rules answer (x is not a known field).
      const shallow = expectProblem(await at(32), 400, 'VALIDATION.FAILED');
      expect(shallow.errors).toContainEqual(expect.objectContaining({ field: 'x', rule: 'unknownField' }));
    });
  });
});
