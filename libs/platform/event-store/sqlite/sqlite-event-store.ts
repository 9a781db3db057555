import type Database from 'better-sqlite3';
import { AppendNotifier } from '../append-notifier.js';
import { catchUpSubscription, type FeedBatchReader } from '../catch-up-subscription.js';
import { CommandKeyTakenError, ConcurrencyError, DuplicateEventIdError } from '../errors.js';
import { satisfies } from '../expected-revision.js';
import type {
  AllFilter,
  AppendOptions,
  CommandKey,
  AppendResult,
  EventStore,
  ExpectedRevision,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeAllOptions,
  StreamAppend,
  SubscriptionBatch,
} from '../event-store.port.js';
import { assertDistinctStreams, categoryOf } from '../stream-name.js';
import { openSqliteDatabase } from './open-sqlite.js';
import { SQLITE_EVENT_STORE_SCHEMA } from './sqlite-event-store.schema.js';
import { feedQuery, prepareStatements, toRecorded, type EventRow, type Statements } from './sqlite-statements.js';

export interface SqliteEventStoreOptions {
  /** A file path, or ':memory:' for unit tests. */
  filename: string;
  /** FULL (default): an acknowledged append survives a power cut. NORMAL: survives a process crash. */
  synchronous?: 'FULL' | 'NORMAL';
  /** How often a live subscription looks for appends made by other processes. */
  pollIntervalMs?: number;
  /** Where recordedAt comes from (default: the system clock). */
  clock?: () => Date;
}

interface PendingAppend {
  appends: readonly StreamAppend[];
  commandKey: CommandKey | undefined;
  resolve: (results: AppendResult[]) => void;
  reject: (error: unknown) => void;
}

/** The embedded default: one SQLite file in WAL mode; SQLite's single writer gives commit order. */
export class SqliteEventStore implements EventStore, FeedBatchReader {
  readonly db: Database.Database;
  private readonly notifier = new AppendNotifier();
  private readonly pollIntervalMs: number;
  private readonly clock: () => Date;
  private readonly filtered = new Map<string, Database.Statement>();
  private readonly stmt: Statements;
  private readonly appendTx: Database.Transaction<
    (appends: readonly StreamAppend[], commandKey: CommandKey | undefined) => AppendResult[]
  >;
  private readonly groupTx: Database.Transaction<
    (batch: PendingAppend[]) => Array<{ ok: AppendResult[] } | { error: unknown }>
  >;
  private pending: PendingAppend[] = [];
  private commitCount = 0;

  constructor(options: SqliteEventStoreOptions) {
    this.db = openSqliteDatabase(options.filename, options.synchronous);
    this.db.exec(SQLITE_EVENT_STORE_SCHEMA);
    this.pollIntervalMs = options.pollIntervalMs ?? 250;
    this.clock = options.clock ?? (() => new Date());
    this.stmt = prepareStatements(this.db);
    // The streams of one (multi-stream) append, the command key with the last of them.
    this.appendTx = this.db.transaction((appends: readonly StreamAppend[], commandKey: CommandKey | undefined) =>
      appends.map((a, i) =>
        this.appendInTransaction(
          a.stream,
          a.events,
          a.expectedRevision,
          i === appends.length - 1 ? commandKey : undefined,
        ),
      ),
    );
    // Inside groupTx, appendTx runs as a savepoint: a refused append rolls back only itself, all
    // of its streams together.
    this.groupTx = this.db.transaction((batch: PendingAppend[]) =>
      batch.map((r) => {
        try {
          return { ok: this.appendTx(r.appends, r.commandKey) };
        } catch (error) {
          return { error };
        }
      }),
    );
    this.notifier.notify(this.headSync());
  }

  /**
   * Group commit: appends requested in the same turn of the event loop (concurrent commands) are
   * written in one transaction with one fsync. Each runs in its own savepoint, so each caller
   * still gets its own result or its own concurrency error, exactly as if it had committed alone.
   */
  append(
    stream: string,
    events: readonly NewEvent[],
    expected: ExpectedRevision,
    options: AppendOptions = {},
  ): Promise<AppendResult> {
    return this.enqueue([{ stream, events, expectedRevision: expected }], options).then((results) => results[0]!);
  }

  /** A multi-stream append is one savepoint of the group commit: all of its streams or none. */
  async appendMany(appends: readonly StreamAppend[], options: AppendOptions = {}): Promise<AppendResult[]> {
    assertDistinctStreams(appends);
    if (appends.length === 0) return [];
    return this.enqueue(appends, options);
  }

  private enqueue(appends: readonly StreamAppend[], options: AppendOptions): Promise<AppendResult[]> {
    return new Promise((resolve, reject) => {
      this.pending.push({ appends, commandKey: options.commandKey, resolve, reject });
      if (this.pending.length === 1) setImmediate(() => this.flush());
    });
  }

  /** How many write transactions (fsyncs, with synchronous=FULL) appends have cost so far. */
  get commits(): number {
    return this.commitCount;
  }

  private flush(): void {
    const batch = this.pending;
    this.pending = [];
    let outcomes: Array<{ ok: AppendResult[] } | { error: unknown }>;
    try {
      outcomes = this.groupTx.immediate(batch);
      this.commitCount += 1;
    } catch (error) {
      // The commit itself failed (disk full, I/O error): nobody's events were written.
      for (const request of batch) request.reject(error);
      return;
    }
    let head = 0;
    for (const [i, outcome] of outcomes.entries()) {
      if ('ok' in outcome) {
        for (const result of outcome.ok) head = Math.max(head, result.position);
        batch[i]!.resolve(outcome.ok);
      } else batch[i]!.reject(outcome.error);
    }
    if (head) this.notifier.notify(head);
  }

  private appendInTransaction(
    stream: string,
    events: readonly NewEvent[],
    expected: ExpectedRevision,
    commandKey?: CommandKey,
  ): AppendResult {
    const actual = this.stmt.revision.get(stream)?.revision ?? undefined;
    // A retry of an append that was written finds the stream past its expected revision, or
    // its event ids taken: only then is it looked up (one query fewer on every first append).
    if (!satisfies(expected, actual)) {
      const retried = this.previousAppend(stream, events, expected, actual);
      if (retried) return retried;
      throw new ConcurrencyError(stream, expected, actual);
    }
    if (events.length === 0) return { nextRevision: actual ?? -1, position: this.headSync() };
    let revision = actual ?? -1;
    let position = 0;
    const recordedAt = this.clock().toISOString();
    const category = categoryOf(stream);
    for (const event of events) {
      revision += 1;
      try {
        const info = this.stmt.insert.run(
          event.eventId,
          stream,
          category,
          revision,
          event.type,
          JSON.stringify(event.data),
          JSON.stringify(event.metadata),
          recordedAt,
        );
        position = Number(info.lastInsertRowid);
      } catch (error) {
        if (!isUniqueViolation(error, 'event_id')) throw error;
        const retried = revision === (actual ?? -1) + 1 && this.previousAppend(stream, events, expected, actual);
        if (retried) return retried;
        throw new DuplicateEventIdError(event.eventId);
      }
    }
    if (commandKey) this.recordKey(commandKey, stream, revision, position, recordedAt);
    return { nextRevision: revision, position };
  }

  private recordKey(k: CommandKey, stream: string, revision: number, position: number, recordedAt: string): void {
    try {
      this.stmt.recordKey.run(k.scope, k.key, k.fingerprint, stream, revision, position, recordedAt);
    } catch (error) {
      // The savepoint rolls back this append's events with the refused key.
      if (isUniqueViolation(error, 'command_keys')) throw new CommandKeyTakenError(k.scope, k.key);
      throw error;
    }
  }

  /**
   * EventStoreDB's idempotence rule: the same event ids appended again at the same expected
   * revision (or with 'any'/'exists') succeed without writing, returning the first append's result.
   */
  private previousAppend(
    stream: string,
    events: readonly NewEvent[],
    expected: ExpectedRevision,
    actual: number | undefined,
  ): AppendResult | undefined {
    if (events.length === 0 || actual === undefined) return undefined;
    const first = this.stmt.byEventId.get(events[0]!.eventId);
    if (!first || first.stream !== stream) return undefined;
    const startsAt = expected === 'no_stream' ? 0 : typeof expected === 'number' ? expected + 1 : first.revision;
    if (first.revision !== startsAt) return undefined;
    const stored = this.stmt.forwards.all(stream, startsAt, events.length);
    if (stored.length !== events.length || stored.some((row, i) => row[1] !== events[i]!.eventId)) {
      return undefined;
    }
    const [position, , , revision] = stored[stored.length - 1]!;
    return { nextRevision: revision, position };
  }

  async readStream(stream: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const limit = options.limit ?? -1;
    const rows =
      options.direction === 'backwards'
        ? this.stmt.backwards.all(stream, options.from ?? Number.MAX_SAFE_INTEGER, limit)
        : this.stmt.forwards.all(stream, options.from ?? 0, limit);
    return rows.map(toRecorded);
  }

  async streamRevision(stream: string): Promise<number | undefined> {
    return this.stmt.revision.get(stream)?.revision ?? undefined;
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const head = this.headSync();
    return this.select(options.after ?? 0, head, options.filter, options.limit ?? -1).map(toRecorded);
  }

  async readBatch(after: number, filter: AllFilter | undefined, limit: number): Promise<SubscriptionBatch> {
    // Reading the head first and never past it keeps the batch consistent with one snapshot.
    const head = this.headSync();
    const rows = this.select(after, head, filter, limit);
    const full = rows.length === limit;
    const checkpoint = full ? rows[rows.length - 1]![0] : Math.max(head, after);
    return { events: rows.map(toRecorded), checkpoint, caughtUp: !full };
  }

  subscribeAll(options: SubscribeAllOptions = {}): AsyncIterable<SubscriptionBatch> {
    return catchUpSubscription(this, this.notifier, options, this.pollIntervalMs);
  }

  async headPosition(): Promise<number> {
    return this.headSync();
  }

  onAppended(listener: (position: number) => void): () => void {
    return this.notifier.listen(listener);
  }

  appendedElsewhere(position: number): void {
    this.notifier.notify(position, { elsewhere: true });
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  private headSync(): number {
    return this.stmt.head.get()?.head ?? 0;
  }

  private select(after: number, head: number, filter: AllFilter | undefined, limit: number): EventRow[] {
    const categories = filter?.categories ?? [];
    const types = filter?.types ?? [];
    const key = `${categories.length}:${types.length}`;
    let statement = this.filtered.get(key);
    if (!statement) {
      statement = this.db.prepare(feedQuery(categories.length, types.length)).raw(true);
      this.filtered.set(key, statement);
    }
    return statement.all(after, head, ...categories, ...types, limit) as EventRow[];
  }
}

/** Duck-typed: under Jest the native module's errors may come from another realm's Error. */
function isUniqueViolation(error: unknown, column: string): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return (
    (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') &&
    typeof message === 'string' &&
    message.includes(column)
  );
}
