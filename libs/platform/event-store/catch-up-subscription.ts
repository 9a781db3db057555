import type { AppendNotifier } from './append-notifier.js';
import type { AllFilter, SubscribeAllOptions, SubscriptionBatch } from './event-store.port.js';

/** What an adapter offers to drive a catch-up subscription: gap-free batches of the global feed. */
export interface FeedBatchReader {
  readBatch(after: number, filter: AllFilter | undefined, limit: number): Promise<SubscriptionBatch>;
}

/**
 * Catch-up then live: reads batches until the head, then waits for an append (or the poll interval)
 * and reads again. Commit order and no gaps are the reader's promise; this loop only never skips.
 * With `readAhead`, while catching up, the next batch is read as the consumer works on this one:
 * on PostgreSQL the read (a round trip, and the server's work) then overlaps the consumer's writes
 * instead of waiting for them. A store whose reads run on the event loop (SQLite) gains nothing
 * from it. A batch read ahead is dropped unread when the consumer stops.
 */
export async function* catchUpSubscription(
  reader: FeedBatchReader,
  notifier: AppendNotifier,
  options: SubscribeAllOptions,
  pollIntervalMs: number,
  readAhead = false,
): AsyncGenerator<SubscriptionBatch> {
  let after = options.after ?? 0;
  const limit = options.batchSize ?? 500;
  const signal = options.signal;
  let reportedCaughtUp = false;
  let ahead: { seen: number; batch: Promise<SubscriptionBatch> } | undefined;
  const read = () => {
    // The notices seen before the read: a later one means events the read may have missed.
    const seen = notifier.seen;
    const batch = reader.readBatch(after, options.filter, limit);
    // Dropped when the consumer stops: its failure then goes nowhere.
    batch.catch(() => undefined);
    return { seen, batch };
  };
  while (!signal?.aborted) {
    const next = ahead ?? read();
    ahead = undefined;
    const batch = await next.batch;
    // An empty batch is still handed over once, so that consumers learn they are live.
    if (batch.events.length > 0 || batch.checkpoint > after || (batch.caughtUp && !reportedCaughtUp)) {
      reportedCaughtUp = batch.caughtUp;
      after = batch.checkpoint;
      if (readAhead && !batch.caughtUp) ahead = read();
      yield batch;
    }
    if (batch.caughtUp) await notifier.wait(after, pollIntervalMs, signal, next.seen);
  }
}
