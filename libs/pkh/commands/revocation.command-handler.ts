import { Injectable } from '@nestjs/common';
import { Revocations, type CommandContext, type RevocableStream } from '#libs/platform/command-handling/index.js';
import { revocationResponse, type RevocationResponse } from '#libs/platform/http/index.js';
import { PKH_REVOCATION_RULES, pkhDecider } from '../domain/index.js';
import { pkhStream } from '../pkh-streams.js';

/**
 * Corrections of a household's PKH entries (ADR 0019), through the shared revocation handling:
 * the revocation carries the entry's stage and amount, which the due list and the reports need.
 */
@Injectable()
export class RevocationCommandHandler {
  constructor(private readonly revocations: Revocations) {}

  async request(
    householdId: string,
    request: { eventId: string; reason: string },
    context: CommandContext,
  ): Promise<RevocationResponse> {
    const outcome = await this.revocations.request(streamsOf(householdId), request, context, ({ stage, amount }) => ({
      ...(typeof stage === 'string' ? { stage } : {}),
      ...(typeof amount === 'number' ? { amount } : {}),
    }));
    return revocationResponse(householdId, outcome);
  }

  async decide(
    householdId: string,
    eventId: string,
    decision: { approve: true } | { approve: false; reason: string },
    context: CommandContext,
  ): Promise<RevocationResponse> {
    return revocationResponse(
      householdId,
      await this.revocations.decide(streamsOf(householdId), eventId, decision, context),
    );
  }
}

const streamsOf = (householdId: string): RevocableStream[] => [
  { stream: pkhStream(householdId), decider: pkhDecider, rules: PKH_REVOCATION_RULES },
];
