import { CompiledQuery, SqliteAdapter, type Compilable } from 'kysely';
import { EACH_ROW_MARK, type AnyKysely } from './read-database.js';
import { rowChunks } from './row-chunks.js';

/**
 * Writes `rows` with the statement `build` makes for a slice of them (an insert or upsert whose
 * only parameters are the rows' values). PostgreSQL: one statement per slice under the
 * parameter limit, since each statement is a round trip. SQLite has no round trips to save: the
 * statement for one row is prepared once and run for every row inside the driver, where a
 * statement of a thousand rows cost Kysely a parse of every value and SQLite the prepare of a
 * long text in every batch. Rows of another shape (a key missing, a value undefined) go the
 * PostgreSQL way, which handles them.
 */
export async function writeRows<T extends object>(
  db: AnyKysely,
  rows: readonly T[],
  build: (slice: T[]) => Compilable,
): Promise<void> {
  if (rows.length === 0) return;
  if (db.getExecutor().adapter instanceof SqliteAdapter) {
    const one = build([rows[0]!]).compile();
    const params = flatten(rows, one.parameters.length);
    if (params)
      return void (await db.executeQuery(
        CompiledQuery.raw(`${EACH_ROW_MARK}${one.parameters.length} */ ${one.sql}`, params),
      ));
  }
  for (const chunk of rowChunks(rows)) await db.executeQuery(build(chunk));
}

/** Every row's values in the first row's column order, or undefined when a row does not fit it. */
function flatten<T extends object>(rows: readonly T[], width: number): unknown[] | undefined {
  const columns = Object.keys(rows[0]!) as Array<keyof T>;
  if (columns.length !== width) return undefined;
  const params = new Array<unknown>(rows.length * width);
  let i = 0;
  for (const row of rows) {
    // A key the first row lacks would be dropped without a word: such rows take the other way.
    if (Object.keys(row).length !== width) return undefined;
    for (const column of columns) {
      const value = row[column];
      if (value === undefined) return undefined;
      params[i++] = value;
    }
  }
  return params;
}
