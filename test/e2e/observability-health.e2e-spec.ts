import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { sql } from 'kysely';
import { household, startTestApp, type TestApp } from '../support/test-app.js';

const until = async (done: () => boolean | Promise<boolean>, ms = 10_000): Promise<void> => {
  for (const deadline = Date.now() + ms; !(await done());) {
    if (Date.now() > deadline) throw new Error('gave up waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
};

/**
 * Liveness apart from readiness. A projection is made to fail for real: its table is renamed
 * away, so that the next event it applies breaks on the read store.
 */
describe('health', () => {
  let t: TestApp;
  let token: string;
  // The details of the probes need a token; without one they answer their status only.
  const withToken = (path: string) => t.http.get(path).set({ authorization: `Bearer ${token}` });
  // The failing projection logs its error; these tests read the probes, not the log.
  const logs: string[] = [];
  const summary = () => t.runner.status().find((p) => p.name === 'household-summary')!;
  const rename = (from: string, to: string) =>
    sql`ALTER TABLE ${sql.table(from)} RENAME TO ${sql.table(to)}`.execute(t.readDatabase.writer);

  beforeAll(async () => {
    t = await startTestApp({}, { logDestination: { write: (line) => void logs.push(line) } });
    token = await t.token('caseworker', 'cw-health');
    await until(() => t.runner.status().every((p) => p.state === 'live'));
  });
  afterAll(async () => t.close());

  describe('while every projection runs', () => {
    it('answers liveness with ok', async () => {
      const live = await withToken('/health/live').expect(200);
      expect(live.body).toEqual({ status: 'ok', info: {}, error: {}, details: {} });
    });

    it('answers readiness with the event store and each projection up', async () => {
      const ready = await withToken('/health/ready').expect(200);
      expect(ready.body.status).toBe('ok');
      expect(Object.keys(ready.body.details).sort()).toEqual(
        ['eventStore', ...t.runner.status().map((p) => p.name)].sort(),
      );
    });
  });

  describe('while a projection fails', () => {
    beforeAll(async () => {
      await rename('household_summary', 'household_summary_away');
      await t.http
        .post('/api/v1/households')
        .set({ authorization: `Bearer ${token}` })
        .send(household())
        .expect(201);
      await until(() => summary().state === 'failing');
    });

    it('answers readiness with 503 and names the failing projection', async () => {
      const ready = await withToken('/health/ready').expect(503);
      expect(ready.body.status).toBe('error');
      expect(Object.keys(ready.body.error)).toEqual(['household-summary']);
      expect((await t.http.get('/health/ready').expect(503)).body).toEqual({ status: 'error' });
    });

    it('answers liveness with 200', async () => {
      await t.http.get('/health/live').expect(200);
    });

    it('answers the readiness alias /health with 503 too', async () => {
      const health = await withToken('/health').expect(503);
      expect(health.body.status).toBe('degraded');
      expect((await t.http.get('/health').expect(503)).body).toEqual({ status: 'degraded' });
    });

    it('is ready again once the projection recovers', async () => {
      await rename('household_summary_away', 'household_summary');
      await until(async () => (await t.http.get('/health/ready')).status === 200);
      expect(summary().state).toBe('live');
    });
  });
});
