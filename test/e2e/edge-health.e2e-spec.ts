import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { expectProblem } from '../support/edge.js';
import { eventually } from '../support/eventually.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * /health told anyone the event store's kind and head and every projection's state, checkpoint,
 * lag and last error. An anonymous caller (a load balancer) now learns up or down only; the
 * details need a token, of any role.
 */
describe('the edge: health for anonymous callers', () => {
  let t: TestApp;
  const auth = (token: string) => ({ authorization: `Bearer ${token}` });

  beforeAll(async () => {
    t = await startTestApp();
    await eventually(() => t.runner.status().every((p) => p.state === 'live'), 'every projection to run');
  });
  afterAll(async () => t.close());

  it.each(['/health', '/health/live', '/health/ready'])(
    'answers %s without a token with its status only',
    async (path) => {
      const response = await t.http.get(path).expect(200);
      expect(response.body).toEqual({ status: 'ok' });
    },
  );

  it.each(['caseworker', 'reporter', 'auditor'] as const)(
    'gives the details to a token of any role: %s',
    async (role) => {
      const token = await t.token(role);
      const health = await t.http.get('/health').set(auth(token)).expect(200);
      expect(health.body).toMatchObject({ status: 'ok', eventStore: { kind: expect.any(String) } });
      expect(health.body.projections.length).toBeGreaterThan(0);
      const ready = await t.http.get('/health/ready').set(auth(token)).expect(200);
      expect(Object.keys(ready.body.details)).toContain('eventStore');
      const live = await t.http.get('/health/live').set(auth(token)).expect(200);
      expect(live.body).toEqual({ status: 'ok', info: {}, error: {}, details: {} });
    },
  );

  it('refuses a bad token with 401 rather than answering as if anonymous', async () => {
    expectProblem(await t.http.get('/health').set(auth('not-a-token')), 401, 'AUTH.TOKEN_INVALID');
  });
});
