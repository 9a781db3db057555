import { CompiledQuery, PostgresAdapter, SqliteAdapter, type Compilable } from 'kysely';
import { EACH_ROW_MARK, type AnyKysely } from './read-database.js';
import { rowChunks } from './row-chunks.js';

/**
 * Writes `rows` with the statement `build` makes for a slice of them (an insert or upsert whose
 * only parameters are the rows' values). PostgreSQL: one statement for all the rows, their values
 * in one JSON parameter that the server turns into rows of the table's own type
 * (`json_populate_recordset`), since each statement is a round trip and a statement of thousands
 * of parameters costs both sides a parse and a bind per value. SQLite has no round trips to save:
 * the statement for one row is prepared once and run for every row inside the driver, where a
 * statement of a thousand rows cost Kysely a parse of every value and SQLite the prepare of a
 * long text in every batch. Rows of another shape (a key missing, a value undefined) and
 * statements of another form go the multi-row way, in slices under the parameter limit.
 */
export async function writeRows<T extends object>(
  db: AnyKysely,
  rows: readonly T[],
  build: (slice: T[]) => Compilable,
): Promise<void> {
  if (rows.length === 0) return;
  const { adapter } = db.getExecutor();
  if (adapter instanceof SqliteAdapter || adapter instanceof PostgresAdapter) {
    const one = build([rows[0]!]).compile();
    const params = flatten(rows, one.parameters.length);
    if (params && adapter instanceof SqliteAdapter)
      return void (await db.executeQuery(
        CompiledQuery.raw(`${EACH_ROW_MARK}${one.parameters.length} */ ${one.sql}`, params),
      ));
    const fromJson = params?.every(jsonCarries) && fromJsonRows(one, rows[0]!);
    if (fromJson) return void (await db.executeQuery(CompiledQuery.raw(fromJson, [JSON.stringify(rows)])));
  }
  for (const chunk of rowChunks(rows)) await db.executeQuery(build(chunk));
}

/** `insert into "t" ("a", "b") values ($1, $2) <rest>`, the rest without parameters of its own. */
const ONE_ROW_INSERT = /^insert into ("(?:[^"]|"")+") \(([^)]*)\) values \(([^)]*)\)(?=\s|$)/;

/**
 * The one-row insert `one` rewritten to take every row from a JSON array of objects, each column
 * typed as the table types it; undefined unless `one` is an insert of exactly `first`'s values,
 * one parameter per column, in order, and nothing else bound.
 */
function fromJsonRows(one: CompiledQuery, first: object): string | undefined {
  const match = ONE_ROW_INSERT.exec(one.sql);
  if (!match) return undefined;
  const [whole, table, columnList, valueList] = match as unknown as [string, string, string, string];
  const keys = Object.keys(first);
  const columns = columnList.split(', ');
  const values = first as Record<string, unknown>;
  const fits =
    columns.length === keys.length &&
    columns.every((column, i) => column === `"${keys[i]}"` && one.parameters[i] === values[keys[i]!]) &&
    valueList === keys.map((_, i) => `$${i + 1}`).join(', ');
  if (!fits) return undefined;
  return (
    `insert into ${table} (${columnList}) select ${columnList} ` +
    `from json_populate_recordset(null::${table}, $1::json)${one.sql.slice(whole.length)}`
  );
}

/** JSON carries strings, finite numbers, booleans and null as the driver would bind them. */
const jsonCarries = (value: unknown): boolean =>
  value === null || typeof value === 'string' || typeof value === 'boolean' || Number.isFinite(value);

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
