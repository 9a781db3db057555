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
    /** The statement's column list, quoted, in the rows' key order. */
    readonly columns: string,
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

/** Statements whose rows COPY could not take, by text: they go as written from then on. */
const REFUSED = 500;
const SAVEPOINT = 'jejak_copy_rows';

/**
 * The read store's pool for Kysely, whose connections send the rows of a statement bound with a
 * `CopyRows` by `COPY … FROM STDIN` in a savepoint: the server parses a line of text per row where
 * it parsed JSON and made a record of it (an actor index's 70,000 rows in batches of 5,000: 250 ms
 * against 465). COPY only inserts; the statement may also say what a conflict does. So if COPY
 * fails for any reason (a row the table has, a value its type refuses), the savepoint is rolled
 * back and the statement runs as written, with the same rows: what it would have done, or the
 * error it would have raised. Such a statement is not offered to COPY again.
 */
export function withCopyRows(pool: pg.Pool): PostgresPool {
  const clients = new WeakMap<pg.PoolClient, PostgresPoolClient>();
  const refused = new LruMap<string, true>(REFUSED);
  return {
    // What Kysely cancels a query with (pg-pool keeps its client class there).
    Client: (pool as { Client?: PostgresPool['Client'] }).Client,
    options: pool.options,
    end: () => pool.end(),
    async connect() {
      const client = await pool.connect();
      let copying = clients.get(client);
      if (!copying) clients.set(client, (copying = copyingClient(client, refused)));
      return copying;
    },
  };
}

function copyingClient(client: pg.PoolClient, refused: LruMap<string, true>): PostgresPoolClient {
  const query = (text: unknown, parameters?: readonly unknown[]): unknown => {
    const rows = parameters?.[0];
    if (typeof text === 'string' && rows instanceof CopyRows && !refused.get(text))
      return copyOrRun(client, text, rows, refused);
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

async function copyOrRun(
  client: pg.PoolClient,
  text: string,
  rows: CopyRows,
  refused: LruMap<string, true>,
): Promise<{ command: 'INSERT'; rowCount: number; rows: [] } | pg.QueryResult> {
  await client.query(`SAVEPOINT ${SAVEPOINT}`);
  try {
    await copyIn(client, `COPY ${rows.table} (${rows.columns}) FROM STDIN`, copyText(rows));
  } catch {
    await client.query(`ROLLBACK TO SAVEPOINT ${SAVEPOINT}; RELEASE SAVEPOINT ${SAVEPOINT}`);
    refused.set(text, true);
    return client.query(text, [rows.toPostgres()]);
  }
  await client.query(`RELEASE SAVEPOINT ${SAVEPOINT}`);
  return { command: 'INSERT', rowCount: rows.rows.length, rows: [] };
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

const SPECIAL = /[\\\n\r\t]/;
const SPECIALS = /[\\\n\r\t]/g;
const ESCAPED: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * The rows in COPY's text format: a line per row, values by tabs, null as `\N`, a backslash, tab
 * or line break in a value escaped. A value goes as its text, as the driver binds a parameter
 * (a boolean as `true`/`false`, a number as JavaScript writes it).
 */
export function copyText({ keys, rows }: CopyRows): string {
  let text = '';
  for (const row of rows) {
    const values = row as Record<string, unknown>;
    for (let i = 0; i < keys.length; i++) {
      const value = values[keys[i]!];
      if (i > 0) text += '\t';
      if (value === null) text += '\\N';
      else if (typeof value === 'string')
        text += SPECIAL.test(value) ? value.replace(SPECIALS, (c) => ESCAPED[c]!) : value;
      else text += String(value);
    }
    text += '\n';
  }
  return text;
}
