import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createApp } from '../apps/api/src/create-app.js';
import { loadConfig } from '#libs/platform/config/index.js';
import { PostgresEventStore, SqliteEventStore, type EventStore } from '#libs/platform/event-store/index.js';
import { PROJECTION_RUNNER, type ProjectionRunner } from '#libs/platform/read-store/index.js';
import { report, type Row } from './report.js';
import { writeSyntheticCity } from './synthetic-city.js';

const SECRET = 'bench-secret-bench-secret-bench-secret-12';
const fileSize = (file: string) => (existsSync(file) ? statSync(file).size : 0);

/**
 * Bytes per event on disk: a synthetic city written to the store, every read model built, then
 * the files (SQLite, after the WAL is folded back at close) or the relations (PostgreSQL, tables
 * with their indexes and TOAST) measured. For capacity planning (docs/capacity.md).
 */
export async function sizeBench(args: { households: number }): Promise<void> {
  const rows: Row[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'jejak-bench-size-'));
  try {
    const sqlite = new SqliteEventStore({ filename: join(dir, 'events.db'), synchronous: 'NORMAL' });
    const events = await writeSyntheticCity(sqlite, args.households);
    await sqlite.close();
    await buildReadModels({ JEJAK_DATA_DIR: dir });
    rows.push(row('sqlite', events, fileSize(join(dir, 'events.db')), fileSize(join(dir, 'read.db'))));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const url = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const schema = `bench_size_${randomUUID().replace(/-/g, '').slice(0, 8)}`;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const store: EventStore = await PostgresEventStore.open({ connectionString: url, schema });
    const events = await writeSyntheticCity(store, args.households);
    await store.close();
    const pgDir = mkdtempSync(join(tmpdir(), 'jejak-bench-size-pg-'));
    try {
      await buildReadModels({
        JEJAK_DATA_DIR: pgDir,
        EVENT_STORE: 'postgres',
        READ_STORE: 'postgres',
        DATABASE_URL: url,
        DATABASE_SCHEMA: schema,
      });
    } finally {
      rmSync(pgDir, { recursive: true, force: true });
    }
    const { rows: sizes } = await client.query<{ relname: string; bytes: string }>(
      `SELECT c.relname, pg_total_relation_size(c.oid) AS bytes FROM pg_class c
         JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relkind = 'r'`,
      [schema],
    );
    const bytes = (names: (n: string) => boolean) =>
      sizes.filter((s) => names(s.relname)).reduce((sum, s) => sum + Number(s.bytes), 0);
    const other = new Set(['events', 'command_keys', 'access_log', 'access_log_households']);
    rows.push(
      row(
        'postgres',
        events,
        bytes((n) => n === 'events'),
        bytes((n) => !other.has(n)),
      ),
    );
  } finally {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await client.end();
  }
  report('size', rows, [
    `${args.households} households of the synthetic city (about 35 events each over two years).`,
    'Event store: events with their indexes; read models: every projection table with indexes and checkpoints.',
  ]);
}

function row(store: string, events: number, eventBytes: number, readBytes: number): Row {
  return {
    store,
    events,
    'event store MiB': Math.round(eventBytes / 1024 / 102.4) / 10,
    'bytes/event': Math.round(eventBytes / events),
    'read models MiB': Math.round(readBytes / 1024 / 102.4) / 10,
    'read-model bytes/event': Math.round(readBytes / events),
  };
}

async function buildReadModels(env: Record<string, string>): Promise<void> {
  const app = await createApp(loadConfig({ JWT_SECRET: SECRET, LOG_LEVEL: 'error', ...env }));
  try {
    await app.get<ProjectionRunner>(PROJECTION_RUNNER).settle(3_600_000);
  } finally {
    await app.close();
  }
}
