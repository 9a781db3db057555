import { CompiledQuery, PostgresAdapter, SqliteAdapter, sql, type Compilable } from 'kysely';
import { EACH_ROW_MARK, type AnyKysely } from './read-database.js';
import { COPY_AT_LEAST, CopyRows } from './copy-rows.js';
import { rowChunks } from './row-chunks.js';

/**
 * Writes `rows` with the statement `build` makes for a slice of them (an insert or upsert whose
 * only parameters are the rows' values). PostgreSQL: one statement for all the rows, their values
 * in one JSON parameter that the server turns into rows of the table's own type
 * (`json_populate_recordset`), since each statement is a round trip and a statement of thousands
 * of parameters costs both sides a parse and a bind per value. SQLite has no round trips to save:
 * the statement for one row is compiled once and run for every row inside the driver (an insert
 * 16 rows a statement, `withStatementCache`), where a statement of a thousand rows cost Kysely a
 * parse of every value and SQLite the prepare of a long text in every batch. Rows of another
 * shape (a key missing, a value undefined) and statements of another form go the multi-row way,
 * in slices under the parameter limit.
 */
export async function writeRows<T extends object>(
  db: AnyKysely,
  rows: readonly T[],
  build: (slice: T[]) => Compilable,
): Promise<void> {
  if (rows.length === 0) return;
  const { adapter } = db.getExecutor();
  if (adapter instanceof SqliteAdapter) {
    const one = build([rows[0]!]).compile();
    const params = flatten(rows, one.parameters.length);
    if (params)
      return void (await db.executeQuery(
        CompiledQuery.raw(`${EACH_ROW_MARK}${one.parameters.length} */ ${one.sql}`, params),
      ));
  } else if (adapter instanceof PostgresAdapter) {
    const one = build([rows[0]!]).compile();
    const fromJson = jsonRows(rows, one.parameters.length) ? fromJsonRows(one, rows[0]!) : undefined;
    if (fromJson) {
      // Many rows in a transaction: the pool may send them by COPY (copy-rows.ts), in a savepoint
      // it can roll back to; the statement as written if COPY cannot say what it says.
      const copy =
        db.isTransaction && rows.length >= COPY_AT_LEAST && /^(?:$| on conflict )/.test(fromJson.rest)
          ? new CopyRows(fromJson.table, fromJson.keys, rows)
          : JSON.stringify(rows);
      return void (await db.executeQuery(CompiledQuery.raw(fromJson.text, [copy])));
    }
  }
  for (const chunk of rowChunks(rows)) await db.executeQuery(build(chunk));
}

/** `insert into "t" ("a", "b") values ($1, $2) <rest>`, the rest without parameters of its own. */
const ONE_ROW_INSERT = /^insert into ("(?:[^"]|"")+") \(([^)]*)\) values \(([^)]*)\)(?=\s|$)/;

/**
 * The one-row insert `one` rewritten to take every row from a JSON array of objects, each column
 * typed as the table types it, with the parts COPY needs; undefined unless `one` is an insert of
 * exactly `first`'s values, one parameter per column, in order, and nothing else bound.
 */
function fromJsonRows(
  one: CompiledQuery,
  first: object,
): { text: string; table: string; keys: string[]; rest: string } | undefined {
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
  const rest = one.sql.slice(whole.length);
  const text =
    `insert into ${table} (${columnList}) select ${columnList} ` +
    `from json_populate_recordset(null::${table}, $1::json)${rest}`;
  return { text, table, keys, rest };
}

/** JSON carries strings, finite numbers, booleans and null as the driver would bind them. */
const jsonCarries = (value: unknown): boolean =>
  value === null || typeof value === 'string' || typeof value === 'boolean' || Number.isFinite(value);

/**
 * Every row has the first row's columns and no other, each value one that JSON carries as the
 * driver would bind it: the rows json_populate_recordset takes as they are.
 */
function jsonRows<T extends object>(rows: readonly T[], width: number): boolean {
  const columns = Object.keys(rows[0]!) as Array<keyof T>;
  if (columns.length !== width) return false;
  for (const row of rows) {
    for (const column of columns) if (!jsonCarries(row[column])) return false;
    // A column the first row lacks would be dropped without a word.
    let count = 0;
    for (const column in row) if (Object.hasOwn(row, column)) count++;
    if (count !== width) return false;
  }
  return true;
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

/** Where `writeChangedRows` writes and how it makes a row new to the table. */
export interface ChangedRowsTarget<T extends object> {
  table: string;
  /** The primary key's one column. */
  key: keyof T & string;
  /**
   * The row as read before the batch, or undefined for a row the table did not have: the object
   * read, never changed since (a read model replaces a row it changes, or nothing would differ).
   */
  before: (row: T) => T | undefined;
  /**
   * The statement for rows the table did not have (as for writeRows); by default an upsert of
   * whole rows, every column but the key taken from the row on a conflict.
   */
  insert?: (slice: T[]) => Compilable;
}

/**
 * Writes the rows a batch changed, each no more than it changed: a row the table did not have goes
 * in whole (`insert`, through writeRows), a row read before the batch is updated in the columns
 * whose values differ from what was read, and a row that ends the batch as it began is not written.
 * An update names only those columns, so the indexes on the others are left alone: SQLite
 * rewrites the entry of every index on a column an UPDATE sets, changed or not (a row of seven
 * indexes cost 11 µs upserted whole, 3 µs with three columns set). Rows that changed the same
 * columns share one statement: on SQLite the one-row update prepared once and run for each row,
 * on PostgreSQL one `update … from json_populate_recordset` for all of them.
 */
export async function writeChangedRows<T extends object>(
  db: AnyKysely,
  rows: readonly T[],
  target: ChangedRowsTarget<T>,
): Promise<void> {
  const fresh: T[] = [];
  const byColumns = new Map<string, { columns: string[]; rows: T[] }>();
  for (const row of rows) {
    const before = target.before(row) as Record<string, unknown> | undefined;
    const values = row as Record<string, unknown>;
    if (!before) {
      fresh.push(row);
      continue;
    }
    const columns = Object.keys(values).filter((c) => c !== target.key && values[c] !== before[c]);
    if (columns.length === 0) continue;
    // A value that cannot be bound as it is goes the whole row's way.
    if (columns.some((c) => values[c] === undefined)) {
      fresh.push(row);
      continue;
    }
    const shape = columns.join('\u0000');
    let group = byColumns.get(shape);
    if (!group) byColumns.set(shape, (group = { columns, rows: [] }));
    group.rows.push(row);
  }
  await writeRows(db, fresh, target.insert ?? ((slice) => upsertWhole(db, target.table, target.key, slice)));
  for (const { columns, rows: changed } of byColumns.values()) await updateRows(db, target, columns, changed);
}

/**
 * `insert … on conflict (key) do update set` every other column of the rows to the new values: a
 * row written whole, with no list of columns kept by hand to fall behind the table.
 */
export function upsertWhole<T extends object>(db: AnyKysely, table: string, key: string, slice: T[]): Compilable {
  const others = Object.keys(slice[0]!).filter((c) => c !== key);
  return db
    .insertInto(table)
    .values(slice)
    .onConflict((oc) =>
      oc.column(key).doUpdateSet((eb) => Object.fromEntries(others.map((c) => [c, eb.ref(`excluded.${c}`)]))),
    );
}

/**
 * `update t set <columns> where key = …` for each row, in as few statements as the dialect allows.
 * `key` need not be unique: every row of the table with a row's key value takes its columns.
 */
export async function updateRows<T extends object>(
  db: AnyKysely,
  { table, key }: Pick<ChangedRowsTarget<T>, 'table' | 'key'>,
  columns: string[],
  rows: T[],
): Promise<void> {
  if (rows.length === 0) return;
  // The set columns, then the key: the order of the update's parameters.
  const named = [...columns, key];
  const valuesOf = (row: T) => named.map((c) => (row as Record<string, unknown>)[c]);
  const statement = (row: T) => {
    const values = valuesOf(row);
    const set = Object.fromEntries(columns.map((c, i) => [c, values[i]]));
    return db.updateTable(table).set(set).where(sql.ref(key), '=', values.at(-1));
  };
  // Compiled through Kysely so that its plugins (the shadow tables of a rebuild) apply.
  const one = statement(rows[0]!).compile();
  const { adapter } = db.getExecutor();
  if (adapter instanceof SqliteAdapter && one.parameters.length === named.length) {
    const params = rows.flatMap(valuesOf);
    return void (await db.executeQuery(CompiledQuery.raw(`${EACH_ROW_MARK}${named.length} */ ${one.sql}`, params)));
  }
  const name = /^update ("(?:[^"]|"")+") set /.exec(one.sql)?.[1];
  const rowValues = rows.map(valuesOf);
  if (adapter instanceof PostgresAdapter && name && rowValues.every((values) => values.every(jsonCarries))) {
    const quote = (c: string) => `"${c.replaceAll('"', '""')}"`;
    const text =
      `update ${name} as t set ${columns.map((c) => `${quote(c)} = x.${quote(c)}`).join(', ')} ` +
      `from json_populate_recordset(null::${name}, $1::json) as x where t.${quote(key)} = x.${quote(key)}`;
    const json = rowValues.map((values) => Object.fromEntries(named.map((c, i) => [c, values[i]])));
    return void (await db.executeQuery(CompiledQuery.raw(text, [JSON.stringify(json)])));
  }
  for (const row of rows) await db.executeQuery(statement(row));
}
