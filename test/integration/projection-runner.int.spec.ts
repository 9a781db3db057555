import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { sql } from 'kysely';
import { SqliteEventStore, type AllFilter, type NewEvent } from '#libs/platform/event-store/index.js';
import {
  ProjectionRunner,
  applyFold,
  foldAcrossBatches,
  writeRows,
  type BatchFold,
  openPostgresReadDatabase,
  openSqliteReadDatabase,
  type AnyKysely,
  type Projection,
  type ReadDatabase,
} from '#libs/platform/read-store/index.js';
import { buildIndexes, REBUILD_STATISTICS } from '#libs/platform/read-store/shadow-rebuild.js';
import { dropSchema, testDatabaseUrl } from '../support/postgres.js';
import { eventually } from '../support/eventually.js';
import { testMetadata } from '../support/events.js';

const meta = testMetadata;

/**
 * Records every event it is given, once: the primary key on the position turns a second
 * application into an error. `poisoned` makes it fail on events of type Poison.
 */
function recorder(name: string, filter: AllFilter): Projection & { poisoned: boolean } {
  const table = `seen_${name}`;
  return {
    name,
    version: 1,
    filter,
    tables: [table],
    poisoned: false,
    async setup(db) {
      await db.schema
        .createTable(table)
        .ifNotExists()
        .addColumn('position', 'integer', (c) => c.primaryKey())
        .addColumn('type', 'text', (c) => c.notNull())
        .execute();
    },
    async apply(trx, event) {
      await trx.insertInto(table).values({ position: event.position, type: event.type }).execute();
      if (this.poisoned && event.type === 'Poison') throw new Error(`${name} cannot digest position ${event.position}`);
    },
  };
}

const event = (type: string): NewEvent => ({ eventId: randomUUID(), type, data: {}, metadata: meta });

async function appendMany(store: SqliteEventStore, count: number, category: string, type = 'Happened'): Promise<void> {
  for (let i = 0; i < count; i += 100) {
    const events = Array.from({ length: Math.min(100, count - i) }, () => event(type));
    await store.append(`${category}-${randomUUID()}`, events, 'no_stream');
  }
}

describe.each(['sqlite', 'postgres'] as const)('projection runner on the shared feed (read store: %s)', (dialect) => {
  let dir: string;
  let schema: string;
  let store: SqliteEventStore;
  let readDb: ReadDatabase;
  const runners: ProjectionRunner[] = [];

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'jejak-runner-'));
    schema = `runner_${randomUUID().slice(0, 8)}`;
    store = new SqliteEventStore({ filename: join(dir, 'events.db'), synchronous: 'NORMAL' });
    readDb =
      dialect === 'sqlite' ? openSqliteReadDatabase(dir) : await openPostgresReadDatabase(testDatabaseUrl(), schema);
  });
  afterEach(async () => {
    for (const runner of runners.splice(0)) await runner.stop();
    await readDb.close();
    await store.close();
    if (dialect === 'postgres') await dropSchema(schema);
    rmSync(dir, { recursive: true, force: true });
  });

  const start = async (projections: Projection[]): Promise<ProjectionRunner> => {
    const runner = new ProjectionRunner(store, readDb, projections, { retryDelayMs: 50, batchSize: 100 });
    runners.push(runner);
    await runner.start();
    return runner;
  };
  const seen = async (name: string): Promise<number[]> =>
    (await readDb.reader.selectFrom(`seen_${name}`).select('position').orderBy('position').execute()).map((r) =>
      Number(r.position),
    );
  const positions = async (filter: AllFilter): Promise<number[]> =>
    (await store.readAll({ filter })).map((e) => e.position);

  it('once live with liveBatchMs, takes the appends made during the pause in one batch, shared or isolated', async () => {
    const batches: Record<string, number[]> = { shared: [], isolated: [] };
    const counting = (name: 'shared' | 'isolated'): Projection => ({
      name,
      version: 1,
      filter: {},
      tables: [],
      isolated: name === 'isolated',
      async setup() {},
      async apply() {},
      async applyBatch(_trx, events) {
        batches[name]!.push(events.length);
      },
    });
    const runner = new ProjectionRunner(store, readDb, [counting('shared'), counting('isolated')], {
      liveBatchMs: 300,
    });
    runners.push(runner);
    await runner.start();
    await appendMany(store, 1, 'household');
    expect(await runner.settle(20_000)).toBe(true);
    for (const name of ['shared', 'isolated']) batches[name]!.length = 0;
    // Five appends, each its own commit, within one pause: one batch of five each.
    for (let i = 0; i < 5; i++) await appendMany(store, 1, 'household');
    expect(await runner.waitFor(await store.headPosition(), 20_000)).toBe(true);
    await eventually(() => batches.isolated!.length > 0, 'the isolated projection to catch up');
    expect(batches).toEqual({ shared: [5], isolated: [5] });
  });

  it('rebuilds a read model without the indexes it defers, then makes them as they were', async () => {
    const indexed = (deferred: string[]): Projection & { during: string[][] } => {
      const base = recorder('indexed', {});
      const during: string[][] = [];
      return {
        ...base,
        deferredIndexes: deferred,
        during,
        async setup(db) {
          await base.setup(db);
          await db.schema.createIndex('seen_by_type').ifNotExists().on('seen_indexed').columns(['type']).execute();
        },
        async apply(trx, event) {
          await base.apply(trx, event);
          during.push(await indexNames(trx));
        },
      };
    };
    const indexNames = async (db: AnyKysely): Promise<string[]> => {
      const { rows } =
        dialect === 'postgres'
          ? await sql<{ name: string }>`SELECT indexname AS name FROM pg_indexes
              WHERE schemaname = current_schema() AND indexname LIKE 'seen_by_type%'`.execute(db)
          : await sql<{ name: string }>`SELECT name FROM sqlite_master
              WHERE type = 'index' AND name LIKE 'seen_by_type%'`.execute(db);
      return rows.map((row) => row.name).sort();
    };
    const definition = async (): Promise<unknown> =>
      dialect === 'postgres'
        ? (
            await sql`SELECT indexdef FROM pg_indexes WHERE schemaname = current_schema() AND indexname = 'seen_by_type'`.execute(
              readDb.reader,
            )
          ).rows
        : (await sql`SELECT sql FROM sqlite_master WHERE name = 'seen_by_type'`.execute(readDb.reader)).rows;
    await appendMany(store, 300, 'household');
    const projection = indexed(['seen_by_type']);
    const runner = await start([projection]);
    expect(await runner.settle(20_000)).toBe(true);
    const before = await definition();
    expect(before).toHaveLength(1);
    projection.during.length = 0;
    await runner.rebuild('indexed');
    // Live, the index was there at every batch; the rebuild's load went without its shadow copy
    // (built after the load on PostgreSQL, remade at the swap on SQLite, which remakes every index).
    expect(new Set(projection.during.map((names) => names.join()))).toEqual(new Set(['seen_by_type']));
    expect(await definition()).toEqual(before);
    expect(await seen('indexed')).toEqual(await positions({}));

    // A name its setup does not make is a mistake, said on either store, and the live tables stay.
    const other = await start([{ ...recorder('wrong', {}), deferredIndexes: ['seen_by_kind'] }]);
    expect(await other.settle(20_000)).toBe(true);
    await expect(other.rebuild('wrong')).rejects.toThrow('wrong: its setup makes no index seen_by_kind__rebuild');
    expect(await seen('wrong')).toEqual(await positions({}));
    // A unique index cannot wait: a batch's upserts rely on it while they write.
    const unique: Projection = {
      ...recorder('unique', {}),
      deferredIndexes: ['seen_unique_type'],
      async setup(db) {
        await recorder('unique', {}).setup(db);
        await db.schema
          .createIndex('seen_unique_type')
          .ifNotExists()
          .unique()
          .on('seen_unique')
          .columns(['position', 'type'])
          .execute();
      },
    };
    const third = await start([unique]);
    expect(await third.settle(20_000)).toBe(true);
    await expect(third.rebuild('unique')).rejects.toThrow('unique: a unique index cannot be deferred');
  });

  it('stops a rebuild under way without swapping it in or starting the read model again', async () => {
    await appendMany(store, 300, 'household');
    const slow = recorder('slow', {});
    let applying = false;
    const projection: Projection = {
      ...slow,
      async applyBatch(trx, events) {
        applying = true;
        for (const event of events) await slow.apply(trx, event);
        await new Promise((resolve) => setTimeout(resolve, 100));
      },
    };
    const runner = new ProjectionRunner(store, readDb, [projection], { retryDelayMs: 50, batchSize: 50 });
    runners.push(runner);
    await runner.start();
    expect(await runner.settle(20_000)).toBe(true);
    applying = false;
    const rebuilding = runner.rebuild('slow');
    await eventually(() => applying, 'the rebuild to apply its first batch');
    await runner.stop();
    await expect(rebuilding).rejects.toThrow('slow: stopped during its rebuild');
    expect(runner.status().map((s) => s.state)).toEqual(['stopped']);
    expect(await seen('slow')).toEqual(await positions({}));
  });

  it('rebuilds through a fold that keeps its rows from batch to batch: nothing read back, each row written once, past its limit batch by batch', async () => {
    // Seven tallies (a position's remainder by 7), each moved by every batch of 100 events.
    type Tally = { rows: Map<string, number>; written: Map<string, number> };
    const keyOf = (e: { position: number }) => `k${e.position % 7}`;
    const log: string[] = [];
    const tallies: BatchFold<Tally> = {
      async load(trx, events) {
        log.push('load');
        const keys = [...new Set(events.map(keyOf))];
        const found = await trx.selectFrom('tally').selectAll().where('k', 'in', keys).execute();
        const rows = new Map(found.map((r) => [String(r.k), Number(r.n)]));
        return { rows, written: new Map(rows) };
      },
      empty: () => ({ rows: new Map(), written: new Map() }),
      fold({ rows }, events) {
        for (const e of events) rows.set(keyOf(e), (rows.get(keyOf(e)) ?? 0) + 1);
      },
      async write(trx, { rows, written }) {
        const changed = [...rows].filter(([k, n]) => written.get(k) !== n).map(([k, n]) => ({ k, n }));
        log.push(`write ${changed.length}`);
        await writeRows(trx, changed, (chunk) =>
          trx
            .insertInto('tally')
            .values(chunk)
            .onConflict((oc) => oc.column('k').doUpdateSet((eb) => ({ n: eb.ref('excluded.n') }))),
        );
      },
      settle({ rows, written }) {
        for (const [k, n] of rows) written.set(k, n);
      },
      size: ({ rows }) => rows.size,
    };
    const tally: Projection = {
      name: 'tally',
      version: 1,
      filter: {},
      tables: ['tally'],
      async setup(db) {
        await db.schema
          .createTable('tally')
          .ifNotExists()
          .addColumn('k', 'text', (c) => c.primaryKey())
          .addColumn('n', 'integer', (c) => c.notNull())
          .execute();
      },
      async apply(trx, event) {
        await applyFold(tallies, trx, [event]);
      },
      applyBatch: (trx, events) => applyFold(tallies, trx, events),
      rebuilding: (heldRows) => foldAcrossBatches(tallies, heldRows),
    };
    const rows = async () =>
      (await readDb.reader.selectFrom('tally').selectAll().orderBy('k').execute()).map((r) => [r.k, Number(r.n)]);
    await appendMany(store, 1_000, 'household');
    const all = await positions({});
    const expected = Array.from({ length: 7 }, (_, i) => [`k${i}`, all.filter((p) => p % 7 === i).length]);
    const runner = await start([tally]);
    expect(await runner.settle(20_000)).toBe(true);
    // Built live in batches of 100: each read its tallies and wrote them.
    expect(log.filter((l) => l === 'load')).toHaveLength(10);
    expect(await rows()).toEqual(expected);

    // The rebuild's ten batches read nothing. On PostgreSQL the seven rows are written once, when
    // its catch-up ends; SQLite, one writer per file, writes what each batch changed in the
    // batch's transaction. The second catch-up, after the pause, finds nothing more to write.
    log.length = 0;
    await runner.rebuild('tally');
    expect(log).toEqual(
      dialect === 'postgres'
        ? ['write 7', 'write 0']
        : [...Array.from({ length: 10 }, () => 'write 7'), 'write 0', 'write 0'],
    );
    expect(await rows()).toEqual(expected);
    await runner.stop();
    runners.splice(runners.indexOf(runner), 1);

    // Past the rows a rebuild may hold (REBUILD_HELD_ROWS, 3 here) the fold writes them and goes on as live.
    const limited = new ProjectionRunner(store, readDb, [tally], {
      retryDelayMs: 50,
      batchSize: 100,
      rebuildHeldRows: 3,
    });
    runners.push(limited);
    await limited.start();
    expect(await limited.settle(20_000)).toBe(true);
    log.length = 0;
    await limited.rebuild('tally');
    expect(log).toEqual(['write 7', ...Array.from({ length: 9 }, () => ['load', 'write 7']).flat()]);
    expect(await rows()).toEqual(expected);

    // Flushed, then given more: it writes only what changed since, over what it wrote.
    const fold = foldAcrossBatches(tallies);
    const later = await store.readAll({ after: 995 });
    await readDb.writer.transaction().execute(async (trx) => {
      await trx.deleteFrom('tally').execute();
      await fold.apply(trx, await store.readAll({ limit: 995 }));
    });
    log.length = 0;
    await readDb.writer.transaction().execute((trx) => fold.flush(trx));
    await readDb.writer.transaction().execute((trx) => fold.apply(trx, later));
    await readDb.writer.transaction().execute((trx) => fold.flush(trx));
    // Five events after the flush, five tallies moved: those alone are written again.
    expect(log).toEqual(['write 7', 'write 5']);
    expect(await rows()).toEqual(expected);
    await readDb.writer.transaction().execute((trx) => fold.flush(trx));
    expect(log.at(-1)).toBe('write 0');
  });

  it('reports read models live on an empty store, and again after a restart at the head', async () => {
    const first = await start([recorder('a', {}), recorder('b', { categories: ['pkh'] })]);
    await eventually(() => first.status().every((s) => s.state === 'live'), 'live on an empty store');
    await appendMany(store, 10, 'household');
    expect(await first.settle(20_000)).toBe(true);
    await first.stop();
    const again = await start([recorder('a', {}), recorder('b', { categories: ['pkh'] })]);
    await eventually(() => again.status().every((s) => s.state === 'live'), 'live again at the head');
  });

  it('gives each read model exactly the events its filter asks for, once, from one feed', async () => {
    await appendMany(store, 450, 'household');
    await appendMany(store, 350, 'pkh');
    const all = recorder('all', {});
    const households = recorder('households', { categories: ['household'] });
    const pkh = recorder('pkh', { categories: ['pkh'] });
    const runner = await start([all, households, pkh]);
    expect(await runner.settle(20_000)).toBe(true);
    await appendMany(store, 120, 'pkh');
    expect(await runner.settle(20_000)).toBe(true);

    expect(await seen('all')).toEqual(await positions({}));
    expect(await seen('households')).toEqual(await positions({ categories: ['household'] }));
    expect(await seen('pkh')).toEqual(await positions({ categories: ['pkh'] }));
    const head = await store.headPosition();
    expect(runner.status()).toEqual(
      ['all', 'households', 'pkh'].map((name) =>
        expect.objectContaining({ name, checkpoint: head, state: 'live', feed: 'shared' }),
      ),
    );
  });

  it('lets a failing read model leave the feed without holding up the others, then takes it back', async () => {
    const steady = recorder('steady', {});
    const flaky = recorder('flaky', {});
    flaky.poisoned = true;
    const runner = await start([steady, flaky]);
    await appendMany(store, 150, 'household');
    await appendMany(store, 1, 'household', 'Poison');
    await appendMany(store, 150, 'household');
    const head = await store.headPosition();

    await eventually(() => runner.status().find((s) => s.name === 'flaky')!.state === 'failing', 'flaky to fail');
    await eventually(
      () => runner.status().find((s) => s.name === 'steady')!.checkpoint === head,
      'steady to reach the head while flaky fails',
    );
    const failing = runner.status().find((s) => s.name === 'flaky')!;
    expect(failing).toMatchObject({ feed: 'own', lastError: expect.stringContaining('cannot digest') });
    expect(failing.checkpoint).toBeLessThan(151);
    // The failed batch wrote nothing: the rows end where the checkpoint ends.
    expect(await seen('flaky')).toEqual((await positions({})).filter((p) => p <= failing.checkpoint));

    flaky.poisoned = false;
    expect(await runner.settle(20_000)).toBe(true);
    await eventually(() => runner.status().every((s) => s.feed === 'shared'), 'flaky to rejoin the shared feed');
    await appendMany(store, 80, 'pkh');
    expect(await runner.settle(20_000)).toBe(true);
    expect(await seen('flaky')).toEqual(await positions({}));
    expect(await seen('steady')).toEqual(await positions({}));
    expect(runner.status().map((s) => s.state)).toEqual(['live', 'live']);
  });

  it('waits for the read models a read names, whatever the others do, and for all of them by default', async () => {
    const steady = recorder('steady', {});
    const flaky = recorder('flaky', {});
    flaky.poisoned = true;
    const runner = await start([steady, flaky]);
    await appendMany(store, 1, 'household', 'Poison');
    const head = await store.headPosition();
    await eventually(() => runner.status().find((s) => s.name === 'flaky')!.state === 'failing', 'flaky to fail');

    expect(await runner.waitFor(head, 10_000, ['steady'])).toBe(true);
    expect(runner.readModelPosition(['steady'])).toBe(head);
    // A name this process does not run counts as every read model: flaky holds the position back.
    expect(runner.readModelPosition(['elsewhere'])).toBe(runner.readModelPosition());
    expect(runner.readModelPosition()).toBeLessThan(head);
    flaky.poisoned = false;
    expect(await runner.waitFor(head, 20_000)).toBe(true);
  });

  it('stops at once, even while a projection waits to retry', async () => {
    const flaky = recorder('flaky', {});
    flaky.poisoned = true;
    const runner = new ProjectionRunner(store, readDb, [recorder('steady', {}), flaky], { retryDelayMs: 600_000 });
    await runner.start();
    await appendMany(store, 1, 'household', 'Poison');
    await eventually(() => runner.status().find((s) => s.name === 'flaky')!.state === 'failing', 'flaky to fail');
    // A back-off of ten minutes: if stop() waited for it, the test would time out.
    await runner.stop();
    expect(runner.status().map((s) => s.state)).toEqual(['stopped', 'stopped']);
  });

  it('lets a read model far behind catch up on its own while the others stay on the shared feed', async () => {
    const early = recorder('early', {});
    const first = await start([early]);
    await appendMany(store, 12_000, 'household');
    expect(await first.settle(60_000)).toBe(true);
    await first.stop();
    runners.splice(runners.indexOf(first), 1);

    const late = recorder('late', { categories: ['household'] });
    const runner = await start([recorder('early', {}), late]);
    // Started from zero on its own feed; on a busy machine its first batches may already be in.
    const lateAtStart = runner.status().find((s) => s.name === 'late')!;
    expect(lateAtStart.feed).toBe('own');
    expect(lateAtStart.checkpoint).toBeLessThan(12_000);
    expect(runner.status().find((s) => s.name === 'early')).toMatchObject({ feed: 'shared' });
    expect(await runner.settle(60_000)).toBe(true);
    await eventually(() => runner.status().every((s) => s.feed === 'shared'), 'late to join the shared feed');
    await appendMany(store, 30, 'household');
    expect(await runner.settle(20_000)).toBe(true);
    expect(await seen('late')).toEqual(await positions({ categories: ['household'] }));
    expect(await seen('early')).toEqual(await positions({}));
    // 12,000 appends and two catch-ups: the settles above allow a minute each, so the test allows more.
  }, 180_000);
});

describe('rebuilding a read model on PostgreSQL', () => {
  it('swaps in tables that have statistics, so their first reads are planned from what they hold', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jejak-runner-'));
    const schema = `runner_${randomUUID().slice(0, 8)}`;
    const store = new SqliteEventStore({ filename: join(dir, 'events.db'), synchronous: 'NORMAL' });
    const readDb = await openPostgresReadDatabase(testDatabaseUrl(), schema);
    const runner = new ProjectionRunner(store, readDb, [recorder('rebuilt', {})], { retryDelayMs: 50 });
    try {
      await appendMany(store, 500, 'household');
      await runner.start();
      expect(await runner.settle(20_000)).toBe(true);
      await runner.rebuild('rebuilt');
      const { rows } = await sql<{ reltuples: number; analyzed: boolean }>`
        SELECT c.reltuples, s.last_analyze IS NOT NULL OR s.last_autoanalyze IS NOT NULL AS analyzed
          FROM pg_class c JOIN pg_stat_user_tables s ON s.relid = c.oid
         WHERE s.schemaname = ${schema} AND s.relname = 'seen_rebuilt'`.execute(readDb.reader);
      expect(rows).toEqual([{ reltuples: 500, analyzed: true }]);
      // Swapped in with a first sample (REBUILD_STATISTICS); the full statistics follow, at the
      // server's target (100 here: a histogram of 101 bounds where the sample made at most 11).
      await runner.maintained();
      const { rows: full } = await sql<{ bounds: number; analyses: number }>`
        SELECT array_length(st.histogram_bounds::text::text[], 1) AS bounds, s.analyze_count::int AS analyses
          FROM pg_stats st JOIN pg_stat_user_tables s ON s.schemaname = st.schemaname AND s.relname = st.tablename
         WHERE st.schemaname = ${schema} AND st.tablename = 'seen_rebuilt' AND st.attname = 'position'`.execute(
        readDb.reader,
      );
      expect(full).toEqual([{ bounds: 101, analyses: 2 }]);
      expect(await readDb.reader.selectFrom('seen_rebuilt').select('position').execute()).toHaveLength(500);
    } finally {
      await runner.stop();
      await readDb.close();
      await store.close();
      await dropSchema(schema);
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('builds the indexes it set aside without parallel workers, in the transaction that says so', async () => {
    const schema = `runner_${randomUUID().slice(0, 8)}`;
    const readDb = await openPostgresReadDatabase(testDatabaseUrl(), schema);
    const db = readDb.writer;
    try {
      // An index expression that fails unless its build runs with max_parallel_maintenance_workers = 0.
      await sql`CREATE TABLE probed (n integer NOT NULL)`.execute(db);
      await sql`INSERT INTO probed SELECT generate_series(1, ${REBUILD_STATISTICS * 100})`.execute(db);
      await sql`
        CREATE FUNCTION serial_build(n integer) RETURNS integer IMMUTABLE LANGUAGE plpgsql AS $$
        BEGIN
          IF current_setting('max_parallel_maintenance_workers') <> '0' THEN
            RAISE EXCEPTION 'built with parallel workers allowed';
          END IF;
          RETURN n;
        END $$`.execute(db);
      const definitions = [
        'CREATE INDEX probed_a ON probed (serial_build(n))',
        'CREATE INDEX probed_b ON probed (serial_build(n + 1))',
      ];
      // The probe itself: a build with workers allowed is refused.
      await expect(
        db.transaction().execute(async (trx) => {
          await sql`SET LOCAL max_parallel_maintenance_workers = 2`.execute(trx);
          await sql.raw(definitions[0]!).execute(trx);
        }),
      ).rejects.toThrow('built with parallel workers allowed');
      await buildIndexes(db, definitions);
      const { rows } = await sql<{ indexname: string }>`
        SELECT indexname FROM pg_indexes WHERE schemaname = ${schema} AND tablename = 'probed' ORDER BY indexname`.execute(
        db,
      );
      expect(rows.map((r) => r.indexname)).toEqual(['probed_a', 'probed_b']);
    } finally {
      await readDb.close();
      await dropSchema(schema);
    }
  });
});
