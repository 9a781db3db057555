import { LruMap } from '#libs/platform/lru-map.js';

/** A stream's folded state just after one of its events. */
export interface Snapshot<S = unknown> {
  revision: number;
  position: number;
  /** When the store recorded that event: an as-of read may start from here if it is not later. */
  recordedAt: string;
  state: S;
}

/** A stream's folded state at its last revision seen by this process (recordedAt not needed: never as of). */
export type Head<S = unknown> = Omit<Snapshot<S>, 'recordedAt'>;

const DEFAULT_EVERY = 100;
const DEFAULT_STREAMS = 1_000;
const DEFAULT_HEADS = 5_000;

/**
 * States of long streams at every 100th event, kept in memory (the 1,000 streams used last), so
 * that a command or an as-of read folds at most the last 100 events instead of the whole stream.
 * Always valid: events never change, so a state after revision R stays the state after R, and a
 * reader reads the events after R from the store. Per decider (a stream may be folded by more
 * than one); states are copied in and out, so a fold never changes a kept one.
 */
export class SnapshotCache {
  private readonly streams: LruMap<string, { decider: object; snapshots: Snapshot[] }>;
  /**
   * The state at the last revision folded or written here, of the 5,000 streams used last: a
   * command on a stream just written checks the stream's revision (one cheap query) instead of
   * reading and folding its events again. Per decider, like the snapshots.
   */
  private readonly heads: LruMap<string, Map<object, Head>>;

  constructor(
    readonly every = DEFAULT_EVERY,
    maxStreams = DEFAULT_STREAMS,
    maxHeads = DEFAULT_HEADS,
  ) {
    this.streams = new LruMap(maxStreams);
    this.heads = new LruMap(maxHeads);
  }

  /** A copy of the latest state kept for the stream, if any: valid while the stream has no later event. */
  head<S>(stream: string, decider: object): Head<S> | undefined {
    const head = this.heads.get(stream)?.get(decider);
    return head && { ...head, state: copyState(head.state as S) };
  }

  /**
   * Keeps the state at `head.revision`, unless a later one is kept already: a copy, or the state
   * itself when `owned` (nobody else holds it).
   */
  keepHead(stream: string, decider: object, head: Head, owned = false): void {
    let byDecider = this.heads.get(stream);
    if (!byDecider) this.heads.set(stream, (byDecider = new Map()));
    if (head.revision <= (byDecider.get(decider)?.revision ?? -1)) return;
    byDecider.set(decider, { ...head, state: owned ? head.state : copyState(head.state) });
  }

  /** The latest snapshot, or the latest one recorded at or before `cutoff` (ISO UTC). */
  latest<S>(stream: string, decider: object, cutoff?: string): Snapshot<S> | undefined {
    const entry = this.streams.get(stream);
    if (!entry || entry.decider !== decider) return undefined;
    for (let i = entry.snapshots.length - 1; i >= 0; i--) {
      const snapshot = entry.snapshots[i]!;
      if (cutoff === undefined || snapshot.recordedAt <= cutoff)
        return { ...snapshot, state: copyState(snapshot.state as S) };
    }
    return undefined;
  }

  /** Drops every kept state: after an erasure, no folded state may keep what the keys opened. */
  clear(): void {
    this.streams.clear();
    this.heads.clear();
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
    entry.snapshots.push({ ...snapshot, state: copyState(snapshot.state) });
  }
}

/**
 * A deep copy of a folded state. States are what deciders fold from events: plain objects,
 * arrays and primitives, copied here about five times faster than structuredClone (12 µs against
 * 2.4 µs for a household's state; a command copies one or two on its way). Anything else (a Map,
 * a Date) goes to structuredClone. Shared references become separate copies, which a state
 * never relies on.
 */
export function copyState<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map(copyState) as T;
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return structuredClone(value);
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) out[key] = copyState((value as Record<string, unknown>)[key]);
  return out as T;
}
