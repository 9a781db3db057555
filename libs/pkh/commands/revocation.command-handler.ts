import { Injectable } from '@nestjs/common';
import { CommandExecutor, type CommandContext } from '#libs/platform/command-handling/index.js';
import {
  dependentsOf,
  type RevocationCommand,
  type RevocationEvent,
  type RevocationRole,
} from '#libs/platform/domain/index.js';
import { StreamReader } from '#libs/platform/streams/index.js';
import { PKH_REVOCATION_RULES, pkhDecider } from '../domain/index.js';
import { pkhStream } from '../pkh-streams.js';
import type { RevocationResponse } from './revocation.response.dto.js';

const ROLES: readonly string[] = ['caseworker', 'supervisor', 'admin'] satisfies RevocationRole[];

/**
 * Corrections of a household's PKH entries (ADR 0019): the handler finds the named event in the
 * stream (its revision and type, which the fold needs), the decider refuses or records the
 * request or the revocation, and the answer lists what followed from the entry for review.
 */
@Injectable()
export class RevocationCommandHandler {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly reader: StreamReader,
  ) {}

  async request(
    householdId: string,
    request: { eventId: string; reason: string },
    context: CommandContext,
  ): Promise<RevocationResponse> {
    const { events } = await this.reader.load(pkhStream(householdId), pkhDecider);
    const found = events.find((event) => event.eventId === request.eventId);
    // What read models need of the entry to undo it, carried in the revocation (ADR 0019).
    const { stage, amount } = (found?.data ?? {}) as { stage?: unknown; amount?: unknown };
    const target = {
      eventId: request.eventId,
      eventType: found?.type ?? '',
      revision: found?.revision ?? -1,
      ...(typeof stage === 'string' ? { stage } : {}),
      ...(typeof amount === 'number' ? { amount } : {}),
    };
    const command: RevocationCommand = {
      type: 'RequestRevocation',
      data: { ...target, reason: request.reason, ...this.who(context) },
    };
    return this.execute(householdId, command, context, request.reason);
  }

  decide(
    householdId: string,
    eventId: string,
    decision: { approve: true } | { approve: false; reason: string },
    context: CommandContext,
  ): Promise<RevocationResponse> {
    const command: RevocationCommand = decision.approve
      ? { type: 'ApproveRevocation', data: { eventId, ...this.who(context) } }
      : { type: 'RejectRevocation', data: { eventId, reason: decision.reason, ...this.who(context) } };
    return this.execute(householdId, command, context, decision.approve ? undefined : decision.reason);
  }

  private async execute(
    householdId: string,
    command: RevocationCommand,
    context: CommandContext,
    reason: string | undefined,
  ): Promise<RevocationResponse> {
    const stream = pkhStream(householdId);
    const result = await this.executor.execute({
      stream,
      decider: pkhDecider,
      command,
      context,
      ...(reason ? { reason } : {}),
    });
    const decided = result.events[0] as RevocationEvent;
    // The stream as it stands after the decision: the later entries that followed from the revoked one.
    const { state, events } = await this.reader.load(stream, pkhDecider);
    const dependents = dependentsOf(state.revocations, decided.data.revision, PKH_REVOCATION_RULES).map((revision) => {
      const event = events[revision]!;
      return { eventId: event.eventId, eventType: event.type, revision, recordedAt: event.recordedAt };
    });
    const outcome = {
      EventRevoked: 'revoked',
      RevocationRequested: 'requested',
      RevocationRejected: 'rejected',
    } as const;
    return {
      id: householdId,
      revision: result.revision,
      position: result.position,
      eventId: decided.data.eventId,
      eventType: decided.data.eventType,
      outcome: outcome[decided.type],
      dependents,
    };
  }

  private who(context: CommandContext): { by: string; role: RevocationRole } {
    const { sub, role } = context.principal;
    // Roles outside these never reach the routes; the decider treats them as a caseworker's request.
    return { by: sub, role: ROLES.includes(role) ? (role as RevocationRole) : 'caseworker' };
  }
}
