import { Injectable } from '@nestjs/common';
import {
  HOUSEHOLD_REVOCATION_RULES,
  householdDecider,
  householdStream,
  memberChangeEffectiveOn,
  type MemberChangeEvent,
} from '#libs/households/index.js';
import { PKH_REVOCATION_RULES, pkhDecider, pkhStream } from '#libs/pkh/index.js';
import { Revocations, type CommandContext, type RevocableStream } from '#libs/platform/command-handling/index.js';
import type { RecordedEvent } from '#libs/platform/event-store/index.js';
import { revocationResponse, type RevocationResponse } from '#libs/platform/http/index.js';
import { businessDateOf, type OutcomeEvent } from '#libs/reporting/index.js';
import { caseworkStream } from '../casework-streams.js';
import { caseworkDecider, entriesCausedBy, pkhEntriesFedBy, visitsScheduledAfter } from '../domain/index.js';

/** The member changes PKH takes its components from, and which can be revoked (HOUSEHOLD_REVOCATION_RULES). */
const FEEDS_PKH = new Set([
  'MemberDetailsCorrected',
  'PregnancyBegan',
  'PregnancyEnded',
  'SchoolLevelChanged',
  'DisabilityAssessed',
  'MemberDied',
]);

/**
 * Corrections of a household's entries (ADR 0019), in its household or its PKH stream, through
 * the shared revocation handling. Here, where both capabilities and the casework are known, so
 * the answer lists what followed in the other streams too: the PKH reassessments and payments a
 * revoked member change fed, the PKH graduation an approved exit brought, the visit scheduled by
 * rule after a revoked non-compliance. The
 * revocation carries what read models need of the entry (stage, amount, persons, its business
 * date and when it was recorded).
 */
@Injectable()
export class RevocationCommandHandler {
  constructor(private readonly revocations: Revocations) {}

  async request(
    householdId: string,
    request: { eventId: string; reason: string },
    context: CommandContext,
  ): Promise<RevocationResponse> {
    // The household named, so the reason (personal) is sealed under its key on the PKH stream too.
    const carry = (data: Record<string, unknown>, entry: RecordedEvent) => ({ householdId, ...carried(data, entry) });
    const outcome = await this.revocations.request(streamsOf(householdId), request, context, carry);
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

function carried(data: Record<string, unknown>, entry: RecordedEvent): Record<string, unknown> {
  const { stage, amount, persons } = data;
  const businessDate = businessDateOf({ type: entry.type, data: entry.data } as OutcomeEvent);
  return {
    ...(typeof stage === 'string' ? { stage } : {}),
    ...(typeof amount === 'number' ? { amount } : {}),
    ...(typeof persons === 'number' ? { persons } : {}),
    ...(businessDate ? { businessDate } : {}),
    occurredAt: String(entry.metadata.occurredAt),
  };
}

const streamsOf = (householdId: string): RevocableStream[] => [
  {
    stream: householdStream(householdId),
    decider: householdDecider,
    rules: HOUSEHOLD_REVOCATION_RULES,
    async related(entry, reader) {
      if (entry.type === 'ExitApproved') {
        const { state, events } = await reader.load(pkhStream(householdId), pkhDecider);
        const standing = events.filter((e) => !state.revocations.revoked.includes(e.revision));
        return entriesCausedBy(entry.eventId, standing);
      }
      if (!FEEDS_PKH.has(entry.type)) return [];
      const effectiveOn = memberChangeEffectiveOn({ type: entry.type, data: entry.data } as MemberChangeEvent);
      const { state, events } = await reader.load(pkhStream(householdId), pkhDecider);
      return pkhEntriesFedBy({ position: entry.position, effectiveOn }, events, state.revocations.revoked);
    },
  },
  {
    stream: pkhStream(householdId),
    decider: pkhDecider,
    rules: PKH_REVOCATION_RULES,
    async related(entry, reader) {
      if (entry.type !== 'PkhComplianceVerified') return [];
      const { events } = await reader.load(caseworkStream(householdId), caseworkDecider);
      return visitsScheduledAfter(entry, events);
    },
  },
];
