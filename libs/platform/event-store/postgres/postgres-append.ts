import type pg from 'pg';
import { CommandKeyTakenError } from '../errors.js';
import type { AppendResult, CommandKey, ExpectedRevision, NewEvent, RecordedEvent } from '../event-store.port.js';
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

/** The stream's revision and, in the same round trip, where the first event already is (a retry). */
export async function revisionAndRetry(
  client: pg.PoolClient,
  table: string,
  stream: string,
  firstEventId: string | undefined,
): Promise<{ actual: number | undefined; firstRevision: number | undefined }> {
  const { rows } = await client.query<{ revision: string | null; first_revision: string | null }>(
    `SELECT (SELECT max(revision) FROM ${table} WHERE stream = $1) AS revision,
            (SELECT revision FROM ${table} WHERE event_id = $2 AND stream = $1) AS first_revision`,
    [stream, firstEventId ?? null],
  );
  const row = rows[0]!;
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
): Promise<number> {
  const params: unknown[] = [events.length, stream, categoryOf(stream), recordedAt ?? null];
  const values = events.map((event, i) => {
    params.push(
      i,
      event.eventId,
      firstRevision + i,
      event.type,
      JSON.stringify(event.data),
      JSON.stringify(event.metadata),
    );
    const p = params.length - 6;
    return `($${p + 1}::int, $${p + 2}::uuid, $${p + 3}::bigint, $${p + 4}::text, $${p + 5}::json, $${p + 6}::json)`;
  });
  const { rows } = await client.query<{ last_position: string }>(
    `WITH r AS (SELECT tx, last_position FROM "${schema}".reserve_positions($1)),
     ins AS (
       INSERT INTO "${schema}".events (position, tx, event_id, stream, category, revision, type, data, metadata, recorded_at)
       SELECT r.last_position - $1 + 1 + v.i, r.tx, v.event_id, $2, $3, v.revision, v.type, v.data, v.metadata,
              coalesce($4::timestamptz, now())
       FROM r, (VALUES ${values.join(', ')}) AS v(i, event_id, revision, type, data, metadata)
     )
     SELECT r.last_position FROM r`,
    params,
  );
  return Number(rows[0]!.last_position);
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
