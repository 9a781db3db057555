import { Inject, Injectable } from '@nestjs/common';
import type { Decider, DomainEvent } from '#libs/platform/domain/index.js';
import {
  ConcurrencyError,
  EVENT_STORE,
  type AppendResult,
  type EventMetadata,
  type EventStore,
  type NewEvent,
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
   * Runs after the decider accepted the command and before its events are appended, e.g. to
   * reserve what the events will claim on other streams (a KK, a NIK, a place in a Kube). It
   * returns how to undo that, which runs if the append fails or races (and is then retried).
   */
  beforeAppend?: (events: E[]) => Promise<Undo | void>;
}

export type Undo = () => Promise<void>;

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
      const undo = await request.beforeAppend?.(events);
      let result: AppendResult;
      try {
        result = await this.store.append(
          stream,
          toAppend,
          actual ?? 'no_stream',
          context.commandKey ? { commandKey: context.commandKey } : {},
        );
      } catch (error) {
        if (undo) await undo();
        if (!(error instanceof ConcurrencyError)) throw error;
        if (context.expectedRevision !== undefined) {
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
}
