import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { expectProblem } from '../support/edge.js';
import { household, startTestApp, type TestApp } from '../support/test-app.js';

/** Commands and reads are limited per principal (the token's subject): 429 problem+json with Retry-After. */
describe('the edge: rate limits per principal', () => {
  let t: TestApp;
  let id: string;
  const auth = (token: string) => ({ authorization: `Bearer ${token}` });

  beforeAll(async () => {
    t = await startTestApp({ RATE_LIMIT_COMMANDS: '3', RATE_LIMIT_READS: '4', RATE_LIMIT_WINDOW_SECONDS: '60' });
    id = (
      await t.http
        .post('/api/v1/households')
        .set(auth(await t.token('caseworker', 'cw-setup')))
        .send(household())
        .expect(201)
    ).body.id;
  });
  afterAll(async () => t.close());

  const note = async (sub: string) =>
    t.http
      .post(`/api/v1/households/${id}/notes`)
      .set(auth(await t.token('caseworker', sub)))
      .send({ text: 'burst' });

  it('answers the command beyond the limit with 429, Retry-After and nothing appended', async () => {
    for (let i = 0; i < 3; i++) expect((await note('cw-burst')).status).toBe(200);
    const head = await t.store.headPosition();
    const refused = await note('cw-burst');
    const problem = expectProblem(refused, 429, 'REQUEST.RATE_LIMITED');
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(problem.retryAfterSeconds).toBe(retryAfter);
    expect(await t.store.headPosition()).toBe(head);
  });

  it("counts each principal on its own: another caseworker's commands still go through", async () => {
    expect((await note('cw-other')).status).toBe(200);
  });

  it('limits reads and searches apart from commands', async () => {
    const token = await t.token('caseworker', 'cw-burst');
    const read = () => t.http.get(`/api/v1/households?text=Siti`).set(auth(token));
    for (let i = 0; i < 4; i++) expect((await read()).status).toBe(200);
    expectProblem(await read(), 429, 'REQUEST.RATE_LIMITED');
  });

  it('never limits the operations routes', async () => {
    for (let i = 0; i < 10; i++) await t.http.get('/health/live').expect(200);
  });

  it('is off when set to 0, as in the other tests (a burst of 40 commands)', async () => {
    const open = await startTestApp();
    try {
      const token = await open.token('caseworker', 'cw-open');
      const created = await open.http.post('/api/v1/households').set(auth(token)).send(household()).expect(201);
      const statuses = await Promise.all(
        Array.from({ length: 40 }, () =>
          open.http.post(`/api/v1/households/${created.body.id}/notes`).set(auth(token)).send({ text: 'n' }),
        ),
      );
      expect(statuses.every((r) => r.status === 200)).toBe(true);
    } finally {
      await open.close();
    }
  });
});
