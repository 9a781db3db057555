import { Body, Param } from '@nestjs/common';
import { ScopedHousehold } from '#libs/platform/auth/index.js';
import { idFor, type CommandContext } from '#libs/platform/command-handling/index.js';
import { CommandCtx, CommandRoute, UuidParamPipe, type CommandResponse } from '#libs/platform/http/index.js';
import { HouseholdCommandHandler } from '../household.command-handler.js';
import { HouseholdCommandController } from '../shared/household-command-route.js';
import { RequestErasureRequestDto } from './erasure.request.dto.js';

/** Erasure of a household's personal data by deleting its key, four eyes (ADR 0010). */
@HouseholdCommandController()
export class ErasureController {
  constructor(private readonly households: HouseholdCommandHandler) {}

  @ScopedHousehold()
  @CommandRoute(':id/erasure', "Request the erasure of the household's personal data (a second admin approves)", [
    'admin',
  ])
  request(
    @Param('id', UuidParamPipe) householdId: string,
    @Body() body: RequestErasureRequestDto,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandResponse> {
    const actor = context.principal.sub;
    const requestId = idFor(context.idempotencyKey, actor, `erasure:${householdId}`);
    const data = {
      requestId,
      legalBasis: body.legalBasis,
      reason: body.reason,
      actor,
      at: context.now,
      today: context.today,
    };
    return this.households.execute(householdId, { type: 'RequestErasure', data }, context);
  }

  @ScopedHousehold()
  @CommandRoute(
    ':id/erasure/approval',
    "Approve the pending erasure (not by its requester): the household's key is deleted, its KK and NIKs freed",
    ['admin'],
  )
  approve(
    @Param('id', UuidParamPipe) householdId: string,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandResponse> {
    const data = { actor: context.principal.sub, at: context.now, today: context.today };
    return this.households.approveErasure(householdId, { type: 'ApproveErasure', data }, context);
  }
}
