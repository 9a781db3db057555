import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import Database from 'better-sqlite3';
import pg from 'pg';
import { AccessLogStore, type AccessRecord } from '#libs/platform/access-log/index.js';
import { dropSchema, testDatabaseUrl } from '../support/postgres.js';

const read = (i: number, over: Partial<AccessRecord> = {}): AccessRecord => ({
  at: new Date(Date.UTC(2026, 2, 1, 8, 0, i)).toISOString(),
  actor: i % 2 ? 'cw-01' : 'sv-01',
  role: i % 2 ? 'caseworker' : 'supervisor',
  method: 'GET',
  route: '/api/v1/households/:id',
  purpose: i % 3 ? 'home visit' : null,
  households: [`h-${i}`, `h-${i + 1}`],
  requestId: `req-${i}`,
  ...over,
});

/** The access log's tables on both engines: chained appends, pages, and what verify catches. */
describe.each(['sqlite', 'postgres'] as const)('access log store on %s', (engine) => {
  let dir: string;
  let schema: string;
  let store: AccessLogStore;
  const open = () =>
    engine === 'sqlite'
      ? AccessLogStore.openSqlite(join(dir, 'access-log.db'))
      : AccessLogStore.openPostgres(testDatabaseUrl(), schema);

  /** Runs SQL on the log behind the store's back, as someone with the database would. */
  async function sqlOnTheLog(statement: string): Promise<void> {
    if (engine === 'sqlite') {
      const db = new Database(join(dir, 'access-log.db'));
      try {
        db.exec(statement);
      } finally {
        db.close();
      }
    } else {
      const client = new pg.Client({ connectionString: testDatabaseUrl() });
      await client.connect();
      try {
        await client.query(`SET search_path = "${schema}"; ${statement}`);
      } finally {
        await client.end();
      }
    }
  }

  /** The same, with the append-only triggers out of the way first. */
  const tamper = (statement: string) =>
    sqlOnTheLog(
      (engine === 'sqlite'
        ? ['access_log', 'access_log_households']
            .flatMap((t) => [`DROP TRIGGER ${t}_no_update;`, `DROP TRIGGER ${t}_no_delete;`])
            .join(' ')
        : 'ALTER TABLE access_log DISABLE TRIGGER USER; ALTER TABLE access_log_households DISABLE TRIGGER USER;') +
        statement,
    );

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'jejak-access-log-'));
    schema = `alog_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
    store = await open();
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
    if (engine === 'postgres') await dropSchema(schema);
  });

  it('numbers and links entries across appends, and verifies them', async () => {
    // Quotes, backslashes and non-ASCII survive the trip to the writer and back through verify.
    const first = await store.append([read(1, { purpose: 'kunjungan "rumah" \\ café' }), read(2)]);
    const second = await store.append([read(3)]);
    expect([...first, ...second].map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(new Set([...first, ...second].map((e) => e.hash)).size).toBe(3);
    expect(await store.verify()).toEqual({
      ok: true,
      entriesChecked: 3,
      headSeq: 3,
      headHash: second[0]!.hash,
      firstBreak: null,
    });
    if (engine === 'sqlite') expect(statSync(join(dir, 'access-log.db')).mode & 0o777).toBe(0o600);
  });

  it('keeps one chain when two instances append to the same log at once', async () => {
    const other = await open();
    try {
      await Promise.all(
        Array.from({ length: 10 }, (_, i) => (i % 2 ? store : other).append([read(i * 2), read(i * 2 + 1)])),
      );
      expect(await store.verify()).toMatchObject({ ok: true, entriesChecked: 20, headSeq: 20 });
    } finally {
      await other.close();
    }
  });

  it('pages newest first by household or actor, before a number, within a time range', async () => {
    await store.append(Array.from({ length: 10 }, (_, i) => read(i + 1)));
    const about = await store.find({ household: 'h-5', limit: 10 });
    expect(about.map((e) => e.seq)).toEqual([5, 4]);
    expect(about[0]).toMatchObject({ households: ['h-5', 'h-6'], purpose: 'home visit', requestId: 'req-5' });
    expect((await store.find({ actor: 'cw-01', limit: 2 })).map((e) => e.seq)).toEqual([9, 7]);
    expect((await store.find({ actor: 'cw-01', before: 7, limit: 10 })).map((e) => e.seq)).toEqual([5, 3, 1]);
    const range = { from: read(3).at, to: read(6).at };
    expect((await store.find({ actor: 'sv-01', ...range, limit: 10 })).map((e) => e.seq)).toEqual([4]);
  });

  it('refuses to change or remove entries', async () => {
    await store.append([read(1), read(2)]);
    for (const statement of [
      `UPDATE access_log SET purpose = 'routine' WHERE seq = 1`,
      `DELETE FROM access_log WHERE seq = 2`,
      `DELETE FROM access_log_households WHERE seq = 2`,
      ...(engine === 'postgres' ? ['TRUNCATE access_log_households'] : []),
    ])
      // The message, not toThrow: better-sqlite3's errors may come from another test file's realm.
      expect(
        await sqlOnTheLog(statement).then(
          () => 'done',
          (error: Error) => error.message,
        ),
      ).toBe('the access log is append-only');
    expect(await store.verify()).toMatchObject({ ok: true, entriesChecked: 2 });
  });

  it('reports a changed entry where it was changed', async () => {
    await store.append([read(1), read(2), read(3)]);
    await tamper(`UPDATE access_log SET purpose = 'nothing to see' WHERE seq = 2`);
    expect(await store.verify()).toMatchObject({
      ok: false,
      entriesChecked: 1,
      firstBreak: { seq: 2, reason: 'entry differs from what was chained (changed?)' },
    });
  });

  it('reports a removed entry as a gap', async () => {
    await store.append([read(1), read(2), read(3)]);
    await tamper(`DELETE FROM access_log_households WHERE seq = 2; DELETE FROM access_log WHERE seq = 2`);
    expect(await store.verify()).toMatchObject({
      ok: false,
      firstBreak: { seq: 2, reason: 'entry missing from the log (removed?)' },
    });
  });

  it('reports a household index that no longer matches its entry', async () => {
    await store.append([read(1), read(2)]);
    await tamper(`DELETE FROM access_log_households WHERE seq = 2 AND household_id = 'h-3'`);
    expect(await store.verify()).toMatchObject({
      ok: false,
      firstBreak: { seq: 2, reason: 'household index differs from the entry (changed?)' },
    });
  });
});
