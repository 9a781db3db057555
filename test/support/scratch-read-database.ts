import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CompiledQuery, sql } from 'kysely';
import {
  openPostgresReadDatabase,
  openSqliteReadDatabase,
  type AnyKysely,
  type ReadDatabase,
  writeRows,
} from '#libs/platform/read-store/index.js';
import { dropSchema, testDatabaseUrl } from './postgres.js';

export type ReadDialect = 'sqlite' | 'postgres';

/** A read store of its own for one test: a SQLite file in a scratch directory, or a PostgreSQL schema. */
export interface ScratchReadDatabase {
  database: ReadDatabase;
  /** Its PostgreSQL schema (a read store's `search_path`); unused on SQLite. */
  schema: string;
  /** Closes it and removes the directory or drops the schema. */
  dispose(): Promise<void>;
}

export async function scratchReadDatabase(dialect: ReadDialect, name: string): Promise<ScratchReadDatabase> {
  const dir = mkdtempSync(join(tmpdir(), `jejak-${name}-`));
  const schema = `${name.replace(/\W/g, '_')}_${randomUUID().slice(0, 8)}`;
  const database =
    dialect === 'sqlite' ? openSqliteReadDatabase(dir) : await openPostgresReadDatabase(testDatabaseUrl(), schema);
  return {
    database,
    schema,
    async dispose() {
      await database.close();
      if (dialect === 'postgres') await dropSchema(schema);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The plan the store makes for a query, as text (EXPLAIN QUERY PLAN on SQLite, EXPLAIN on PostgreSQL). */
export async function queryPlan(
  db: AnyKysely,
  dialect: ReadDialect,
  query: { compile(): { sql: string; parameters: readonly unknown[] } },
): Promise<string> {
  const { sql: text, parameters } = query.compile();
  const explain = dialect === 'sqlite' ? 'EXPLAIN QUERY PLAN ' : 'EXPLAIN ';
  const { rows } = await db.executeQuery<Record<string, string>>(CompiledQuery.raw(explain + text, [...parameters]));
  return rows.map((r) => r.detail ?? r['QUERY PLAN']).join('\n');
}

/** Writes `rows` into `table` and, on PostgreSQL, gathers its statistics, as a store that has run a while has them. */
export async function fillTable(
  db: AnyKysely,
  dialect: ReadDialect,
  table: string,
  rows: readonly object[],
): Promise<void> {
  await writeRows(db, rows, (chunk) => db.insertInto(table).values(chunk));
  if (dialect === 'postgres') await sql`ANALYZE ${sql.table(table)}`.execute(db);
}
