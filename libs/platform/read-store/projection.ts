import type { AllFilter, RecordedEvent } from '#libs/platform/event-store/index.js';
import type { AnyKysely, AnyTransaction } from './read-database.js';

/**
 * A read model built from the global feed. `apply` must be deterministic and idempotent per
 * event: rebuilding from position 0 reaches the same rows as building live.
 */
export interface Projection {
  name: string;
  /** Bump when the rows' shape or meaning changes: the runner then rebuilds from zero. */
  version: number;
  filter: AllFilter;
  /** false: never rebuilt from the events (the audit chain: a rebuild would bless tampering). */
  rebuildable?: boolean;
  /**
   * true: runs on its own subscription instead of the shared feed, because its batches act
   * outside the read store (the Kafka relay, reactors that append commands): a slow or failing
   * one must not hold up the read models.
   */
  isolated?: boolean;
  /** Tables this projection owns; emptied on rebuild. */
  tables: readonly string[];
  /**
   * Indexes (as `setup` names them) that only queries read by, never this projection's batches:
   * a rebuild into shadow tables makes them once the rows are in, in one sorted pass, instead of
   * an entry for every row it writes (ADR 0017; on SQLite at the swap, which remakes every index
   * under its usual name anyway). An index the batches look rows up by must not be listed: each
   * lookup would scan the table.
   */
  deferredIndexes?: readonly string[];
  setup(db: AnyKysely): Promise<void>;
  apply(trx: AnyTransaction, event: RecordedEvent): Promise<void>;
  /** When present, called once per batch instead of apply per event (a relay sends a batch at once). */
  applyBatch?(trx: AnyTransaction, events: readonly RecordedEvent[]): Promise<void>;
  /**
   * A rebuild into shadow tables folds all its batches through one object of this making, which
   * may keep up to `heldRows` of the rows it builds from batch to batch and write them once
   * (`foldAcrossBatches`); without it, each batch goes through `applyBatch` as when built live.
   */
  rebuilding?(heldRows: number): RebuildFold;
  /**
   * Called when the runner stops, before it waits for the loops: a projection whose batch waits
   * on something outside the read store (the relay on the brokers) lets go, so a stop is bounded.
   */
  stop?(): Promise<void>;
}

/** What a rebuild into shadow tables folds its batches through (Projection.rebuilding). */
export interface RebuildFold {
  /** One batch, in the rebuild's transaction for it: written, or kept for `flush`. */
  apply(trx: AnyTransaction, events: readonly RecordedEvent[]): Promise<void>;
  /** Writes whatever it keeps unwritten: at the end of each catch-up, before the indexes are built and the tables swapped. */
  flush(trx: AnyTransaction): Promise<void>;
}
