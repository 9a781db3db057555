import type { AppendNotifier } from './append-notifier.js';
import type { AllFilter, SubscribeAllOptions, SubscriptionBatch } from './event-store.port.js';

/** What an adapter offers to drive a catch-up subscription: gap-free batches of the global feed. */
export interface FeedBatchReader {
  readBatch(after: number, filter: AllFilter | undefined, limit: number): Promise<SubscriptionBatch>;
}

/**
 * Catch-up then live: reads batches until the head, then waits for an append (or the poll interval)
 * and reads again. Commit order and no gaps are the reader's promise; this loop only never skips.
 */
export async function* catchUpSubscription(
  reader: FeedBatchReader,
  notifier: AppendNotifier,
  options: SubscribeAllOptions,
  pollIntervalMs: number,
): AsyncGenerator<SubscriptionBatch> {
  let after = options.after ?? 0;
  const limit = options.batchSize ?? 500;
  const signal = options.signal;
  let reportedCaughtUp = false;
  while (!signal?.aborted) {
    const seen = notifier.seen;
    const batch = await reader.readBatch(after, options.filter, limit);
    // An empty batch is still handed over once, so that consumers learn they are live.
    if (batch.events.length > 0 || batch.checkpoint > after || (batch.caughtUp && !reportedCaughtUp)) {
      reportedCaughtUp = batch.caughtUp;
      after = batch.checkpoint;
      yield batch;
    }
    if (batch.caughtUp) await notifier.wait(after, pollIntervalMs, signal, seen);
  }
}
