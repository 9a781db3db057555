import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { householdSummaryProjection } from '#libs/households/index.js';
import { SqliteEventStore } from '#libs/platform/event-store/index.js';
import {
  ProjectionRunner,
  openPostgresReadDatabase,
  openSqliteReadDatabase,
  type Projection,
  type ReadDatabase,
} from '#libs/platform/read-store/index.js';
import { caseloadProjection, kpiProjection, outcomeFactsProjection } from '#libs/views/index.js';
import { writeSyntheticCity } from '../../bench/synthetic-city.js';
import { dropSchema, testDatabaseUrl } from '../support/postgres.js';

const ZONE = 'Asia/Jakarta';

/** The read models whose rebuild keeps its rows from batch to batch (foldAcrossBatches). */
const folded = (): Projection[] => [
  caseloadProjection,
  outcomeFactsProjection(ZONE),
  kpiProjection(ZONE),
  householdSummaryProjection,
];

/**
 * A synthetic city of 60 households (2,100 events) built live in batches of 100, then each read
 * model rebuilt: keeping every row from its first batch to its last (the default), and with room
 * for 50 rows only (written once past it, then batch by batch, as built live). Both must swap in
 * the rows the live build has, every table, on both read stores.
 */
describe.each(['sqlite', 'postgres'] as const)('rebuilds that keep rows across batches (read store: %s)', (dialect) => {
  let dir: string;
  let schema: string;
  let store: SqliteEventStore;
  let readDb: ReadDatabase;
  let live: Record<string, string[]>;

  const dump = async (): Promise<Record<string, string[]>> => {
    const tables: Record<string, string[]> = {};
    for (const projection of folded())
      for (const table of projection.tables) {
        const rows: Record<string, unknown>[] = await readDb.reader.selectFrom(table).selectAll().execute();
        tables[table] = rows.map((row) => JSON.stringify(row, (_, v: unknown) => normal(v))).sort();
      }
    return tables;
  };
  const rebuildAll = async (rebuildHeldRows?: number) => {
    const runner = new ProjectionRunner(store, readDb, folded(), {
      retryDelayMs: 50,
      batchSize: 100,
      ...(rebuildHeldRows === undefined ? {} : { rebuildHeldRows }),
    });
    await runner.start();
    try {
      expect(await runner.settle(60_000)).toBe(true);
      for (const projection of folded()) await runner.rebuild(projection.name);
      expect(await runner.settle(60_000)).toBe(true);
    } finally {
      await runner.stop();
    }
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'jejak-rebuild-fold-'));
    schema = `rebuild_fold_${randomUUID().slice(0, 8)}`;
    store = new SqliteEventStore({ filename: join(dir, 'events.db'), synchronous: 'NORMAL' });
    readDb =
      dialect === 'sqlite' ? openSqliteReadDatabase(dir) : await openPostgresReadDatabase(testDatabaseUrl(), schema);
    await writeSyntheticCity(store, 60);
    const runner = new ProjectionRunner(store, readDb, folded(), { retryDelayMs: 50, batchSize: 100 });
    await runner.start();
    expect(await runner.settle(60_000)).toBe(true);
    await runner.stop();
    live = await dump();
  }, 120_000);
  afterAll(async () => {
    await readDb.close();
    await store.close();
    if (dialect === 'postgres') await dropSchema(schema);
    rmSync(dir, { recursive: true, force: true });
  });

  it('holds every row from the first batch to the last and swaps in what the live build has', async () => {
    expect(await store.headPosition()).toBeGreaterThan(2_000);
    expect(live.caseload).toHaveLength(60);
    expect(live.outcome_totals!.length).toBeGreaterThan(10);
    expect(live.kpi_totals!.length).toBeGreaterThan(10);
    await rebuildAll();
    expect(await dump()).toEqual(live);
  }, 120_000);

  it('past the rows it may hold, writes them and goes on batch by batch, to the same rows', async () => {
    await rebuildAll(50);
    expect(await dump()).toEqual(live);
  }, 120_000);
});

/** PostgreSQL returns bigints as strings and SQLite as numbers: compare the values. */
const normal = (v: unknown): unknown => (typeof v === 'string' && /^-?\d+$/.test(v) ? Number(v) : v);
