import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import {
  PostgresEventStore,
  SqliteEventStore,
  type EventStore,
  type NewEvent,
} from '#libs/platform/event-store/index.js';
import { ProjectionRunner, openSqliteReadDatabase } from '#libs/platform/read-store/index.js';
import { householdSummaryProjection } from '#libs/households/index.js';
import { postgresWriterRows } from './postgres-writers.js';
import { perSecond, report, type Row } from './report.js';
import { sealedStoreRows } from './store-sealed.bench.js';
import { writeSyntheticCity } from './synthetic-city.js';

export const benchEvent = (): NewEvent => ({
  eventId: randomUUID(),
  type: 'BenchEvent',
  data: { n: 1, text: 'a typical small payload of some tens of bytes' },
  metadata: {
    actor: 'bench',
    role: 'admin',
    correlationId: 'c',
    causationId: 'k',
    occurredAt: '2026-01-01T00:00:00.000Z',
    schemaVersion: 1,
  },
});

async function time<T>(work: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const result = await work();
  return [result, performance.now() - started];
}

async function measure(adapter: string, store: EventStore, households: number, dir: string): Promise<Row[]> {
  const rows: Row[] = [];
  const single = 1_000;
  const [, singleMs] = await time(async () => {
    for (let i = 0; i < single; i++) await store.append(`bench-${randomUUID()}`, [benchEvent()], 'no_stream');
  });
  rows.push({
    adapter,
    measure: 'append, 1 event per commit, one writer',
    count: single,
    perSecond: perSecond(single, singleMs),
  });
  const concurrent = 5_000;
  const [, concurrentMs] = await time(() =>
    Promise.all(
      Array.from({ length: concurrent }, () => store.append(`bench-${randomUUID()}`, [benchEvent()], 'no_stream')),
    ),
  );
  rows.push({
    adapter,
    measure: 'append, 1 event per command, 5,000 commands at once',
    count: concurrent,
    perSecond: perSecond(concurrent, concurrentMs),
  });
  const batches = 100;
  const [, batchMs] = await time(async () => {
    for (let i = 0; i < batches; i++)
      await store.append(`bench-${randomUUID()}`, Array.from({ length: 500 }, benchEvent), 'no_stream');
  });
  rows.push({
    adapter,
    measure: 'append, batches of 500 events',
    count: batches * 500,
    perSecond: perSecond(batches * 500, batchMs),
  });
  const [cityEvents, cityMs] = await time(() => writeSyntheticCity(store, households));
  rows.push({
    adapter,
    measure: `append, synthetic city of ${households} households`,
    count: cityEvents,
    perSecond: perSecond(cityEvents, cityMs),
  });

  const head = await store.headPosition();
  const [readCount, readMs] = await time(async () => {
    let after = 0;
    let n = 0;
    for (;;) {
      const page = await store.readAll({ after, limit: 1_000 });
      if (!page.length) return n;
      n += page.length;
      after = page.at(-1)!.position;
    }
  });
  const readRate = perSecond(readCount, readMs);
  rows.push({ adapter, measure: 'readAll, pages of 1,000', count: readCount, perSecond: readRate });
  const [caughtUp, catchUpMs] = await time(async () => {
    const abort = new AbortController();
    let n = 0;
    for await (const batch of store.subscribeAll({ batchSize: 1_000, signal: abort.signal })) {
      n += batch.events.length;
      if (batch.checkpoint >= head) abort.abort();
    }
    return n;
  });
  const catchUpRate = perSecond(caughtUp, catchUpMs);
  rows.push({
    adapter,
    measure: 'subscription catch-up',
    count: caughtUp,
    perSecond: catchUpRate,
    ofRawRead: `${Math.round((catchUpRate / readRate) * 100)} %`,
  });

  const readDb = openSqliteReadDatabase(dir, `read-${adapter}.db`);
  const runner = new ProjectionRunner(store, readDb, [householdSummaryProjection]);
  const [, rebuildMs] = await time(async () => {
    await runner.start();
    await runner.waitFor(head, 600_000);
  });
  await runner.stop();
  await readDb.close();
  const projected = perSecond(head, rebuildMs);
  rows.push({
    adapter,
    measure: 'projection build from zero (household summary, SQLite read store)',
    count: head,
    perSecond: projected,
    ofRawRead: `${Math.round((projected / readRate) * 100)} %`,
  });
  return rows;
}

export async function storeBench(args: { households: number }): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'jejak-bench-store-'));
  const rows: Row[] = [];
  try {
    const sqlite = new SqliteEventStore({ filename: join(dir, 'events.db') });
    rows.push(...(await measure('sqlite', sqlite, args.households, dir)));
    rows.push({
      adapter: 'sqlite',
      measure: 'write transactions (fsyncs) for all of the above',
      count: sqlite.commits,
      perSecond: '',
    });
    await sqlite.close();
    rows.push(...(await sealedStoreRows(dir, Math.min(args.households, 2_000))));
    const url = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
    const schema = `bench_${randomUUID().slice(0, 8)}`;
    const probe = new pg.Client({ connectionString: url });
    const reachable = await probe.connect().then(
      () => true,
      () => false,
    );
    await probe.end().catch(() => undefined);
    if (reachable) {
      const postgres = await PostgresEventStore.open({ connectionString: url, schema });
      try {
        // PostgreSQL serialises appends (ADR 0005): a smaller city keeps the whole run short.
        rows.push(...(await measure('postgres', postgres, Math.min(args.households, 500), dir)));
        rows.push(...(await postgresWriterRows(url, benchEvent)));
      } finally {
        await postgres.close();
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        await client.query(`DROP SCHEMA "${schema}" CASCADE`);
        await client.end();
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  report('store', rows, [
    'Target: subscription catch-up and projection rebuild at least half the raw read rate.',
    'pgbench: its simple-update script (-N) with as many clients as writers, same server, same run (the ceiling).',
  ]);
}
