/**
 * The event store contract (DESIGN §4). Every adapter (SQLite, PostgreSQL, KurrentDB) implements it
 * and passes the same contract suite in test/contract.
 *
 * Positions are global, strictly increasing in commit order, and start at 1; `after: 0` reads from
 * the beginning. Revisions are per stream and start at 0 (EventStoreDB's numbering).
 */
export type ExpectedRevision = 'no_stream' | 'any' | 'exists' | number;

export interface EventMetadata {
  actor: string;
  role: string;
  correlationId: string;
  causationId: string;
  occurredAt: string;
  schemaVersion: number;
  reason?: string;
  [key: string]: unknown;
}

export interface NewEvent<T extends string = string, D = unknown> {
  eventId: string;
  type: T;
  data: D;
  metadata: EventMetadata;
}

export interface RecordedEvent<T extends string = string, D = unknown> extends NewEvent<T, D> {
  stream: string;
  revision: number;
  position: number;
  /** ISO 8601 UTC time the store committed the event. */
  recordedAt: string;
}

export interface AppendResult {
  /** Revision of the stream's last event after the append. */
  nextRevision: number;
  /** Global position of the last appended event. */
  position: number;
}

/**
 * A client's Idempotency-Key for one command (scoped by actor and route, with a fingerprint of
 * the request). Given with an append, the store records it in the same transaction as the
 * events, so a command and its key are durable together: a retry finds either both or neither.
 */
export interface CommandKey {
  scope: string;
  key: string;
  fingerprint: string;
}

/** A recorded command key and what its command appended. */
export interface CommandKeyRecord extends CommandKey {
  stream: string;
  revision: number;
  position: number;
}

export interface AppendOptions {
  commandKey?: CommandKey;
}

/** One stream's part of a multi-stream append (see EventStore.appendMany). */
export interface StreamAppend {
  stream: string;
  events: readonly NewEvent[];
  expectedRevision: ExpectedRevision;
}

export interface ReadStreamOptions {
  /** First revision to read (forwards) or last revision to read (backwards). */
  from?: number;
  direction?: 'forwards' | 'backwards';
  limit?: number;
}

export interface AllFilter {
  /** Stream categories (the part of the stream name before the first '-'). */
  categories?: readonly string[];
  types?: readonly string[];
}

export interface ReadAllOptions {
  /** Exclusive: events with a position greater than this. Default 0 (from the beginning). */
  after?: number;
  limit?: number;
  filter?: AllFilter;
}

export interface SubscribeAllOptions {
  after?: number;
  filter?: AllFilter;
  /** Maximum number of events handed over in one batch. */
  batchSize?: number;
  signal?: AbortSignal;
}

/**
 * One step of a subscription: the events that matched since the last batch (possibly none) and the
 * position up to which the feed has been scanned. A consumer that checkpoints `checkpoint` skips
 * neither matching nor non-matching events when it resumes, even under a filter.
 */
export interface SubscriptionBatch {
  events: RecordedEvent[];
  checkpoint: number;
  /** True when the batch reached the head of the feed as it was when read. */
  caughtUp: boolean;
}

export interface EventStore {
  /**
   * With `commandKey`, the key is recorded with the events in one transaction; if it is already
   * recorded, nothing is written and the append fails with CommandKeyTakenError.
   */
  append(
    stream: string,
    events: readonly NewEvent[],
    expectedRevision: ExpectedRevision,
    options?: AppendOptions,
  ): Promise<AppendResult>;
  /**
   * Appends to several streams at once, all or nothing: one transaction (one fsync on SQLite,
   * one statement on PostgreSQL). Every stream's expectation is checked; if one fails, nothing
   * is written and that stream's ConcurrencyError is thrown. Positions follow the order of the
   * appends, and a subscriber sees all of them or none. A stream may appear once. The command
   * key, if given, is recorded with the last append: a caller puts its command's own stream last,
   * so that a store which cannot commit them together (KurrentDB) writes it last (ADR 0016).
   * Results come in the order of the appends.
   */
  appendMany(appends: readonly StreamAppend[], options?: AppendOptions): Promise<AppendResult[]>;
  readStream(stream: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  /** Revision of the stream's last event, or undefined when the stream does not exist. */
  streamRevision(stream: string): Promise<number | undefined>;
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  /** Catch-up then live, in commit order, without gaps. Ends when `signal` aborts. */
  subscribeAll(options?: SubscribeAllOptions): AsyncIterable<SubscriptionBatch>;
  /** Position of the last committed event, 0 for an empty store. */
  headPosition(): Promise<number>;
  /**
   * For a store whose subscriptions learn of other writers' appends only by polling (SQLite): a
   * projector thread of this process is told of each append here (`onAppended`) and passes it to
   * its own connection's subscriptions (`appendedElsewhere`), so they wake at once. PostgreSQL's
   * LISTEN/NOTIFY already wakes every connection.
   */
  onAppended?(listener: (position: number) => void): () => void;
  appendedElsewhere?(position: number): void;
  close(): Promise<void>;
}

export const EVENT_STORE = Symbol('EVENT_STORE');
