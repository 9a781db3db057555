import type { PostgresPool, PostgresPoolClient } from 'kysely';
import type pg from 'pg';
import copyStreams from 'pg-copy-streams';
import { LruMap } from '#libs/platform/lru-map.js';

/**
 * The rows of an insert that takes them from one JSON parameter (writeRows on PostgreSQL), offered
 * to the read store's pool to send by COPY instead (`withCopyRows`). Bound as any parameter (a
 * pool without it, a test's own), it is that JSON array, and the statement runs as written.
 */
export class CopyRows {
  constructor(
    /** The table as the statement names it, quoted. */
    readonly table: string,
    /** The columns, in the order of the statement's column list and of each row's keys. */
    readonly keys: readonly string[],
    /** Every value null, a string, a boolean or a finite number (what JSON carries). */
    readonly rows: readonly object[],
  ) {}

  /** How node-postgres binds an object that says how (utils.prepareValue). */
  toPostgres(): string {
    return JSON.stringify(this.rows);
  }
}

/**
 * Rows at or above which COPY beats the JSON statement: COPY takes three round trips (a savepoint,
 * the copy, its release) to the statement's one. Measured per statement in a transaction, local
 * server: 100 rows 0.9 ms either way, 1,000 rows 2.8-3.0 ms against 3.6-3.8.
 */
export const COPY_AT_LEAST = 500;

/** How each statement's rows go, by its text, for the last 500 statements offered. */
const KNOWN = 500;
const SAVEPOINT = 'jejak_copy_rows';

/**
 * Column types whose text COPY reads as the statement reads the same value from JSON: anything
 * else (json, arrays, composite types…) keeps the statement (a string for a jsonb column is a JSON
 * string there, parsed JSON here).
 */
const SAME_FROM_TEXT = new Set([
  'text',
  'character varying',
  'integer',
  'bigint',
  'smallint',
  'numeric',
  'real',
  'double precision',
  'boolean',
  'date',
]);

/** Integrity and data errors: what a row can do to a statement, which the statement itself says. */
const ROW_ERROR = /^2[23]/;
const UNIQUE_VIOLATION = '23505';

/**
 * The read store's pool for Kysely, whose connections send the rows of a statement bound with a
 * `CopyRows` by `COPY … FROM STDIN` in a savepoint: the server parses a line of text per row where
 * it parsed JSON and made a record of it (an actor index's 70,000 rows in batches of 5,000: 250 ms
 * against 465). COPY only inserts, so a statement takes it only once it is known to mean the same:
 * the first time a text comes, its columns' types are looked up (`SAME_FROM_TEXT`) and the
 * statement is run as written with no rows, which raises what it would raise whatever its rows (a
 * conflict target that is no unique key, a column that is not there). Then, if COPY fails on a
 * row (an integrity or data error: a row the table has, a value its type refuses), the savepoint is
 * rolled back and the statement runs as written with the same rows: what it does on a conflict, or
 * the error it would have raised. A conflict sends the statement's later rows as written too. Any
 * other failure (the statement cancelled or timed out, the connection lost) is the caller's, as
 * the statement's would be, and the transaction is left to its rollback.
 *
 * The savepoint, the COPY and its release are three statements on the transaction's connection:
 * like Kysely, callers run one statement at a time on a transaction. Each COPY leaves a
 * subtransaction until the commit; PostgreSQL tracks 64 per transaction cheaply, and a batch
 * writes a handful of tables per read model.
 */
export function withCopyRows(pool: pg.Pool): PostgresPool {
  const clients = new WeakMap<pg.PoolClient, PostgresPoolClient>();
  const known = new LruMap<string, 'copy' | 'as-written'>(KNOWN);
  return {
    // What Kysely cancels a query with (pg-pool keeps its client class there).
    Client: (pool as { Client?: PostgresPool['Client'] }).Client,
    options: pool.options,
    end: () => pool.end(),
    async connect() {
      const client = await pool.connect();
      let copying = clients.get(client);
      if (!copying) clients.set(client, (copying = copyingClient(client, known)));
      return copying;
    },
  };
}

type Known = LruMap<string, 'copy' | 'as-written'>;

function copyingClient(client: pg.PoolClient, known: Known): PostgresPoolClient {
  const query = (text: unknown, parameters?: readonly unknown[]): unknown => {
    const rows = parameters?.[0];
    if (typeof text === 'string' && rows instanceof CopyRows) return copyOrRun(client, text, rows, known);
    return (client.query as (text: unknown, parameters?: readonly unknown[]) => unknown)(text, parameters);
  };
  return {
    // Kysely reads the backend's pid to cancel a query.
    get processID() {
      return (client as { processID?: number }).processID;
    },
    query: query as PostgresPoolClient['query'],
    release: (destroy?: boolean) => client.release(destroy),
  };
}

type Result = { command: 'INSERT'; rowCount: number; rows: [] } | pg.QueryResult;

async function copyOrRun(client: pg.PoolClient, text: string, rows: CopyRows, known: Known): Promise<Result> {
  const asWritten = () => client.query(text, [rows.toPostgres()]);
  let way = known.get(text);
  if (!way) known.set(text, (way = await firstTime(client, text, rows)));
  // A string COPY could not carry as the statement would (a lone surrogate) goes as written too.
  const lines = way === 'copy' ? copyText(rows) : undefined;
  if (lines === undefined) return asWritten();
  await client.query(`SAVEPOINT ${SAVEPOINT}`);
  try {
    const columns = rows.keys.map((key) => `"${key}"`).join(', ');
    await copyIn(client, `COPY ${rows.table} (${columns}) FROM STDIN`, lines);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (typeof code !== 'string' || !ROW_ERROR.test(code)) throw error;
    await client.query(`ROLLBACK TO SAVEPOINT ${SAVEPOINT}; RELEASE SAVEPOINT ${SAVEPOINT}`);
    if (code === UNIQUE_VIOLATION) known.set(text, 'as-written');
    return asWritten();
  }
  await client.query(`RELEASE SAVEPOINT ${SAVEPOINT}`);
  return { command: 'INSERT', rowCount: rows.rows.length, rows: [] };
}

/**
 * Whether COPY may carry this statement's rows: its columns are of types read alike from text and
 * from JSON, and the statement, run as written with no rows, raised nothing (if it raises, that is
 * the caller's error, as it would have been with any rows).
 */
async function firstTime(client: pg.PoolClient, text: string, rows: CopyRows): Promise<'copy' | 'as-written'> {
  const { rows: types } = await client.query<{ type: string }>(
    `SELECT format_type(atttypid, NULL) AS type FROM pg_attribute
      WHERE attrelid = $1::regclass AND attname = ANY($2::text[]) AND attnum > 0 AND NOT attisdropped`,
    [rows.table, rows.keys],
  );
  await client.query(text, ['[]']);
  const alike = types.length === rows.keys.length && types.every(({ type }) => SAME_FROM_TEXT.has(type));
  return alike ? 'copy' : 'as-written';
}

/** Resolves once the server has taken every row (pg-copy-streams finishes at its ReadyForQuery). */
function copyIn(client: pg.PoolClient, statement: string, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const stream = client.query(copyStreams.from(statement));
    stream.on('finish', resolve);
    stream.on('error', reject);
    stream.end(text);
  });
}

/** A character COPY's text must escape, or a surrogate (one alone cannot be sent as UTF-8). */
const SLOW = /[\\\n\r\t\uD800-\uDFFF]/;
const SPECIALS = /[\\\n\r\t]/g;
const LONE_SURROGATE = /\p{Surrogate}/u;
const ESCAPED: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * The rows in COPY's text format: a line per row, values by tabs, null as `\N`, a backslash, tab
 * or line break in a value escaped. A value goes as its text, as the driver binds a parameter
 * (a boolean as `true`/`false`, a number as JavaScript writes it). Undefined when a string holds a
 * lone surrogate, which UTF-8 would replace where the statement refuses it.
 */
export function copyText({ keys, rows }: CopyRows): string | undefined {
  let text = '';
  for (const row of rows) {
    const values = row as Record<string, unknown>;
    for (let i = 0; i < keys.length; i++) {
      const value = values[keys[i]!];
      if (i > 0) text += '\t';
      if (value === null) text += '\\N';
      else if (typeof value !== 'string') text += String(value);
      else if (!SLOW.test(value)) text += value;
      else if (LONE_SURROGATE.test(value)) return undefined;
      else text += value.replace(SPECIALS, (c) => ESCAPED[c]!);
    }
    text += '\n';
  }
  return text;
}
