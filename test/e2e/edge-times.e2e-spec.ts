import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { expectProblem } from '../support/edge.js';
import { eventually } from '../support/eventually.js';
import { household, startTestApp, type TestApp } from '../support/test-app.js';

/**
 * Times on the as-of routes and the auditors' feeds are full ISO 8601 date-times with Z or an
 * offset. Week dates, ordinal dates, the basic format and times without a zone were answered 500
 * (as-of) or 200 with nothing and a `next` cursor at the head (the feed), so a consumer that
 * followed it skipped everything.
 */
describe('the edge: times that are not full ISO 8601 date-times', () => {
  let t: TestApp;
  let auditor: string;
  let id: string;
  const auth = (token: string) => ({ authorization: `Bearer ${token}` });
  const odd = [
    '2026-W01',
    '2026-W01-1',
    '2026-060',
    '20260301T000000Z',
    '20260301',
    '2026-03-01',
    '2026-03-01T00:00:00',
    '2026-02-30T00:00:00Z',
    '2026-03-01T24:00:00Z',
    '2026-03-01T00:00:00+25:00',
    'now',
  ];

  beforeAll(async () => {
    t = await startTestApp();
    auditor = await t.token('auditor', 'au-times');
    const created = await t.http
      .post('/api/v1/households')
      .set(auth(await t.token('caseworker', 'cw-times')))
      .send(household())
      .expect(201);
    id = created.body.id;
  });
  afterAll(async () => t.close());

  it.each(odd)('refuses asOf=%s on the as-of routes with 400 naming the field', async (asOf) => {
    for (const path of [
      `/api/v1/households/${id}/state`,
      `/api/v1/kubes/${id}/state`,
      `/api/v1/trainings/${id}/state`,
    ]) {
      const response = await t.http.get(path).query({ asOf }).set(auth(auditor));
      const problem = expectProblem(response, 400, 'VALIDATION.FAILED');
      expect(problem.errors).toEqual([
        { field: 'asOf', rule: 'isIsoDateTime', message: expect.stringContaining('asOf must be') },
      ]);
    }
  });

  it.each(odd)('refuses %s as from and as to on the feed and the actor route', async (value) => {
    for (const field of ['from', 'to']) {
      for (const path of ['/api/v1/events', '/api/v1/audit/actors/cw-times/events']) {
        const response = await t.http
          .get(path)
          .query({ [field]: value })
          .set(auth(auditor));
        const problem = expectProblem(response, 400, 'VALIDATION.FAILED');
        expect(problem.errors).toEqual([expect.objectContaining({ field, rule: 'isIsoDateTime' })]);
      }
    }
  });

  it('takes full date-times with Z or an offset, with or without seconds and fractions', async () => {
    for (const asOf of ['2099-01-01T00:00:00+07:00', '2099-01-01T00:00:00.123Z', '2099-01-01T07:00Z']) {
      const state = await t.http.get(`/api/v1/households/${id}/state`).query({ asOf }).set(auth(auditor)).expect(200);
      expect(state.body.asOf).toBe(new Date(asOf).toISOString());
    }
    const feed = await t.http
      .get('/api/v1/events')
      .query({ from: '2000-01-01T00:00:00Z', to: '2100-01-01T00:00:00+07:00' })
      .set(auth(auditor))
      .expect(200);
    expect(feed.body.events.length).toBeGreaterThan(0);
    await eventually(async () => {
      const byActor = await t.http
        .get('/api/v1/audit/actors/cw-times/events')
        .query({ from: '2000-01-01T00:00:00-03:30' })
        .set(auth(auditor))
        .expect(200);
      expect(byActor.body.events.length).toBeGreaterThan(0);
    }, "the actor index to hold the caseworker's registration");
  });
});
