import { Inject, Injectable } from '@nestjs/common';
import { fold, type Decider, type DomainEvent } from '#libs/platform/domain/index.js';
import {
  ConcurrencyError,
  EVENT_STORE,
  type EventMetadata,
  type EventStore,
  type NewEvent,
  type RecordedEvent,
} from '#libs/platform/event-store/index.js';
import { PreconditionFailedError, type CommandContext } from './command-context.js';
import { idFor } from './deterministic-id.js';
import { KeyedMutex } from './keyed-mutex.js';
import { SnapshotCache } from './snapshot-cache.js';

export interface CommandResult {
  /** Revision of the stream after the command (-1: the stream still does not exist). */
  revision: number;
  /** Global position of the last event written, or the stream's last position if none was. */
  position: number;
  events: DomainEvent[];
}

export interface StreamState<S> {
  state: S;
  /** Revision of the last event folded (undefined: no event, or none recorded by the cutoff). */
  revision: number | undefined;
  position: number | undefined;
}

export interface ExecuteCommand<C, E extends DomainEvent, S> {
  stream: string;
  decider: Decider<C, E, S>;
  command: C;
  context: CommandContext;
  /** Written into each event's metadata where a decision needs one. */
  reason?: string;
  schemaVersion?: number;
}

/** Races with other processes are retried on fresh state, with a growing, jittered pause. */
const RETRIES_ON_RACE = 10;
const pause = (attempt: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * (attempt + 1)));

export function metadataFor(context: CommandContext, reason?: string, schemaVersion = 1): EventMetadata {
  return {
    actor: context.principal.sub,
    role: context.principal.role,
    correlationId: context.correlationId,
    causationId: context.causationId,
    occurredAt: context.now,
    schemaVersion,
    ...(reason ? { reason } : {}),
  };
}

/**
 * The one way a command is handled: load the stream, fold, decide, append at the revision that
 * was read. With If-Match the client's revision must be the current one (else 412); without it a
 * race with another writer is retried on fresh state, so no write is lost and none is doubled.
 */
@Injectable()
export class CommandExecutor {
  private readonly streams = new KeyedMutex();
  private readonly snapshots = new SnapshotCache();

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /**
   * The current state of a stream, its revision (undefined: no stream) and all its events, read
   * in full. For readers that need the events; those that need only the state use stateAt.
   */
  async load<E extends DomainEvent, S>(
    stream: string,
    decider: Pick<Decider<unknown, E, S>, 'initialState' | 'evolve'>,
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
   * fits (see SnapshotCache), folding only the events after it. For readers that need the state,
   * not the events.
   */
  async stateAt<E extends DomainEvent, S>(
    stream: string,
    decider: Pick<Decider<unknown, E, S>, 'initialState' | 'evolve'>,
    asOf?: string,
  ): Promise<StreamState<S>> {
    // As of a time: only what the store had recorded by then ("what did we know on date D").
    // Stores give recordedAt as ISO 8601 UTC with milliseconds: comparable as text.
    const cutoff = asOf === undefined ? undefined : new Date(asOf).toISOString();
    const snapshot = this.snapshots.latest<S>(stream, decider, cutoff);
    let state = snapshot ? snapshot.state : decider.initialState();
    let revision = snapshot?.revision;
    let position = snapshot?.position;
    // In pages, so that an as-of read stops soon after its time instead of reading on to the end.
    const page = cutoff === undefined ? undefined : this.snapshots.every;
    for (let from = snapshot ? snapshot.revision + 1 : 0; ;) {
      const events = await this.store.readStream(stream, { from, ...(page ? { limit: page } : {}) });
      for (const event of events) {
        if (cutoff !== undefined && event.recordedAt > cutoff) return { state, revision, position };
        state = decider.evolve(state, { type: event.type, data: event.data } as E);
        revision = event.revision;
        position = event.position;
        if (this.snapshots.due(event.revision))
          this.snapshots.keep(stream, decider, { revision, position, recordedAt: event.recordedAt, state });
      }
      if (!page || events.length < page) return { state, revision, position };
      from = events.at(-1)!.revision + 1;
    }
  }

  execute<C, E extends DomainEvent, S>(request: ExecuteCommand<C, E, S>): Promise<CommandResult> {
    return this.streams.run(request.stream, () => this.executeNow(request));
  }

  private async executeNow<C, E extends DomainEvent, S>(request: ExecuteCommand<C, E, S>): Promise<CommandResult> {
    const { stream, decider, command, context } = request;
    for (let attempt = 0; ; attempt++) {
      const { state, revision: actual, position } = await this.stateAt(stream, decider);
      if (context.expectedRevision !== undefined && context.expectedRevision !== actual) {
        throw new PreconditionFailedError(stream, context.expectedRevision, actual);
      }
      const events = decider.decide(command, state);
      if (events.length === 0) return { revision: actual ?? -1, position: position ?? 0, events };
      const metadata = metadataFor(context, request.reason, request.schemaVersion);
      const from = (actual ?? -1) + 1;
      const toAppend: NewEvent[] = events.map((event, i) => ({
        eventId: idFor(context.idempotencyKey, context.principal.sub, `${stream}@${from + i}`),
        type: event.type,
        data: event.data,
        metadata,
      }));
      try {
        const result = await this.store.append(stream, toAppend, actual ?? 'no_stream');
        return { revision: result.nextRevision, position: result.position, events };
      } catch (error) {
        if (!(error instanceof ConcurrencyError)) throw error;
        if (context.expectedRevision !== undefined) {
          throw new PreconditionFailedError(stream, context.expectedRevision, error.actual);
        }
        if (attempt >= RETRIES_ON_RACE) throw error;
        await pause(attempt);
      }
    }
  }
}
