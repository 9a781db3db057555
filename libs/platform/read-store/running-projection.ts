import type { EventStore, RecordedEvent, SubscriptionBatch } from '#libs/platform/event-store/index.js';
import type { Projection } from './projection.js';
import type { AnyTransaction, ReadDatabase } from './read-database.js';

export type ProjectionState = 'starting' | 'catching_up' | 'live' | 'rebuilding' | 'failing' | 'stopped' | 'followed';

export interface ProjectionStatus {
  name: string;
  version: number;
  checkpoint: number;
  state: ProjectionState;
  lastError: string | null;
  /** shared: on the one feed all read models share; own: on a subscription of its own. */
  feed: 'shared' | 'own';
  /** Owns tables that reads are served from; false for the Kafka relay and the reactors. */
  readModel: boolean;
}

/** A projection as the runner runs it: how far it is, how it fares, and how to stop it. */
export interface Running {
  projection: Projection;
  /** A rebuild into shadow tables is under way (the live loop keeps its own state meanwhile). */
  rebuilding?: boolean;
  checkpoint: number;
  state: ProjectionState;
  lastError: string | null;
  feed: 'shared' | 'own';
  abort: AbortController;
  loop: Promise<void>;
  /** While on the shared feed: called when the feed lets this projection go (stopped, or failed). */
  release?: (failure?: { error: unknown }) => void;
}

/** What the runner's parts (own loop, shared feed, shadow rebuild) share. */
export interface RunnerContext {
  readonly store: EventStore;
  readonly database: ReadDatabase;
  /** Events per batch for the relay and reactors (what they send or decide per step). */
  readonly batchSize: number;
  /** Events per batch for the read models (ReadDatabase.catchUpBatch: larger on PostgreSQL). */
  readonly readModelBatchSize: number;
  /**
   * Once live, how long a feed waits after a batch before reading the next (0: read at each
   * append): appends made meanwhile come in one batch, one read-store transaction, instead of
   * taking the event loop from the commands after every group commit.
   */
  readonly liveBatchMs: number;
  /** The rows a read model's rebuild may keep in memory from batch to batch (Projection.rebuilding). */
  readonly rebuildHeldRows: number;
  /** How long to wait before the next try after `failures` failures in a row. */
  backoff(failures: number): number;
  /** Marks a projection failing and logs why. */
  failed(running: Running, error: unknown): void;
  /** Checkpoints moved: lets waitFor look again. */
  wakeWaiters(): void;
  /** Puts a projection on the shared feed; resolves when the feed lets it go, with the failure if any. */
  share(running: Running): Promise<{ error: unknown } | undefined>;
}

export function statusOf(running: Running): ProjectionStatus {
  return {
    name: running.projection.name,
    version: running.projection.version,
    checkpoint: running.checkpoint,
    state: running.rebuilding ? 'rebuilding' : running.state,
    lastError: running.lastError,
    feed: running.feed,
    readModel: running.projection.tables.length > 0,
  };
}

export function advanced(running: Running, batch: SubscriptionBatch): void {
  running.checkpoint = batch.checkpoint;
  running.state = batch.caughtUp ? 'live' : 'catching_up';
  running.lastError = null;
}

export async function applyBatch(
  projection: Projection,
  trx: AnyTransaction,
  events: readonly RecordedEvent[],
): Promise<void> {
  if (projection.applyBatch) {
    if (events.length) await projection.applyBatch(trx, events);
  } else {
    for (const event of events) await projection.apply(trx, event);
  }
}

/** Resolves after `ms`, or at once when `signal` aborts; leaves no listener behind either way. */
export const sleep = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
