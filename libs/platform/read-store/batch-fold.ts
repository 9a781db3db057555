import type { RecordedEvent } from '#libs/platform/event-store/index.js';
import type { Projection, RebuildFold } from './projection.js';
import type { AnyTransaction } from './read-database.js';

/**
 * A read model's batch in three steps: the rows its events touch, read from its tables (`load`);
 * the events folded into them in memory (`fold`); what changed, written (`write`). Built live,
 * every batch takes the three steps (`applyFold`). A rebuild into shadow tables keeps one state
 * from its first batch to its last instead (`foldAcrossBatches`).
 */
export interface BatchFold<S> {
  /** The state of a batch: the rows its events touch, as the tables hold them. */
  load(trx: AnyTransaction, events: readonly RecordedEvent[]): Promise<S>;
  /** The state of the tables as `setup` leaves them: no rows. */
  empty(): S;
  /** Folds the events into the state, in memory. */
  fold(state: S, events: readonly RecordedEvent[]): void;
  /** Writes what changed in the state since it was loaded (or last settled). */
  write(trx: AnyTransaction, state: S): Promise<void>;
  /** After `write`: the state is what the tables hold, and folding goes on from it. */
  settle(state: S): void;
  /** The rows the state holds, which bound what a rebuild keeps in memory. */
  size(state: S): number;
}

/** One batch built live: its rows read, folded and written. */
export async function applyFold<S>(
  fold: BatchFold<S>,
  trx: AnyTransaction,
  events: readonly RecordedEvent[],
): Promise<void> {
  const state = await fold.load(trx, events);
  fold.fold(state, events);
  await fold.write(trx, state);
}

/**
 * The rows a rebuild may keep in memory from batch to batch, by default (`REBUILD_HELD_ROWS`):
 * per read model rebuilt. Past it, the rebuild writes them and goes on as a live build does.
 */
export const REBUILD_HELD_ROWS = 50_000;

/**
 * A rebuild's fold that keeps the read model's rows in memory from batch to batch and writes each
 * once, at `flush`. The shadow tables start empty and have no other writer, and nothing reads
 * them (nor their checkpoint) before the swap, which comes after the last flush: a row need not
 * be read back before each batch that touches it, nor written after each. A city's household rows
 * were read and rewritten once per batch of 5,000 events, about 1,500 of them each time (ADR 0017,
 * tenth round). Past `heldRows` the rows are written and the rebuild goes on batch by batch, as
 * `applyFold` builds live, so a national register's rebuild stays within its memory. (On SQLite
 * the rebuild flushes after every batch: one writer per file, see rebuildIntoShadow.)
 */
export function foldAcrossBatches<S>(fold: BatchFold<S>, heldRows = REBUILD_HELD_ROWS): RebuildFold {
  let held: S | undefined = fold.empty();
  return {
    async apply(trx, events) {
      if (events.length === 0) return;
      if (!held) return applyFold(fold, trx, events);
      fold.fold(held, events);
      if (fold.size(held) <= heldRows) return;
      await fold.write(trx, held);
      held = undefined;
    },
    async flush(trx) {
      if (!held) return;
      await fold.write(trx, held);
      fold.settle(held);
    },
  };
}

/**
 * A projection's `apply`, `applyBatch` and `rebuilding`, all through one fold: built live batch by
 * batch, rebuilt with its rows kept across batches.
 */
export function foldedBy<S>(fold: BatchFold<S>): Pick<Projection, 'apply' | 'applyBatch' | 'rebuilding'> {
  return {
    apply: (trx, event) => applyFold(fold, trx, [event]),
    applyBatch: (trx, events) => applyFold(fold, trx, events),
    rebuilding: (heldRows) => foldAcrossBatches(fold, heldRows),
  };
}
