import type pg from 'pg';
import { CommandKeyTakenError } from '../errors.js';
import type {
  AppendResult,
  CommandKey,
  ExpectedRevision,
  NewEvent,
  RecordedEvent,
  StreamAppend,
} from '../event-store.port.js';
import { categoryOf } from '../stream-name.js';

/** The statements of one append, each on the append's transaction (see PostgresEventStore). */

export interface EventRow {
  position: string;
  event_id: string;
  stream: string;
  revision: string;
  type: string;
  data: unknown;
  metadata: RecordedEvent['metadata'];
  recorded_at: Date;
}

export const COLUMNS = 'position, event_id, stream, revision, type, data, metadata, recorded_at';

export type OneStatementOutcome =
  | { outcome: 'appended'; nextRevision: number; position: number }
  /** The first event is already in the stream (a retry): the caller looks at it in a transaction. */
  | { outcome: 'seen' }
  | { outcome: 'conflict'; actual: number | undefined };

/** Same numbers as append_events' p_expected; a negative revision can never be met (-4). */
function expectedCode(expected: ExpectedRevision): number {
  if (expected === 'no_stream') return -1;
  if (expected === 'any') return -2;
  if (expected === 'exists') return -3;
  return expected < 0 ? -4 : expected;
}

/**
 * The whole append as one prepared statement on the pool (append_events, ADR 0012): one round
 * trip, its own transaction, no BEGIN or COMMIT. Events go in as one JSON array; the server
 * stores each event's data and metadata as the very text JSON.stringify wrote for them.
 */
export async function appendInOneStatement(
  pool: pg.Pool,
  schema: string,
  stream: string,
  events: readonly NewEvent[],
  expected: ExpectedRevision,
  recordedAt: string | undefined,
  key: CommandKey | undefined,
): Promise<OneStatementOutcome> {
  const payload = JSON.stringify(
    events.map((e) => ({ eventId: e.eventId, type: e.type, data: e.data, metadata: e.metadata })),
  );
  let rows: Array<{ outcome: string; next_revision: string | null; at_position: string | null }>;
  try {
    ({ rows } = await pool.query({
      name: `jejak_append_${schema}`,
      text: `SELECT outcome, next_revision, at_position FROM "${schema}".append_events($1, $2, $3, $4, $5, $6, $7, $8)`,
      values: [stream, categoryOf(stream), expectedCode(expected), payload, recordedAt ?? null].concat(
        key ? [key.scope, key.key, key.fingerprint] : [null, null, null],
      ),
    }));
  } catch (error) {
    if ((error as { code?: string }).code === 'JK409' && key) throw new CommandKeyTakenError(key.scope, key.key);
    throw error;
  }
  const row = rows[0]!;
  if (row.outcome === 'seen') return { outcome: 'seen' };
  if (row.outcome === 'conflict')
    return { outcome: 'conflict', actual: row.next_revision === null ? undefined : Number(row.next_revision) };
  return { outcome: 'appended', nextRevision: Number(row.next_revision), position: Number(row.at_position) };
}

export type ManyStatementOutcome =
  | { outcome: 'appended'; results: Array<{ nextRevision: number; position: number | undefined }> }
  /** The part at `index` refused: its first event is already there (a retry), or its expectation fails. */
  | { outcome: 'seen'; index: number }
  | { outcome: 'conflict'; index: number; actual: number | undefined };

/** Several streams in one prepared statement (append_events_many, ADR 0016): all or nothing. */
export async function appendManyInOneStatement(
  pool: pg.Pool,
  schema: string,
  appends: readonly StreamAppend[],
  recordedAt: string | undefined,
  key: CommandKey | undefined,
): Promise<ManyStatementOutcome> {
  const payload = JSON.stringify(
    appends.map((a) => a.events.map((e) => ({ eventId: e.eventId, type: e.type, data: e.data, metadata: e.metadata }))),
  );
  let rows: Array<{ outcome: string; next_revision: string | null; at_position: string | null }>;
  try {
    ({ rows } = await pool.query({
      name: `jejak_append_many_${schema}`,
      text: `SELECT outcome, next_revision, at_position FROM "${schema}".append_events_many($1, $2, $3, $4, $5, $6, $7, $8)`,
      values: [
        appends.map((a) => a.stream),
        appends.map((a) => categoryOf(a.stream)),
        appends.map((a) => expectedCode(a.expectedRevision)),
        payload,
        recordedAt ?? null,
      ].concat(key ? [key.scope, key.key, key.fingerprint] : [null, null, null]),
    }));
  } catch (error) {
    if ((error as { code?: string }).code === 'JK409' && key) throw new CommandKeyTakenError(key.scope, key.key);
    throw error;
  }
  const number = (value: string | null): number | undefined => (value === null ? undefined : Number(value));
  const first = rows[0]!;
  if (first.outcome === 'seen') return { outcome: 'seen', index: Number(first.at_position) };
  if (first.outcome === 'conflict')
    return { outcome: 'conflict', index: Number(first.at_position), actual: number(first.next_revision) };
  return {
    outcome: 'appended',
    results: rows.map((row) => ({ nextRevision: Number(row.next_revision), position: number(row.at_position) })),
  };
}

/**
 * Opens the append's transaction and reads the stream's revision and where the first event
 * already is (a retry), in one round trip: a multi-statement query takes no parameters, so the
 * values go in as literals escaped by the driver.
 */
export async function beginAndRead(
  client: pg.PoolClient,
  table: string,
  stream: string,
  firstEventId: string | undefined,
): Promise<{ actual: number | undefined; firstRevision: number | undefined }> {
  const s = client.escapeLiteral(stream);
  const id = firstEventId === undefined ? 'NULL' : `${client.escapeLiteral(firstEventId)}::uuid`;
  const results = (await client.query(
    `BEGIN; SELECT (SELECT max(revision) FROM ${table} WHERE stream = ${s}) AS revision,
                   (SELECT revision FROM ${table} WHERE event_id = ${id} AND stream = ${s}) AS first_revision`,
  )) as unknown as Array<pg.QueryResult<{ revision: string | null; first_revision: string | null }>>;
  const row = results[1]!.rows[0]!;
  return {
    actual: row.revision === null ? undefined : Number(row.revision),
    firstRevision: row.first_revision === null ? undefined : Number(row.first_revision),
  };
}

/** EventStoreDB's idempotence rule, as in the SQLite adapter: the same ids at the same place. */
export async function previousAppend(
  client: pg.PoolClient,
  table: string,
  stream: string,
  events: readonly NewEvent[],
  expected: ExpectedRevision,
  firstRevision: number | undefined,
): Promise<AppendResult | undefined> {
  if (events.length === 0 || firstRevision === undefined) return undefined;
  const startsAt = expected === 'no_stream' ? 0 : typeof expected === 'number' ? expected + 1 : firstRevision;
  if (firstRevision !== startsAt) return undefined;
  const stored = await client.query<EventRow>(
    `SELECT ${COLUMNS} FROM ${table} WHERE stream = $1 AND revision >= $2 ORDER BY revision LIMIT $3`,
    [stream, startsAt, events.length],
  );
  if (stored.rows.length !== events.length || stored.rows.some((row, i) => row.event_id !== events[i]!.eventId))
    return undefined;
  const last = stored.rows.at(-1)!;
  return { nextRevision: Number(last.revision), position: Number(last.position) };
}

/**
 * One statement: reserve_positions gives the transaction its id together with the positions and
 * the events go in at them. No NOTIFY here: a notifying transaction holds a database-wide lock
 * through its commit, which would queue the commits again (see PostgresEventStore.announce). The
 * transaction must have no id before (it has only read): an id taken earlier could be older
 * than a position reserved before this one, and readers could then pass over that position.
 */
export async function insertEvents(
  client: pg.PoolClient,
  schema: string,
  stream: string,
  events: readonly NewEvent[],
  firstRevision: number,
  recordedAt: string | undefined,
  /** Commit in the same round trip (nothing else to write in the transaction). */
  commit: boolean,
): Promise<number> {
  const lit = (value: string): string => client.escapeLiteral(value);
  const values = events.map(
    (event, i) =>
      `(${i}, ${lit(event.eventId)}::uuid, ${firstRevision + i}, ${lit(event.type)}, ` +
      `${lit(JSON.stringify(event.data))}::json, ${lit(JSON.stringify(event.metadata))}::json)`,
  );
  const at = recordedAt === undefined ? 'now()' : `${lit(recordedAt)}::timestamptz`;
  const result = (await client.query(
    `WITH r AS (SELECT tx, last_position FROM "${schema}".reserve_positions(${events.length})),
     ins AS (
       INSERT INTO "${schema}".events (position, tx, event_id, stream, category, revision, type, data, metadata, recorded_at)
       SELECT r.last_position - ${events.length} + 1 + v.i, r.tx, v.event_id, ${lit(stream)}, ${lit(categoryOf(stream))},
              v.revision, v.type, v.data, v.metadata, ${at}
       FROM r, (VALUES ${values.join(', ')}) AS v(i, event_id, revision, type, data, metadata)
     )
     SELECT r.last_position FROM r${commit ? '; COMMIT' : ''}`,
  )) as unknown as pg.QueryResult<{ last_position: string }> | Array<pg.QueryResult<{ last_position: string }>>;
  const selected = Array.isArray(result) ? result[0]! : result;
  return Number(selected.rows[0]!.last_position);
}

/** In the append's transaction: a key already recorded rolls the whole append back. */
export async function recordKey(
  client: pg.PoolClient,
  schema: string,
  k: CommandKey,
  stream: string,
  revision: number,
  position: number,
): Promise<void> {
  const { rowCount } = await client.query(
    `INSERT INTO "${schema}".command_keys (scope, key, fingerprint, stream, revision, position, recorded_at)
     VALUES ($1, $2, $3, $4, $5, $6, now()) ON CONFLICT DO NOTHING`,
    [k.scope, k.key, k.fingerprint, stream, revision, position],
  );
  if (rowCount === 0) throw new CommandKeyTakenError(k.scope, k.key);
}

export function isUniqueViolation(error: unknown, constraints: readonly string[]): boolean {
  const { code, constraint } = error as { code?: string; constraint?: string };
  return code === '23505' && constraint !== undefined && constraints.includes(constraint);
}

export function toRecorded(row: EventRow): RecordedEvent {
  return {
    eventId: row.event_id,
    type: row.type,
    data: row.data,
    metadata: row.metadata,
    stream: row.stream,
    revision: Number(row.revision),
    position: Number(row.position),
    recordedAt: row.recorded_at.toISOString(),
  };
}
