import { expect } from '@jest/globals';
import { sql } from 'kysely';
import type { TestApp } from './test-app.js';

type Rows = Record<string, unknown>[];

/**
 * Rebuilds every rebuildable read model from zero and expects each of its tables to hold the
 * same rows as when built live. Live, the feed comes in batches of an event or two; a rebuild
 * folds up to a thousand events per batch, so a read model that folds a batch in memory is
 * checked against its event-by-event self. Rows compare as sets (tables have no order).
 */
export async function expectRebuildsMatchLive(t: TestApp): Promise<void> {
  // Generous: a read model of the synthetic city rebuilds in seconds, more on a busy machine.
  const caughtUp = async () => expect(await t.runner.waitFor(await t.store.headPosition(), 60_000)).toBe(true);
  await caughtUp();
  const names = t.runner
    .status()
    .filter((p) => p.readModel && t.runner.rebuildable(p.name) !== false)
    .map((p) => p.name);
  expect(names.length).toBeGreaterThan(5);
  const dump = async (name: string) => {
    const tables: Record<string, string[]> = {};
    for (const table of t.runner.tablesOf(name)) {
      const rows: Rows = await t.readDatabase.reader.selectFrom(table).selectAll().execute();
      tables[table] = rows.map((row) => JSON.stringify(row, (_, v: unknown) => normal(v))).sort();
      // And the same indexes, those a rebuild builds after the rows (deferredIndexes) included.
      tables[`${table} indexes`] = await indexesOf(t, table);
    }
    return tables;
  };
  const live = Object.fromEntries(await Promise.all(names.map(async (n) => [n, await dump(n)] as const)));
  for (const name of names) {
    await t.runner.rebuild(name);
    await caughtUp();
    expect({ [name]: await dump(name) }).toEqual({ [name]: live[name] });
  }
}

/** A table's indexes as the database defines them, by name. */
async function indexesOf(t: TestApp, table: string): Promise<string[]> {
  const db = t.readDatabase.reader;
  const { rows } =
    t.readDatabase.dialect === 'postgres'
      ? await sql<{ definition: string }>`SELECT indexname || ': ' || indexdef AS definition FROM pg_indexes
          WHERE schemaname = current_schema() AND tablename = ${table}`.execute(db)
      : await sql<{ definition: string }>`SELECT name || ': ' || coalesce(sql, '(implicit)') AS definition
          FROM sqlite_master WHERE type = 'index' AND tbl_name = ${table}`.execute(db);
  return rows.map((row) => row.definition).sort();
}

/** PostgreSQL returns bigints as strings and SQLite as numbers: compare the values. */
const normal = (v: unknown): unknown => (typeof v === 'string' && /^-?\d+$/.test(v) ? Number(v) : v);
