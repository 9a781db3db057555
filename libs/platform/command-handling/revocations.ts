import { Injectable } from '@nestjs/common';
import {
  dependentsOf,
  type Decider,
  type RevocationCommand,
  type RevocationEvent,
  type RevocationRole,
  type RevocationRules,
  type WithRevocations,
} from '../domain/index.js';
import type { RecordedEvent } from '../event-store/index.js';
import { StreamReader } from '../streams/index.js';
import type { CommandContext } from './command-context.js';
import { CommandExecutor, type Alongside } from './command-executor.js';

/** A stream whose entries can be revoked (ADR 0019): its name, its decider wrapped by `revocable`, its rules. */
export interface RevocableStream {
  stream: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each stream has its own commands, events and state; only the revocation parts are used here
  decider: Decider<any, any, WithRevocations<any>>;
  rules: RevocationRules;
  /**
   * What the stream's own commands do around an append, for the revocation's events too (a
   * Kube's membership reservations: a revoked leaving holds the household's place again, in the
   * same commit; a revoked joining gives it back after).
   */
  alongside?: (events: RevocationEvent[]) => Promise<Alongside[]>;
  afterAppend?: (events: RevocationEvent[]) => Promise<void>;
  /**
   * The entries of other streams that followed from a revoked entry of this one (a PKH
   * reassessment fed by a member change, the visit a reactor scheduled after a verification),
   * still standing: listed beside the stream's own dependents, never undone.
   */
  related?: (entry: RecordedEvent, reader: StreamReader) => Promise<RecordedEvent[]>;
}

/** A later entry that followed from the revoked one: for a person to review, not undone. */
export interface RevocationDependent {
  eventId: string;
  eventType: string;
  /** The stream that holds it: an entry of another stream may follow from the revoked one. */
  stream: string;
  revision: number;
  recordedAt: string;
}

export interface RevocationOutcome {
  /** The stream that holds the entry, and its revision and position after the decision. */
  stream: string;
  revision: number;
  position: number;
  eventId: string;
  eventType: string;
  outcome: 'revoked' | 'requested' | 'rejected';
  dependents: RevocationDependent[];
}

const ROLES: readonly string[] = ['caseworker', 'supervisor', 'admin'] satisfies RevocationRole[];

/**
 * Corrections by revocation (ADR 0019), for any stream wrapped by `revocable`: finds the named
 * event in the streams it may be in (its revision and type, which the fold needs), lets the
 * stream's decider refuse or record the request or the revocation, and answers with the later
 * entries that followed from it (in its own stream by the rules; in the others by `related`).
 */
@Injectable()
export class Revocations {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly reader: StreamReader,
  ) {}

  /**
   * `streams`: where the entry may be, in order (an id found in none is asked of the first, whose
   * decider answers REVOCATION.EVENT_NOT_FOUND). `carry` picks what read models need of the entry
   * (a stage, an amount) from its data, so they follow without reading it back.
   */
  async request(
    streams: readonly RevocableStream[],
    request: { eventId: string; reason: string },
    context: CommandContext,
    carry: (data: Record<string, unknown>, entry: RecordedEvent) => Record<string, unknown> = () => ({}),
  ): Promise<RevocationOutcome> {
    let target = streams[0]!;
    let found: RecordedEvent | undefined;
    for (const candidate of streams) {
      const { events } = await this.reader.load(candidate.stream, candidate.decider);
      found = events.find((event) => event.eventId === request.eventId);
      if (found) {
        target = candidate;
        break;
      }
    }
    const command: RevocationCommand = {
      type: 'RequestRevocation',
      data: {
        eventId: request.eventId,
        eventType: found?.type ?? '',
        revision: found?.revision ?? -1,
        ...(found ? carry(found.data as Record<string, unknown>, found) : {}),
        reason: request.reason,
        ...who(context),
      },
    };
    return this.execute(target, command, context, request.reason);
  }

  /**
   * A supervisor's approval or rejection of a pending request, in the stream that holds it (the
   * first of `streams` with a request for the event pending; else the first, which refuses).
   */
  async decide(
    streams: readonly RevocableStream[],
    eventId: string,
    decision: { approve: true } | { approve: false; reason: string },
    context: CommandContext,
  ): Promise<RevocationOutcome> {
    let target = streams[0]!;
    for (const candidate of streams) {
      const { state } = await this.reader.stateAt(candidate.stream, candidate.decider);
      if (state.revocations.pending[eventId]) {
        target = candidate;
        break;
      }
    }
    const command: RevocationCommand = decision.approve
      ? { type: 'ApproveRevocation', data: { eventId, ...who(context) } }
      : { type: 'RejectRevocation', data: { eventId, reason: decision.reason, ...who(context) } };
    return this.execute(target, command, context, decision.approve ? undefined : decision.reason);
  }

  private async execute(
    target: RevocableStream,
    command: RevocationCommand,
    context: CommandContext,
    reason: string | undefined,
  ): Promise<RevocationOutcome> {
    const result = await this.executor.execute({
      stream: target.stream,
      decider: target.decider,
      command,
      context,
      ...(reason ? { reason } : {}),
      ...(target.alongside ? { alongside: target.alongside } : {}),
    });
    await target.afterAppend?.(result.events as unknown as RevocationEvent[]);
    const decided = result.events[0] as unknown as RevocationEvent;
    // The stream as it stands after the decision: the later entries that followed from the revoked one.
    const { state, events } = await this.reader.load(target.stream, target.decider);
    const entry = events[decided.data.revision];
    const related = entry && target.related ? await target.related(entry, this.reader) : [];
    const dependents = [
      ...dependentsOf(state.revocations, decided.data.revision, target.rules).map((revision) => events[revision]!),
      ...related,
    ].map((event) => ({
      eventId: event.eventId,
      eventType: event.type,
      stream: event.stream,
      revision: event.revision,
      recordedAt: event.recordedAt,
    }));
    const outcome = {
      EventRevoked: 'revoked',
      RevocationRequested: 'requested',
      RevocationRejected: 'rejected',
    } as const;
    return {
      stream: target.stream,
      revision: result.revision,
      position: result.position,
      eventId: decided.data.eventId,
      eventType: decided.data.eventType,
      outcome: outcome[decided.type],
      dependents,
    };
  }
}

function who(context: CommandContext): { by: string; role: RevocationRole } {
  const { sub, role } = context.principal;
  // Roles outside these never reach the routes; the decider treats them as a caseworker's request.
  return { by: sub, role: ROLES.includes(role) ? (role as RevocationRole) : 'caseworker' };
}
