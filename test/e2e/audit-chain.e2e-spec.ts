import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import Database from 'better-sqlite3';
import pg from 'pg';
import { household, startTestApp, type TestApp } from '../support/test-app.js';
import { auditChainLinksInWorker } from '#libs/audit/audit-chain.js';
import { testMetadata } from '../support/events.js';
import { testDatabaseUrl } from '../support/postgres.js';

/** Tamper evidence: an event changed behind the application's back breaks the hash chain there. */
describe('audit hash chain', () => {
  let t: TestApp;
  const auth = (token: string) => ({ authorization: `Bearer ${token}` });

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t.close());

  async function tamper(app: TestApp, position: number): Promise<void> {
    if (app.postgresSchema) {
      const client = new pg.Client({ connectionString: testDatabaseUrl() });
      await client.connect();
      await client.query(
        `UPDATE "${app.postgresSchema}".events SET data = '{"kk":"0000000000000000"}'::json WHERE position = $1`,
        [position],
      );
      await client.end();
    } else {
      const db = new Database(join(app.dataDir, 'events.db'));
      db.prepare(`UPDATE events SET data = '{"kk":"0000000000000000"}' WHERE position = ?`).run(position);
      db.close();
    }
  }

  it('verifies an untouched store, then reports the first changed event', async () => {
    const cw = await t.token('caseworker');
    for (let i = 0; i < 3; i++) await t.http.post('/api/v1/households').set(auth(cw)).send(household()).expect(201);
    expect(await t.runner.settle(10_000)).toBe(true);
    const auditor = await t.token('auditor');
    const ok = await t.http.get('/api/v1/audit/verify').set(auth(auditor)).expect(200);
    expect(ok.body).toMatchObject({ ok: true, firstBreak: null, eventsChecked: await t.store.headPosition() });

    const registered = (await t.store.readAll({ filter: { types: ['HouseholdRegistered'] } }))[1]!;
    await tamper(t, registered.position);
    const broken = await t.http.get('/api/v1/audit/verify').set(auth(auditor)).expect(200);
    expect(broken.body).toMatchObject({
      ok: false,
      firstBreak: {
        position: registered.position,
        eventId: registered.eventId,
        reason: 'event differs from what was chained (changed?)',
      },
    });
    expect(broken.body.eventsChecked).toBe(registered.position - 1);
    await t.http.get('/api/v1/audit/verify').set(auth(cw)).expect(403);
  });

  it('verifies a store in pages linked in the worker thread, and finds a change in the middle', async () => {
    // The chain before is broken by the test above: this one starts a store of its own.
    const own = await startTestApp();
    try {
      for (let s = 0; s < 8; s++)
        await own.store.append(
          `note-${s}`,
          Array.from({ length: 200 }, (_, i) => ({
            eventId: randomUUID(),
            type: 'NoteAdded',
            data: { text: `note ${s}.${i}`, nested: { b: i, a: [s, { y: 1, x: 'é' }] } },
            metadata: testMetadata,
          })),
          'no_stream',
        );
      expect(await own.runner.settle(20_000)).toBe(true);
      const auditor = await own.token('auditor');
      const head = await own.store.headPosition();
      const linked = auditChainLinksInWorker();
      const ok = await own.http.get('/api/v1/audit/verify').set(auth(auditor)).expect(200);
      expect(ok.body).toMatchObject({ ok: true, firstBreak: null, eventsChecked: head });
      // Two pages (1,000 events, then the rest of 1,600 and more): both linked in the worker.
      expect(auditChainLinksInWorker()).toBe(linked + 2);

      const middle = head - 450;
      await tamper(own, middle);
      const broken = await own.http.get('/api/v1/audit/verify').set(auth(auditor)).expect(200);
      expect(broken.body).toMatchObject({
        ok: false,
        eventsChecked: middle - 1,
        firstBreak: { position: middle, reason: 'event differs from what was chained (changed?)' },
      });
    } finally {
      await own.close();
    }
  });
});
