import { LruMap } from '#libs/platform/lru-map.js';

/** A stream's folded state just after one of its events. */
export interface Snapshot<S = unknown> {
  revision: number;
  position: number;
  /** When the store recorded that event: an as-of read may start from here if it is not later. */
  recordedAt: string;
  state: S;
}

const DEFAULT_EVERY = 100;
const DEFAULT_STREAMS = 1_000;

/**
 * States of long streams at every 100th event, kept in memory (the 1,000 streams used last), so
 * that a command or an as-of read folds at most the last 100 events instead of the whole stream.
 * Always valid: events never change, so a state after revision R stays the state after R, and a
 * reader reads the events after R from the store. Per decider (a stream may be folded by more
 * than one); states are copied in and out, so a fold never changes a kept one.
 */
export class SnapshotCache {
  private readonly streams: LruMap<string, { decider: object; snapshots: Snapshot[] }>;

  constructor(
    readonly every = DEFAULT_EVERY,
    maxStreams = DEFAULT_STREAMS,
  ) {
    this.streams = new LruMap(maxStreams);
  }

  /** The latest snapshot, or the latest one recorded at or before `cutoff` (ISO UTC). */
  latest<S>(stream: string, decider: object, cutoff?: string): Snapshot<S> | undefined {
    const entry = this.streams.get(stream);
    if (!entry || entry.decider !== decider) return undefined;
    for (let i = entry.snapshots.length - 1; i >= 0; i--) {
      const snapshot = entry.snapshots[i]!;
      if (cutoff === undefined || snapshot.recordedAt <= cutoff)
        return { ...snapshot, state: structuredClone(snapshot.state) as S };
    }
    return undefined;
  }

  /** Drops every kept state: after an erasure, no folded state may keep what the keys opened. */
  clear(): void {
    this.streams.clear();
  }

  /** Whether the state after `revision` is one to keep. */
  due(revision: number): boolean {
    return (revision + 1) % this.every === 0;
  }

  keep(stream: string, decider: object, snapshot: Snapshot): void {
    let entry = this.streams.get(stream);
    if (!entry || entry.decider !== decider) this.streams.set(stream, (entry = { decider, snapshots: [] }));
    // Folds start from the latest snapshot that fits, so a new one is later than all kept, or kept.
    if (snapshot.revision <= (entry.snapshots.at(-1)?.revision ?? -1)) return;
    entry.snapshots.push({ ...snapshot, state: structuredClone(snapshot.state) });
  }
}
