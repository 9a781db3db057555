import { sql } from 'kysely';
import type { Projection } from './projection.js';
import type { AnyKysely, ReadDatabase } from './read-database.js';

/**
 * A read model built from zero writes most of its rows many times over (a household's row once
 * for each of its events), and on PostgreSQL every version of a row is an entry in each of its
 * table's indexes. While it catches up from zero, nothing reads it but the projection itself,
 * which looks rows up by their keys (primary keys and unique constraints, which stay), so its
 * other indexes are dropped and made again once it has caught up: one sort of the final rows per
 * index instead of an entry per row version. The projection's `setup` makes them again, since it
 * creates every index `ifNotExists`; a process that stops before then makes them at its next start,
 * where `setup` runs too. SQLite keeps its indexes (one writer in the process, no round trips).
 */
export async function dropSecondaryIndexes(
  database: ReadDatabase,
  db: AnyKysely,
  tables: readonly string[],
): Promise<boolean> {
  if (database.dialect !== 'postgres' || tables.length === 0) return false;
  for (const table of tables) {
    const { rows } = await sql<{ name: string }>`
      SELECT i.relname AS name FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
      WHERE x.indrelid = to_regclass(quote_ident(${table})) AND NOT x.indisunique AND NOT x.indisprimary`.execute(db);
    for (const { name } of rows) await sql`DROP INDEX IF EXISTS ${sql.id(name)}`.execute(db);
  }
  return true;
}

/** Makes the indexes dropped above again, through the projection's own set-up. */
export const restoreIndexes = (projection: Projection, db: AnyKysely): Promise<void> => projection.setup(db);
