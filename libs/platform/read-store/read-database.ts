import { join } from 'node:path';
import { openSqliteDatabase } from '#libs/platform/event-store/sqlite/open-sqlite.js';
import { LruMap } from '#libs/platform/lru-map.js';
import type Database from 'better-sqlite3';
import {
  Kysely,
  PostgresAdapter,
  PostgresDialect,
  SqliteDialect,
  sql,
  type RawBuilder,
  type SqliteDatabase,
  type SqliteStatement,
  type Transaction,
} from 'kysely';
import pg from 'pg';
import { underSchemaLock } from '#libs/platform/postgres/index.js';
import { withCopyRows } from './copy-rows.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- each capability types its own tables; the platform cannot */
export type AnyKysely = Kysely<any>;
export type AnyTransaction = Transaction<any>;
/* eslint-enable @typescript-eslint/no-explicit-any */

/**
 * The read store, through Kysely so that projections and queries run on SQLite and PostgreSQL
 * alike. Projections write through `writer`; queries read through `reader` (on SQLite a second
 * connection, so that WAL lets reads go on while a projection batch commits).
 */
export interface ReadDatabase {
  reader: AnyKysely;
  writer: AnyKysely;
  dialect: 'sqlite' | 'postgres';
  /**
   * How many projection transactions may run at once on `writer`: 1 (the default, and SQLite's
   * one writer) writes a batch of the feed for every read model in one transaction; more lets
   * PostgreSQL write each read model's batch on a connection of its own, in parallel.
   */
  writers?: number;
  /**
   * Events per batch of the feed while the read models catch up or rebuild (1,000 by default).
   * PostgreSQL takes 5,000: each statement carries a table's rows of the batch, so larger batches
   * mean fewer statements and fewer row versions per event (a rebuild of every read model took
   * 29 % less CPU). SQLite keeps 1,000: its writes run on the event loop, which a batch holds.
   */
  catchUpBatch?: number;
  /**
   * Runs set-up that changes the schema (tables of projections, checkpoints) so that processes
   * starting together on one PostgreSQL database take turns (ADR 0012); SQLite has one process.
   */
  schemaChanges<T>(work: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export const READ_DATABASE = Symbol('READ_DATABASE');

export function openSqliteReadDatabase(dataDir: string, filename = 'read.db'): ReadDatabase {
  const path = join(dataDir, filename);
  // Read models are rebuilt from the events; a lost last batch after a power cut is replayed.
  const connect = () => withStatementCache(openSqliteDatabase(path, 'NORMAL'));
  const writer = new Kysely({ dialect: new SqliteDialect({ database: connect() }) });
  const reader = new Kysely({ dialect: new SqliteDialect({ database: connect() }) });
  return {
    reader,
    writer,
    dialect: 'sqlite',
    schemaChanges: (work) => work(),
    async close() {
      await reader.destroy();
      await writer.destroy();
    },
  };
}

const CACHED_STATEMENTS = 500;
/** Marks a statement for one row whose parameters carry many rows (writeRows): run for each. */
export const EACH_ROW_MARK = '/* each row of ';
const EACH_ROW = /^\/\* each row of (\d+) \*\/ /;
const SCHEMA_CHANGE = /^\s*(create|drop|alter)\b/i;

/**
 * Kysely's SQLite driver prepares every query it runs; preparing costs more than running the
 * short statements projections and queries are made of. This keeps the last 500 prepared
 * statements by their SQL text (schema changes are never kept). Safe because Kysely runs one
 * statement at a time on a connection and we never stream from SQLite.
 */
export function withStatementCache(db: Database.Database): SqliteDatabase {
  // A statement run for each row (writeRows) is kept as such: its 16-row form is worked out once.
  const cache = new LruMap<string, SqliteStatement>(CACHED_STATEMENTS);
  const compile = (text: string): SqliteStatement => {
    const each = EACH_ROW.exec(text);
    if (!each) return db.prepare(text);
    const width = Number(each[1]);
    const many = manyRowsInsert(text.slice(each[0].length), width, ROWS_PER_INSERT);
    return eachRow(db.prepare(text), width, many === undefined ? undefined : () => db.prepare(many));
  };
  return {
    close: () => db.close(),
    prepare(text: string) {
      if (SCHEMA_CHANGE.test(text)) return db.prepare(text);
      let statement = cache.get(text);
      if (!statement) cache.set(text, (statement = compile(text)));
      return statement;
    },
  };
}

/**
 * Rows per statement when a one-row insert is run for many rows: each run of a statement costs
 * better-sqlite3 a call, a bind and a reset, so 16 rows a statement wrote an actor index's 62,850
 * rows in 240 ms where one row a statement took 370 (the rows' own work is the same).
 */
const ROWS_PER_INSERT = 16;

/**
 * `insert into t (…) values (?, …, ?) <rest>` with `rows` tuples, if the rest binds nothing and
 * reads nothing: a subquery in an upsert (`do update set v = (select …)`) is worked out once per
 * statement, not once per row as the one-row statement run for each row works it out.
 */
export function manyRowsInsert(sql: string, width: number, rows: number): string | undefined {
  const tuple = `(${new Array<string>(width).fill('?').join(', ')})`;
  const at = sql.indexOf(` values ${tuple}`);
  if (!/^insert into /i.test(sql) || at < 0 || /\bselect\b/i.test(sql)) return undefined;
  // Every parameter must be the tuple's: one elsewhere (or a '?' in a literal) would be misplaced.
  if (sql.split('?').length - 1 !== width) return undefined;
  const start = at + ' values '.length;
  return sql.slice(0, start) + new Array<string>(rows).fill(tuple).join(', ') + sql.slice(start + tuple.length);
}

/**
 * A statement for one row run for each row of the parameters it is given (writeRows), `many`
 * (when the statement is an insert) taking them `ROWS_PER_INSERT` rows at a time. Rows of one
 * statement are inserted in order, as the one-row statement run for each would insert them.
 */
function eachRow(statement: Database.Statement, width: number, many?: () => Database.Statement): SqliteStatement {
  // Prepared the first time a run has that many rows.
  let manyRows: Database.Statement | undefined;
  return {
    reader: false,
    run(parameters) {
      let changes = 0;
      let i = 0;
      const step = width * ROWS_PER_INSERT;
      if (many && parameters.length >= step) {
        manyRows ??= many();
        for (; i + step <= parameters.length; i += step) changes += manyRows.run(parameters.slice(i, i + step)).changes;
      }
      for (; i < parameters.length; i += width) changes += statement.run(parameters.slice(i, i + width)).changes;
      return { changes, lastInsertRowid: 0 };
    },
    all: () => {
      throw new Error('a statement run for each row returns no rows');
    },
    iterate: () => {
      throw new Error('a statement run for each row returns no rows');
    },
  };
}

/**
 * Read models in PostgreSQL, in their own schema (search_path), so that `CREATE TABLE x` and
 * queries need no qualification and several deployments (or test runs) can share a server.
 */
export async function openPostgresReadDatabase(
  connectionString: string,
  schema: string,
  poolSize = 10,
): Promise<ReadDatabase> {
  await underSchemaLock(connectionString, schema, async () => undefined);
  const pool = new pg.Pool({ connectionString, max: poolSize, options: `-c search_path="${schema}"` });
  pool.on('error', () => undefined);
  const db = new Kysely({ dialect: new PostgresDialect({ pool: withCopyRows(pool) }) });
  return {
    reader: db,
    writer: db,
    dialect: 'postgres',
    // Two connections stay free for reads while the read models write.
    writers: Math.max(1, poolSize - 2),
    catchUpBatch: 5_000,
    schemaChanges: (work) => underSchemaLock(connectionString, schema, work),
    async close() {
      await db.destroy();
    },
  };
}

/**
 * The end of a CREATE TABLE for rows updated often in columns that no index covers: on
 * PostgreSQL each page keeps `percent` % of its room for new row versions (fillfactor), so an
 * update can write the new version beside the old one and leave every index alone (a HOT update:
 * no index entry per index per update). SQLite updates a row in place and takes no such option.
 */
export function roomForUpdates(db: AnyKysely, percent = 30): RawBuilder<unknown> {
  return db.getExecutor().adapter instanceof PostgresAdapter
    ? sql`with (fillfactor = ${sql.lit(100 - percent)})`
    : sql``;
}
