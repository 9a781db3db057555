import pg from 'pg';
import { AppendNotifier } from '../append-notifier.js';
import { catchUpSubscription, type FeedBatchReader } from '../catch-up-subscription.js';
import { ConcurrencyError, DuplicateEventIdError } from '../errors.js';
import { satisfies } from '../expected-revision.js';
import type {
  AllFilter,
  AppendOptions,
  AppendResult,
  EventStore,
  ExpectedRevision,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  StreamAppend,
  SubscribeAllOptions,
  SubscriptionBatch,
} from '../event-store.port.js';
import { assertDistinctStreams } from '../stream-name.js';
import { migrate } from '#libs/platform/postgres/index.js';
import {
  COLUMNS,
  appendInOneStatement,
  appendManyInOneStatement,
  beginAndRead,
  insertEvents,
  isUniqueViolation,
  previousAppend,
  recordKey,
  toRecorded,
  type EventRow,
} from './postgres-append.js';
import { postgresCommandKeysMigrations, postgresEventStoreMigrations } from './postgres-event-store.schema.js';

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

/** A race on a stream's revision or an event id is looked at again, under the usual rules. */
const ATTEMPTS = 3;

/**
 * PostgreSQL adapter (ADR 0012). An append is one statement (append_events), and appends run in
 * parallel: a stream's revisions are kept by its unique (stream, revision), and each append takes
 * its transaction id and its positions together (reserve_positions, a lock held for microseconds,
 * never until commit), so a later position always belongs to a later transaction id. Readers see
 * only events older than every transaction that may still hide a lower position (safe_horizon):
 * every position below such an event is final, so a transaction that commits late is never
 * skipped. Live subscriptions wake on LISTEN/NOTIFY and also poll.
 */
export class PostgresEventStore implements EventStore, FeedBatchReader {
  private readonly pool: pg.Pool;
  private readonly notifier = new AppendNotifier();
  private readonly schema: string;
  private readonly channel: string;
  private readonly pollIntervalMs: number;
  private readonly clock: (() => Date) | undefined;
  private listener: pg.Client | undefined;
  /** The highest position committed here and not yet announced to other processes. */
  private unannounced = 0;
  private announcing: Promise<void> | undefined;

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
    await migratePostgresCommandKeys(options.connectionString, options.schema ?? 'public');
    await migrate(
      options.connectionString,
      options.schema ?? 'public',
      'event-store',
      postgresEventStoreMigrations(options.schema ?? 'public'),
    );
    const store = new PostgresEventStore(options);
    store.listener = new pg.Client({ connectionString: options.connectionString });
    store.listener.on('error', () => undefined);
    await store.listener.connect();
    // Announcements go out on this same connection: their echo would wake this process's
    // subscriptions a second time for appends it already told them about, each for a read of
    // the head that finds nothing new.
    const self = (store.listener as unknown as { processID: number | null }).processID;
    store.listener.on('notification', (message) => {
      if (message.processId !== self) store.notifier.notify(Number(message.payload));
    });
    await store.listener.query(`LISTEN ${store.channel}`);
    // This connection also announces appends (announce). A NOTIFY is a transaction of its own, and
    // waiting for its flush doubled a lone writer's fsyncs; a wake-up lost in a crash only costs
    // subscribers elsewhere their next poll, so its commit need not wait for the disk.
    await store.listener.query('SET synchronous_commit = off');
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
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.appendOnce(stream, events, expected, options);
      } catch (error) {
        // Another append took the revision or the event ids first: the next attempt sees it and
        // answers as a sequential append would (idempotent success or concurrency error).
        if (attempt < ATTEMPTS && isUniqueViolation(error, ['events_stream_revision_unique', 'events_event_id_unique']))
          continue;
        if (isUniqueViolation(error, ['events_stream_revision_unique']))
          throw new ConcurrencyError(stream, expected, await this.streamRevision(stream));
        if (isUniqueViolation(error, ['events_event_id_unique'])) {
          const detail = (error as { detail?: string }).detail;
          throw new DuplicateEventIdError((events.find((e) => detail?.includes(e.eventId)) ?? events[0]!).eventId);
        }
        throw error;
      }
    }
  }

  /**
   * The usual append is one statement (append_events). A retry of an append already stored, and
   * an append of no events, take the transaction of statements below.
   */
  private async appendOnce(
    stream: string,
    events: readonly NewEvent[],
    expected: ExpectedRevision,
    options: AppendOptions,
  ): Promise<AppendResult> {
    if (events.length === 0) return this.appendInTransaction(stream, events, expected, options);
    const recordedAt = this.clock?.().toISOString();
    const result = await appendInOneStatement(
      this.pool,
      this.schema,
      stream,
      events,
      expected,
      recordedAt,
      options.commandKey,
    );
    if (result.outcome === 'seen') return this.appendInTransaction(stream, events, expected, options);
    if (result.outcome === 'conflict') throw new ConcurrencyError(stream, expected, result.actual);
    this.notifier.notify(result.position);
    this.announce(result.position);
    return { nextRevision: result.nextRevision, position: result.position };
  }

  /**
   * Several streams in one statement (append_events_many), all or nothing; races on the unique
   * constraints are looked at again as for one stream. A retry of a multi-stream append already
   * stored (its first events found in place) is answered from what is stored.
   */
  async appendMany(appends: readonly StreamAppend[], options: AppendOptions = {}): Promise<AppendResult[]> {
    assertDistinctStreams(appends);
    if (appends.length === 0) return [];
    if (appends.length === 1)
      return [await this.append(appends[0]!.stream, appends[0]!.events, appends[0]!.expectedRevision, options)];
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.appendManyOnce(appends, options);
      } catch (error) {
        if (attempt < ATTEMPTS && isUniqueViolation(error, ['events_stream_revision_unique', 'events_event_id_unique']))
          continue;
        const detail = (error as { detail?: string }).detail ?? '';
        if (isUniqueViolation(error, ['events_stream_revision_unique'])) {
          const raced = appends.find((a) => detail.includes(a.stream)) ?? appends[0]!;
          throw new ConcurrencyError(raced.stream, raced.expectedRevision, await this.streamRevision(raced.stream));
        }
        if (isUniqueViolation(error, ['events_event_id_unique'])) {
          const ids = appends.flatMap((a) => a.events.map((e) => e.eventId));
          throw new DuplicateEventIdError(ids.find((id) => detail.includes(id)) ?? ids[0]!);
        }
        throw error;
      }
    }
  }

  private async appendManyOnce(appends: readonly StreamAppend[], options: AppendOptions): Promise<AppendResult[]> {
    const recordedAt = this.clock?.().toISOString();
    const result = await appendManyInOneStatement(this.pool, this.schema, appends, recordedAt, options.commandKey);
    if (result.outcome === 'conflict') {
      const refused = appends[result.index]!;
      throw new ConcurrencyError(refused.stream, refused.expectedRevision, result.actual);
    }
    if (result.outcome === 'seen') return this.previousAppendMany(appends, appends[result.index]!.events[0]!.eventId);
    const last = Math.max(0, ...result.results.map((r) => r.position ?? 0));
    const head = last || (await this.head(this.pool));
    if (last) {
      this.notifier.notify(last);
      this.announce(last);
    }
    return result.results.map((r) => ({ nextRevision: r.nextRevision, position: r.position ?? head }));
  }

  /**
   * A multi-stream append whose first events are stored already: the same append again (its
   * parts were committed together), answered from the store as each part's previousAppend;
   * anything else is refused as a single append would be.
   */
  private async previousAppendMany(appends: readonly StreamAppend[], seenId: string): Promise<AppendResult[]> {
    const client = await this.pool.connect();
    try {
      const results: AppendResult[] = [];
      for (const { stream, events, expectedRevision } of appends) {
        const { rows } = await client.query<{ revision: string }>(
          `SELECT revision FROM ${this.table} WHERE event_id = $1 AND stream = $2`,
          [events[0]?.eventId ?? null, stream],
        );
        const firstRevision = rows[0] ? Number(rows[0].revision) : undefined;
        const retried = await previousAppend(client, this.table, stream, events, expectedRevision, firstRevision);
        if (retried) {
          results.push(retried);
          continue;
        }
        const actual = await this.streamRevision(stream);
        if (events.length === 0 && satisfies(expectedRevision, actual)) {
          results.push({ nextRevision: actual ?? -1, position: await this.head(this.pool) });
          continue;
        }
        if (!satisfies(expectedRevision, actual)) throw new ConcurrencyError(stream, expectedRevision, actual);
        throw new DuplicateEventIdError(firstRevision !== undefined ? events[0]!.eventId : seenId);
      }
      return results;
    } finally {
      client.release();
    }
  }

  private async appendInTransaction(
    stream: string,
    events: readonly NewEvent[],
    expected: ExpectedRevision,
    options: AppendOptions,
  ): Promise<AppendResult> {
    const client = await this.pool.connect();
    try {
      const { actual, firstRevision } = await beginAndRead(client, this.table, stream, events[0]?.eventId);
      const retried = await previousAppend(client, this.table, stream, events, expected, firstRevision);
      if (retried) {
        await client.query('COMMIT');
        return retried;
      }
      if (!satisfies(expected, actual)) throw new ConcurrencyError(stream, expected, actual);
      if (events.length === 0) {
        await client.query('COMMIT');
        return { nextRevision: actual ?? -1, position: await this.head(this.pool) };
      }
      const recordedAt = this.clock?.().toISOString();
      const key = options.commandKey;
      const position = await insertEvents(client, this.schema, stream, events, (actual ?? -1) + 1, recordedAt, !key);
      const nextRevision = (actual ?? -1) + events.length;
      if (key) {
        await recordKey(client, this.schema, key, stream, nextRevision, position);
        await client.query('COMMIT');
      }
      this.notifier.notify(position);
      this.announce(position);
      return { nextRevision, position };
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  /**
   * Tells other processes (LISTEN) that events were committed, after the commit and one
   * NOTIFY at a time for however many appends committed meanwhile: NOTIFY inside the append
   * would hold PostgreSQL's notification lock through every commit's flush. Should the process
   * die before announcing, subscribers elsewhere still see the events at their next poll.
   */
  private announce(position: number): void {
    this.unannounced = Math.max(this.unannounced, position);
    this.announcing ??= (async () => {
      while (this.unannounced > 0) {
        const last = this.unannounced;
        this.unannounced = 0;
        // On the LISTEN connection, which is idle otherwise: an append never waits for a pool
        // connection behind an announcement.
        await this.listener?.query('SELECT pg_notify($1, $2)', [this.channel, String(last)]).catch(() => undefined);
      }
      this.announcing = undefined;
    })();
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
    const head = await this.head(this.pool);
    const after = options.after ?? 0;
    const rows =
      options.limit === undefined
        ? await this.select(after, head, options.filter, null)
        : await this.selectWindowed(after, head, options.filter, options.limit);
    return rows.map(toRecorded);
  }

  async readBatch(after: number, filter: AllFilter | undefined, limit: number): Promise<SubscriptionBatch> {
    const head = await this.head(this.pool);
    const rows = await this.selectWindowed(after, head, filter, limit);
    const full = rows.length === limit;
    const checkpoint = full ? Number(rows.at(-1)!.position) : Math.max(head, after);
    return { events: rows.map(toRecorded), checkpoint, caughtUp: !full };
  }

  subscribeAll(options: SubscribeAllOptions = {}): AsyncIterable<SubscriptionBatch> {
    // Reading ahead: the next batch's round trip overlaps the consumer's work on this one.
    return catchUpSubscription(this, this.notifier, options, this.pollIntervalMs, true);
  }

  async headPosition(): Promise<number> {
    return this.head(this.pool);
  }

  /** The connection pool's use, for /metrics (the LISTEN connection is not in it). */
  poolStats(): { total: number; idle: number; waiting: number } {
    return { total: this.pool.totalCount, idle: this.pool.idleCount, waiting: this.pool.waitingCount };
  }

  async close(): Promise<void> {
    await this.announcing;
    await this.listener?.end().catch(() => undefined);
    await this.pool.end();
  }

  /**
   * The highest position readers may see: the last event older than every transaction that may
   * still hide a lower position (safe_horizon). Everything below it is committed or abandoned for
   * good. Another look (up to five) when only a transaction that ended just as the snapshot was
   * taken held visible events back.
   */
  private async head(db: pg.Pool | pg.PoolClient): Promise<number> {
    for (let look = 1; ; look++) {
      const { rows } = await db.query<{ safe: string | null; visible: string | null; unsure: boolean }>(
        `WITH h AS MATERIALIZED (SELECT * FROM "${this.schema}".safe_horizon())
         SELECT (SELECT position FROM ${this.table}, h WHERE tx < h.horizon ORDER BY position DESC LIMIT 1) AS safe,
                (SELECT max(position) FROM ${this.table}) AS visible, (SELECT unsure FROM h) AS unsure`,
      );
      const { safe, visible, unsure } = rows[0]!;
      if (!unsure || safe === visible || look === 5) return Number(safe ?? 0);
    }
  }

  /**
   * Up to `limit` events after `after` up to `head`; a filtered read window by window: the first
   * `feedWindow`, each next one sized by what the last held (`nextFeedWindow`).
   */
  private async selectWindowed(
    after: number,
    head: number,
    filter: AllFilter | undefined,
    limit: number,
  ): Promise<EventRow[]> {
    let rows: EventRow[] = [];
    for (let from = after, to = feedWindow(after, head, filter, limit); ;) {
      const found = await this.select(from, to, filter, limit - rows.length);
      // concat, not push(...found): a read of 100,000 rows would overflow the call's arguments.
      rows = rows.length ? rows.concat(found) : found;
      if (rows.length >= limit || to >= head) return rows;
      [from, to] = [to, Math.min(head, to + nextFeedWindow(to - from, found.length, limit - rows.length, limit))];
    }
  }

  private async select(
    after: number,
    head: number,
    filter: AllFilter | undefined,
    limit: number | null,
  ): Promise<EventRow[]> {
    const { text, values } = readAfterQuery(this.table, after, head, filter, limit);
    const { rows } = await this.pool.query<EventRow>(text, values);
    return rows;
  }
}

/** The command keys' table, for a store that keeps keys beside events of another kind (see adapters). */
export async function migratePostgresCommandKeys(connectionString: string, schema: string): Promise<void> {
  await migrate(connectionString, schema, 'command-keys', postgresCommandKeysMigrations(schema));
}

/** A read of some categories or types only, which goes window by window (feedWindow). */
const isFiltered = (filter: AllFilter | undefined): boolean =>
  Boolean(filter?.categories?.length || filter?.types?.length);

/**
 * Where the first statement of a batch's read stops: the head for the whole feed; for a feed
 * filtered by category or type, a window of positions (the batch and a quarter, 1,000 at least),
 * and each next statement a window sized by what the last one held (`nextFeedWindow`). On a table
 * without statistics (a restore, a bulk import, a store written a minute ago) PostgreSQL plans a
 * filtered read as every matching row after `after`, fetched through the category's index and
 * sorted: unbounded, each batch cost the rest of the store (a 5,000-event batch of a 349,250-event
 * store: 333 ms, sorted on disk, against 6 ms once analyzed), and a catch-up grew with its square.
 * In a window any plan reads at most the window's rows (never more than `maxFeedWindow`), and the
 * windows follow each other. Windows sized to the rows a batch needs, rather than a fixed four
 * positions per event, keep that plan from reading and sorting four times the rows the batch takes
 * when the filter keeps most of the feed (ADR 0017, tenth round); the matching rows of a window
 * past the batch's end are read again by the next batch, a quarter more while the density holds.
 */
export function feedWindow(after: number, head: number, filter: AllFilter | undefined, limit: number): number {
  if (!isFiltered(filter)) return head;
  return Math.min(head, after + Math.max(MIN_FEED_WINDOW, Math.ceil(limit * FEED_WINDOW_MARGIN)));
}

/** The least positions a filtered read's window spans. */
const MIN_FEED_WINDOW = 1_000;
/** A window is sized for a quarter more rows than the batch still needs: densities vary along the feed. */
const FEED_WINDOW_MARGIN = 1.25;
/** A window is at most this many times the one before it. */
export const FEED_WINDOW_GROWTH = 8;
/**
 * The most positions one statement of a filtered read spans, for a batch of `limit`: four per
 * event, 10,000 at least. After a sparse stretch (another category's bulk import) the windows
 * grow, and on a table without statistics the plan reads and sorts every matching row of the
 * window: a window as wide as the rest of the store would bring back the cost the windows remove.
 */
export const maxFeedWindow = (limit: number): number => Math.max(10_000, limit * 4);

/**
 * The next window of a filtered read, in positions, from the last one's width and the rows it
 * held: as wide as the rows still needed take at that density (with a quarter's margin), at most
 * FEED_WINDOW_GROWTH times the last and `maxFeedWindow(limit)`, at least MIN_FEED_WINDOW.
 */
export function nextFeedWindow(width: number, found: number, need: number, limit: number): number {
  const estimate = found === 0 ? Infinity : Math.ceil((need * FEED_WINDOW_MARGIN * width) / found);
  return Math.max(MIN_FEED_WINDOW, Math.min(width * FEED_WINDOW_GROWTH, maxFeedWindow(limit), estimate));
}

/**
 * The events after `after` up to `head` (the head, or a filtered read's window), in position
 * order, at most `limit`: the statement every read of the global feed sends (exported for the
 * test that holds its plans).
 */
export function readAfterQuery(
  table: string,
  after: number,
  head: number,
  filter: AllFilter | undefined,
  limit: number | null,
): { text: string; values: unknown[] } {
  const values: unknown[] = [after, head];
  // The whole feed, `position + 0`: the head bounds the rows without being an index bound. A table
  // not yet analyzed (filled since its last ANALYZE, restored, a minute old) otherwise has the
  // range estimated at a few hundred rows, and PostgreSQL fetched and sorted every row up to the
  // head for each batch: a catch-up from zero grew with the square of the store (69,850 events
  // read in 2.9 s, 0.7 s once analyzed). With the bound hidden, a LIMIT over `position > $1` is an
  // index scan in order, with statistics or without.
  // A filtered read is given a window (feedWindow) as `head` instead: that bound stays an index
  // bound, so that whichever index the plan takes, it reads no further than the window.
  const where = ['position > $1', isFiltered(filter) ? 'position <= $2' : 'position + 0 <= $2'];
  if (filter?.categories?.length) {
    values.push(filter.categories);
    where.push(`category = ANY($${values.length})`);
  }
  if (filter?.types?.length) {
    values.push(filter.types);
    where.push(`type = ANY($${values.length})`);
  }
  values.push(limit);
  return {
    text: `SELECT ${COLUMNS} FROM ${table} WHERE ${where.join(' AND ')} ORDER BY position LIMIT $${values.length}`,
    values,
  };
}
