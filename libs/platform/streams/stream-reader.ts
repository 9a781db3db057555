import { Inject, Injectable } from '@nestjs/common';
import { fold, type Decider, type DomainEvent } from '#libs/platform/domain/index.js';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '#libs/platform/event-store/index.js';
import { SnapshotCache } from './snapshot-cache.js';

export interface StreamState<S> {
  state: S;
  /** Revision of the last event folded (undefined: no event, or none recorded by the cutoff). */
  revision: number | undefined;
  position: number | undefined;
}

export type Evolver<E extends DomainEvent, S> = Pick<Decider<unknown, E, S>, 'initialState' | 'evolve'>;

/**
 * Replays one stream into a decider's state: for commands (the executor decides on it) and for
 * reads that answer from the stream itself (one household's PKH participation, a group or a
 * course, as now or as of a time). One instance per process, so both share the snapshots.
 */
@Injectable()
export class StreamReader {
  private readonly snapshots = new SnapshotCache();

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /** Forgets every snapshot (an erasure is rare; a snapshot of any stream may hold what it erased). */
  forgetSnapshots(): void {
    this.snapshots.clear();
  }

  /**
   * The current state of a stream, its revision (undefined: no stream) and all its events, read
   * in full. For readers that need the events; those that need only the state use stateAt.
   */
  async load<E extends DomainEvent, S>(
    stream: string,
    decider: Evolver<E, S>,
  ): Promise<{ state: S; revision: number | undefined; events: RecordedEvent[] }> {
    const events = await this.store.readStream(stream);
    const state = fold(
      decider,
      events.map(({ type, data }) => ({ type, data }) as E),
    );
    return { state, revision: events.at(-1)?.revision, events };
  }

  /**
   * The state of a stream now, or as the store had it at `asOf`: from the latest snapshot that
   * fits (see SnapshotCache), folding only the events after it. Now: from the state this process
   * last folded or wrote, if the stream's revision (one cheap query) shows nothing after it.
   * For readers that need the state, not the events.
   */
  async stateAt<E extends DomainEvent, S>(
    stream: string,
    decider: Evolver<E, S>,
    asOf?: string,
  ): Promise<StreamState<S>> {
    // As of a time: only what the store had recorded by then ("what did we know on date D").
    // Stores give recordedAt as ISO 8601 UTC with milliseconds: comparable as text.
    const cutoff = asOf === undefined ? undefined : new Date(asOf).toISOString();
    if (cutoff === undefined) {
      const head = this.snapshots.head<S>(stream, decider);
      if (head) {
        const current = await this.store.streamRevision(stream);
        if (current === head.revision) return head;
        if (current !== undefined && current > head.revision) return this.fold(stream, decider, head);
      }
    }
    return this.fold(stream, decider, this.snapshots.latest<S>(stream, decider, cutoff), cutoff);
  }

  /**
   * Keeps the state after a command's events were appended at `revision` (ending at `position`),
   * so that the next command on the stream need not read them back. The events are folded as the
   * store will give them back (through JSON), onto the state they were decided on.
   */
  wrote<E extends DomainEvent, S>(
    stream: string,
    decider: Evolver<E, S>,
    before: S,
    events: readonly E[],
    { revision, position }: { revision: number; position: number },
  ): void {
    let state = before;
    for (const event of events) state = decider.evolve(state, JSON.parse(JSON.stringify(event)) as E);
    // `before` was the executor's own copy, used no more: the folded state is kept as it is.
    this.snapshots.keepHead(stream, decider, { revision, position, state }, true);
  }

  private async fold<E extends DomainEvent, S>(
    stream: string,
    decider: Evolver<E, S>,
    start: { revision: number; position: number; state: S } | undefined,
    cutoff?: string,
  ): Promise<StreamState<S>> {
    let state = start ? start.state : decider.initialState();
    let revision = start?.revision;
    let position = start?.position;
    // In pages, so that an as-of read stops soon after its time instead of reading on to the end.
    const page = cutoff === undefined ? undefined : this.snapshots.every;
    for (let from = start ? start.revision + 1 : 0; ;) {
      const events = await this.store.readStream(stream, { from, ...(page ? { limit: page } : {}) });
      for (const event of events) {
        if (cutoff !== undefined && event.recordedAt > cutoff) return { state, revision, position };
        state = decider.evolve(state, { type: event.type, data: event.data } as E);
        revision = event.revision;
        position = event.position;
        if (this.snapshots.due(event.revision))
          this.snapshots.keep(stream, decider, { revision, position, recordedAt: event.recordedAt, state });
      }
      if (!page || events.length < page) {
        if (cutoff === undefined && revision !== undefined && position !== undefined)
          this.snapshots.keepHead(stream, decider, { revision, position, state });
        return { state, revision, position };
      }
      from = events.at(-1)!.revision + 1;
    }
  }
}
