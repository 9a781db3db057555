import { Inject, Injectable } from '@nestjs/common';
import type { Decider, DomainEvent } from '#libs/platform/domain/index.js';
import {
  ConcurrencyError,
  EVENT_STORE,
  type AppendResult,
  type EventMetadata,
  type EventStore,
  type NewEvent,
  type StreamAppend,
} from '#libs/platform/event-store/index.js';
import { PreconditionFailedError, type CommandContext } from './command-context.js';
import { idFor } from './deterministic-id.js';
import { KeyedMutex } from './keyed-mutex.js';
import { StreamReader } from '#libs/platform/streams/index.js';

export interface CommandResult<E extends DomainEvent = DomainEvent> {
  /** Revision of the stream after the command (-1: the stream still does not exist). */
  revision: number;
  /** Global position of the last event written, or the stream's last position if none was. */
  position: number;
  /** The events the decider decided (none: the command changed nothing). */
  events: E[];
}

export interface ExecuteCommand<C, E extends DomainEvent, S> {
  stream: string;
  decider: Decider<C, E, S>;
  command: C;
  context: CommandContext;
  /** Written into each event's metadata where a decision needs one. */
  reason?: string;
  schemaVersion?: number;
  /**
   * Runs after the decider accepted the command: the events it means on other streams (a KK, a
   * NIK, a place in a Kube reserved), decided on those streams' state and appended in the same
   * commit as the command's own (EventStore.appendMany, ADR 0016). A refusal there throws before
   * anything is written; a race on any of the streams runs the command again on fresh state.
   */
  alongside?: (events: E[]) => Promise<Alongside[]>;
}

/** Events for another stream than the command's, committed with the command's events. */
export interface Alongside {
  stream: string;
  events: DomainEvent[];
  /** The stream's revision they were decided at (undefined: no stream yet): the expectation. */
  revision: number | undefined;
  /** After the commit: keeps the stream's new state for the next command (StreamReader.wrote). */
  wrote?: (reader: StreamReader, at: { revision: number; position: number }) => void;
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
 * The one way a command is handled: read the stream's state (StreamReader), decide, append at
 * the revision that was read. With If-Match the client's revision must be the current one (else 412); without it a
 * race with another writer is retried on fresh state, so no write is lost and none is doubled.
 */
@Injectable()
export class CommandExecutor {
  private readonly streams = new KeyedMutex();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly reader: StreamReader = new StreamReader(store),
  ) {}

  execute<C, E extends DomainEvent, S>(request: ExecuteCommand<C, E, S>): Promise<CommandResult<E>> {
    return this.streams.run(request.stream, () => this.executeNow(request));
  }

  private async executeNow<C, E extends DomainEvent, S>(request: ExecuteCommand<C, E, S>): Promise<CommandResult<E>> {
    const { stream, decider, command, context } = request;
    for (let attempt = 0; ; attempt++) {
      const { state, revision: actual, position } = await this.reader.stateAt(stream, decider);
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
      const others = (await request.alongside?.(events)) ?? [];
      const options = context.commandKey ? { commandKey: context.commandKey } : {};
      let result: AppendResult;
      try {
        if (others.length === 0) {
          result = await this.store.append(stream, toAppend, actual ?? 'no_stream', options);
        } else {
          // The command's own stream last, with the command key (see appendMany).
          const results = await this.store.appendMany(
            [
              ...others.map((other) => this.appendOf(other, context)),
              { stream, events: toAppend, expectedRevision: actual ?? 'no_stream' },
            ],
            options,
          );
          others.forEach((other, i) =>
            other.wrote?.(this.reader, { revision: results[i]!.nextRevision, position: results[i]!.position }),
          );
          result = results.at(-1)!;
        }
      } catch (error) {
        if (!(error instanceof ConcurrencyError)) throw error;
        // If-Match speaks of the command's own stream; a race on another is retried like any.
        if (context.expectedRevision !== undefined && error.stream === stream) {
          throw new PreconditionFailedError(stream, context.expectedRevision, error.actual);
        }
        if (attempt >= RETRIES_ON_RACE) throw error;
        await pause(attempt);
        continue;
      }
      // The next command on this stream starts from here if nobody else wrote it meanwhile.
      this.reader.wrote(stream, decider, state, events, { revision: result.nextRevision, position: result.position });
      return { revision: result.nextRevision, position: result.position, events };
    }
  }

  /** Another stream's events as the executor writes its own: ids from the idempotency key, the command's metadata. */
  private appendOf(other: Alongside, context: CommandContext): StreamAppend {
    const metadata = metadataFor(context);
    const from = (other.revision ?? -1) + 1;
    return {
      stream: other.stream,
      events: other.events.map((event, i) => ({
        eventId: idFor(context.idempotencyKey, context.principal.sub, `${other.stream}@${from + i}`),
        type: event.type,
        data: event.data,
        metadata,
      })),
      expectedRevision: other.revision ?? 'no_stream',
    };
  }
}
