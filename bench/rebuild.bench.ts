import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createApp } from '../apps/api/src/create-app.js';
import { loadConfig } from '#libs/platform/config/index.js';
import {
  EVENT_STORE,
  PostgresEventStore,
  SqliteEventStore,
  type EventStore,
} from '#libs/platform/event-store/index.js';
import { PROJECTION_RUNNER, type ProjectionRunner } from '#libs/platform/read-store/index.js';
import { profiled } from './phase-profile.js';
import { mb, perSecond, report, type Row } from './report.js';
import { writeSyntheticCity } from './synthetic-city.js';

const SECRET = 'bench-secret-bench-secret-bench-secret-12';

/**
 * Rebuilds every projection over a synthetic city, on SQLite and then on PostgreSQL (a scratch
 * schema on TEST_DATABASE_URL's server, skipped when it cannot be reached): the store's raw read
 * rate beside the rebuild rate of all read models at once and of each alone, and peak memory.
 */
export async function rebuildBench(args: { households: number; postgresHouseholds: number }): Promise<void> {
  const notes: string[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'jejak-bench-rebuild-'));
  const rows: Row[] = [];
  try {
    const seeding = new SqliteEventStore({ filename: join(dir, 'events.db'), synchronous: 'NORMAL' });
    const events = await writeSyntheticCity(seeding, args.households);
    const read = await readAll(seeding);
    await seeding.close();
    const env = { JEJAK_DATA_DIR: dir, JWT_SECRET: SECRET, LOG_LEVEL: 'error' };
    const peak = await measureRebuild('sqlite', env, events, read, rows);
    notes.push(`sqlite: ${args.households} households, ${events} events; peak RSS ${mb(peak)} MiB.`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const url = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  if (await reachable(url)) {
    const schema = `bench_rb_${randomUUID().slice(0, 8)}`;
    const pgDir = mkdtempSync(join(tmpdir(), 'jejak-bench-rebuild-pg-'));
    try {
      const seeding = await PostgresEventStore.open({ connectionString: url, schema, poolSize: 16 });
      const events = await writeSyntheticCity(seeding, args.postgresHouseholds);
      const read = await readAll(seeding);
      await seeding.close();
      const env = {
        JEJAK_DATA_DIR: pgDir,
        JWT_SECRET: SECRET,
        LOG_LEVEL: 'error',
        EVENT_STORE: 'postgres',
        READ_STORE: 'postgres',
        DATABASE_URL: url,
        DATABASE_SCHEMA: schema,
        // PG_POOL_READ_MODELS=3 leaves the read models one writer (one transaction per batch): the before of ADR 0017.
        ...(process.env.PG_POOL_READ_MODELS ? { PG_POOL_READ_MODELS: process.env.PG_POOL_READ_MODELS } : {}),
      };
      const peak = await measureRebuild('postgres', env, events, read, rows);
      notes.push(`postgres: ${args.postgresHouseholds} households, ${events} events; peak RSS ${mb(peak)} MiB.`);
    } finally {
      rmSync(pgDir, { recursive: true, force: true });
      await dropSchema(url, schema);
    }
  } else notes.push(`postgres: ${url} not reachable, skipped.`);
  report('rebuild', rows, [
    ...notes,
    'Targets: at least 100,000 events/s on SQLite; on PostgreSQL every read model at once at least half the read rate.',
  ]);
}

/** The ceiling: reading every event once, as the shared feed does, with nothing built; in ms. */
async function readAll(store: SqliteEventStore | PostgresEventStore): Promise<number> {
  const started = performance.now();
  for (let after = 0; ;) {
    const batch = await store.readBatch(after, undefined, 1_000);
    after = batch.checkpoint;
    if (batch.caughtUp) break;
  }
  return performance.now() - started;
}

/** Starts the app on `env` (building every read model live from zero), then rebuilds each alone. */
async function measureRebuild(
  store: string,
  env: Record<string, string>,
  events: number,
  read: number,
  rows: Row[],
): Promise<number> {
  const row = (projection: string, count: number, ms: number): Row => ({
    store,
    projection,
    events: count,
    seconds: Math.round(ms / 100) / 10,
    perSecond: perSecond(count, ms),
    ofRead: `${Math.round((perSecond(count, ms) / perSecond(events, read)) * 100)} %`,
  });
  rows.push(row('reading the events only (ceiling)', events, read));
  const buildStarted = performance.now();
  const app = await createApp(loadConfig(env));
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100);
  try {
    const runner = app.get<ProjectionRunner>(PROJECTION_RUNNER);
    const head = await app.get<EventStore>(EVENT_STORE).headPosition();
    await profiled(`rebuild-${store}-all`, () => runner.settle(3_600_000));
    rows.push(row('all at once, built live from zero', head, performance.now() - buildStarted));
    await profiled(`rebuild-${store}-each`, () => rebuildEach(runner, head, rows, row));
  } finally {
    clearInterval(sampler);
    await app.close();
  }
  return peak;
}

/** Reactors and the relay own no tables: their rebuild is a replay, not a build. */
const REACTORS = ['pkh-exit-graduation', 'casework-next-visit', 'kafka-relay'];

async function rebuildEach(
  runner: ProjectionRunner,
  head: number,
  rows: Row[],
  row: (projection: string, count: number, ms: number) => Row,
): Promise<void> {
  for (const { name } of runner.status()) {
    // Reactors and the relay own no tables: their rebuild is a replay, not a build.
    if (runner.rebuildable(name) === false || REACTORS.includes(name)) continue;
    const started = performance.now();
    await runner.rebuild(name);
    await runner.settle(3_600_000);
    rows.push(row(name, head, performance.now() - started));
  }
}

async function reachable(url: string): Promise<boolean> {
  const probe = new pg.Client({ connectionString: url });
  const ok = await probe.connect().then(
    () => true,
    () => false,
  );
  await probe.end().catch(() => undefined);
  return ok;
}

async function dropSchema(url: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}
