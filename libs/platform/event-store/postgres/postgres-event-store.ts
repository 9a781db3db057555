import pg from 'pg';
import { AppendNotifier } from '../append-notifier.js';
import { catchUpSubscription, type FeedBatchReader } from '../catch-up-subscription.js';
import { CommandKeyTakenError, ConcurrencyError, DuplicateEventIdError } from '../errors.js';
import { satisfies } from '../expected-revision.js';
import type {
  AllFilter,
  AppendOptions,
  AppendResult,
  CommandKey,
  EventStore,
  ExpectedRevision,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeAllOptions,
  SubscriptionBatch,
} from '../event-store.port.js';
import { categoryOf } from '../stream-name.js';
import { postgresEventStoreSchema } from './postgres-event-store.schema.js';

export interface PostgresEventStoreOptions {
  connectionString: string;
  /** Schema holding the tables (default public); tests use one schema per store. */
  schema?: string;
  poolSize?: number;
  /** Fallback poll for live subscriptions, in case a notification is missed. */
  pollIntervalMs?: number;
  /** Where recordedAt comes from; without it the server stamps each event (now()). Tests set it. */
  clock?: () => Date;
}

interface EventRow {
  position: string;
  event_id: string;
  stream: string;
  revision: string;
  type: string;
  data: unknown;
  metadata: RecordedEvent['metadata'];
  recorded_at: Date;
}

/** All appends of one store take this transaction-level advisory lock (ADR 0005). */
const APPEND_LOCK = 0x4a454a41; // "JEJA"
const COLUMNS = 'position, event_id, stream, revision, type, data, metadata, recorded_at';

/**
 * PostgreSQL adapter. Appends are serialised by a transaction-level advisory lock and take the
 * next position under it, so positions are handed out in commit order: a reader never sees a gap
 * that a slower transaction fills later. Live subscriptions wake on LISTEN/NOTIFY and also poll.
 */
export class PostgresEventStore implements EventStore, FeedBatchReader {
  private readonly pool: pg.Pool;
  private readonly notifier = new AppendNotifier();
  private readonly schema: string;
  private readonly channel: string;
  private readonly pollIntervalMs: number;
  private readonly clock: (() => Date) | undefined;
  private listener: pg.Client | undefined;

  private constructor(options: PostgresEventStoreOptions) {
    this.schema = options.schema ?? 'public';
    if (!/^[a-z_][a-z0-9_]*$/.test(this.schema)) throw new Error(`Invalid schema name ${this.schema}`);
    this.channel = `jejak_events_${this.schema}`;
    this.pollIntervalMs = options.pollIntervalMs ?? 500;
    this.clock = options.clock;
    this.pool = new pg.Pool({ connectionString: options.connectionString, max: options.poolSize ?? 10 });
    this.pool.on('error', () => undefined);
  }

  static async open(options: PostgresEventStoreOptions): Promise<PostgresEventStore> {
    const store = new PostgresEventStore(options);
    await store.pool.query(postgresEventStoreSchema(store.schema));
    store.listener = new pg.Client({ connectionString: options.connectionString });
    store.listener.on('error', () => undefined);
    await store.listener.connect();
    store.listener.on('notification', (message) => store.notifier.notify(Number(message.payload)));
    await store.listener.query(`LISTEN ${store.channel}`);
    store.notifier.notify(await store.headPosition());
    return store;
  }

  private get table(): string {
    return `"${this.schema}".events`;
  }

  async append(
    stream: string,
    events: readonly NewEvent[],
    expected: ExpectedRevision,
    options: AppendOptions = {},
  ): Promise<AppendResult> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [APPEND_LOCK, this.schema]);
      const { rows } = await client.query<{ revision: string | null }>(
        `SELECT max(revision) AS revision FROM ${this.table} WHERE stream = $1`,
        [stream],
      );
      const actual = rows[0]!.revision === null ? undefined : Number(rows[0]!.revision);
      const retried = await this.previousAppend(client, stream, events, expected, actual);
      if (retried) {
        await client.query('COMMIT');
        return retried;
      }
      if (!satisfies(expected, actual)) throw new ConcurrencyError(stream, expected, actual);
      const head = await this.head(client);
      if (events.length === 0) {
        await client.query('COMMIT');
        return { nextRevision: actual ?? -1, position: head };
      }
      const params: unknown[] = [];
      const recordedAt = this.clock?.().toISOString();
      const width = recordedAt === undefined ? 8 : 9;
      const values = events.map((event, i) => {
        params.push(
          head + i + 1,
          event.eventId,
          stream,
          categoryOf(stream),
          (actual ?? -1) + i + 1,
          event.type,
          JSON.stringify(event.data),
          JSON.stringify(event.metadata),
        );
        if (recordedAt !== undefined) params.push(recordedAt);
        const p = i * width;
        const at = recordedAt === undefined ? 'now()' : `$${p + 9}::timestamptz`;
        return `($${p + 1}, $${p + 2}, $${p + 3}, $${p + 4}, $${p + 5}, $${p + 6}, $${p + 7}::json, $${p + 8}::json, ${at})`;
      });
      try {
        await client.query(
          `INSERT INTO ${this.table} (position, event_id, stream, category, revision, type, data, metadata, recorded_at) VALUES ${values.join(', ')}`,
          params,
        );
      } catch (error) {
        const { code, constraint } = error as { code?: string; constraint?: string };
        if (code === '23505' && constraint?.includes('event_id')) {
          const duplicate =
            events.find((e) => (error as { detail?: string }).detail?.includes(e.eventId)) ?? events[0]!;
          throw new DuplicateEventIdError(duplicate.eventId);
        }
        throw error;
      }
      const position = head + events.length;
      const nextRevision = (actual ?? -1) + events.length;
      if (options.commandKey) await this.recordKey(client, options.commandKey, stream, nextRevision, position);
      await client.query(`SELECT pg_notify($1, $2)`, [this.channel, String(position)]);
      await client.query('COMMIT');
      this.notifier.notify(position);
      return { nextRevision, position };
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  /** In the append's transaction: a key already recorded rolls the whole append back. */
  private async recordKey(
    client: pg.PoolClient,
    k: CommandKey,
    stream: string,
    revision: number,
    position: number,
  ): Promise<void> {
    const { rowCount } = await client.query(
      `INSERT INTO "${this.schema}".command_keys (scope, key, fingerprint, stream, revision, position, recorded_at)
       VALUES ($1, $2, $3, $4, $5, $6, now()) ON CONFLICT DO NOTHING`,
      [k.scope, k.key, k.fingerprint, stream, revision, position],
    );
    if (rowCount === 0) throw new CommandKeyTakenError(k.scope, k.key);
  }

  /** EventStoreDB's idempotence rule, as in the SQLite adapter. */
  private async previousAppend(
    client: pg.PoolClient,
    stream: string,
    events: readonly NewEvent[],
    expected: ExpectedRevision,
    actual: number | undefined,
  ): Promise<AppendResult | undefined> {
    if (events.length === 0 || actual === undefined) return undefined;
    const { rows } = await client.query<{ stream: string; revision: string }>(
      `SELECT stream, revision FROM ${this.table} WHERE event_id = $1`,
      [events[0]!.eventId],
    );
    const first = rows[0];
    if (!first || first.stream !== stream) return undefined;
    const startsAt =
      expected === 'no_stream' ? 0 : typeof expected === 'number' ? expected + 1 : Number(first.revision);
    if (Number(first.revision) !== startsAt) return undefined;
    const stored = await client.query<EventRow>(
      `SELECT ${COLUMNS} FROM ${this.table} WHERE stream = $1 AND revision >= $2 ORDER BY revision LIMIT $3`,
      [stream, startsAt, events.length],
    );
    if (stored.rows.length !== events.length || stored.rows.some((row, i) => row.event_id !== events[i]!.eventId))
      return undefined;
    const last = stored.rows.at(-1)!;
    return { nextRevision: Number(last.revision), position: Number(last.position) };
  }

  async readStream(stream: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const backwards = options.direction === 'backwards';
    const { rows } = await this.pool.query<EventRow>(
      `SELECT ${COLUMNS} FROM ${this.table} WHERE stream = $1 AND revision ${backwards ? '<=' : '>='} $2
       ORDER BY revision ${backwards ? 'DESC' : 'ASC'} LIMIT $3`,
      [stream, options.from ?? (backwards ? Number.MAX_SAFE_INTEGER : 0), options.limit ?? null],
    );
    return rows.map(toRecorded);
  }

  async streamRevision(stream: string): Promise<number | undefined> {
    const { rows } = await this.pool.query<{ revision: string | null }>(
      `SELECT max(revision) AS revision FROM ${this.table} WHERE stream = $1`,
      [stream],
    );
    return rows[0]!.revision === null ? undefined : Number(rows[0]!.revision);
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    return (await this.select(options.after ?? 0, Number.MAX_SAFE_INTEGER, options.filter, options.limit ?? null)).map(
      toRecorded,
    );
  }

  async readBatch(after: number, filter: AllFilter | undefined, limit: number): Promise<SubscriptionBatch> {
    const head = await this.head(this.pool);
    const rows = await this.select(after, head, filter, limit);
    const full = rows.length === limit;
    const checkpoint = full ? Number(rows.at(-1)!.position) : Math.max(head, after);
    return { events: rows.map(toRecorded), checkpoint, caughtUp: !full };
  }

  subscribeAll(options: SubscribeAllOptions = {}): AsyncIterable<SubscriptionBatch> {
    return catchUpSubscription(this, this.notifier, options, this.pollIntervalMs);
  }

  async headPosition(): Promise<number> {
    return this.head(this.pool);
  }

  /** The connection pool's use, for /metrics (the LISTEN connection is not in it). */
  poolStats(): { total: number; idle: number; waiting: number } {
    return { total: this.pool.totalCount, idle: this.pool.idleCount, waiting: this.pool.waitingCount };
  }

  async close(): Promise<void> {
    await this.listener?.end().catch(() => undefined);
    await this.pool.end();
  }

  private async head(db: pg.Pool | pg.PoolClient): Promise<number> {
    const { rows } = await db.query<{ head: string | null }>(`SELECT max(position) AS head FROM ${this.table}`);
    return Number(rows[0]!.head ?? 0);
  }

  private async select(
    after: number,
    head: number,
    filter: AllFilter | undefined,
    limit: number | null,
  ): Promise<EventRow[]> {
    const params: unknown[] = [after, head];
    const where = ['position > $1', 'position <= $2'];
    if (filter?.categories?.length) {
      params.push(filter.categories);
      where.push(`category = ANY($${params.length})`);
    }
    if (filter?.types?.length) {
      params.push(filter.types);
      where.push(`type = ANY($${params.length})`);
    }
    params.push(limit);
    const { rows } = await this.pool.query<EventRow>(
      `SELECT ${COLUMNS} FROM ${this.table} WHERE ${where.join(' AND ')} ORDER BY position LIMIT $${params.length}`,
      params,
    );
    return rows;
  }
}

function toRecorded(row: EventRow): RecordedEvent {
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
