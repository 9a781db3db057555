import { Injectable } from '@nestjs/common';
import { Revocations, type CommandContext } from '#libs/platform/command-handling/index.js';
import { revocationResponse, type RevocationResponse } from '#libs/platform/http/index.js';
import { KubeCommandHandler } from './kube.command-handler.js';

/**
 * Corrections of a Kube's entries (ADR 0019), through the shared revocation handling: the
 * revocation carries whom the entry was about and its rupiah (a grant's amount, a report's
 * revenue), which the group list, the caseloads and the reports need.
 */
@Injectable()
export class KubeRevocationCommandHandler {
  constructor(
    private readonly revocations: Revocations,
    private readonly kubes: KubeCommandHandler,
  ) {}

  async request(
    kubeId: string,
    request: { eventId: string; reason: string },
    context: CommandContext,
  ): Promise<RevocationResponse> {
    const stream = this.kubes.revocable(kubeId, context);
    const outcome = await this.revocations.request([stream], request, context, (data) => {
      const { householdId, householdIds, amount, revenue } = data;
      const rupiah = typeof amount === 'number' ? amount : revenue;
      return {
        ...(typeof householdId === 'string' ? { householdId } : {}),
        ...(Array.isArray(householdIds) ? { householdIds: householdIds as string[] } : {}),
        ...(typeof rupiah === 'number' ? { amount: rupiah } : {}),
      };
    });
    return revocationResponse(kubeId, outcome);
  }

  async decide(
    kubeId: string,
    eventId: string,
    decision: { approve: true } | { approve: false; reason: string },
    context: CommandContext,
  ): Promise<RevocationResponse> {
    const stream = this.kubes.revocable(kubeId, context);
    return revocationResponse(kubeId, await this.revocations.decide([stream], eventId, decision, context));
  }
}
