import { saveCheckpoints } from './projection-checkpoints.js';
import { advanced, applyBatch, sleep, type Running, type RunnerContext } from './running-projection.js';

const MAX_BACKOFF_MS = 30_000;

/** Back off (up to 30 s) and resume from the checkpoint: nothing is skipped or lost. */
export function backoff(retryDelayMs: number, failures: number): number {
  return Math.min(MAX_BACKOFF_MS, retryDelayMs * 2 ** (failures - 1));
}

/**
 * A projection's life until it is stopped: on the shared feed when it can be, else on its own
 * subscription (catching up from far behind, recovering from a failure, or isolated), which it
 * leaves for the shared feed as soon as it is live.
 */
export async function runProjection(ctx: RunnerContext, running: Running, shareNow: boolean): Promise<void> {
  const { projection, abort } = running;
  let failures = 0;
  let share = shareNow;
  while (!abort.signal.aborted) {
    if (share) {
      const left = await ctx.share(running);
      if (!left) return;
      failures += 1;
      await sleep(ctx.backoff(failures), abort.signal);
      share = false;
      continue;
    }
    try {
      const feed = ctx.store.subscribeAll({
        after: running.checkpoint,
        filter: projection.filter,
        batchSize: projection.tables.length > 0 ? ctx.readModelBatchSize : ctx.batchSize,
        signal: abort.signal,
      });
      for await (const batch of feed) {
        await ctx.database.writer.transaction().execute(async (trx) => {
          await applyBatch(projection, trx, batch.events);
          await saveCheckpoints(trx, [projection], batch.checkpoint);
        });
        advanced(running, batch);
        ctx.wakeWaiters();
        failures = 0;
        if (batch.caughtUp && !projection.isolated) {
          share = true;
          break;
        }
        if (batch.caughtUp && ctx.liveBatchMs) await sleep(ctx.liveBatchMs, abort.signal);
      }
    } catch (error) {
      // Stopping may abandon a batch waiting outside the read store (the relay): not a failure.
      if (abort.signal.aborted) break;
      ctx.failed(running, error);
      failures += 1;
      await sleep(ctx.backoff(failures), abort.signal);
    }
  }
}
