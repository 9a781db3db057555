import { Body, Param } from '@nestjs/common';
import { Scoped, ScopedHousehold } from '#libs/platform/auth/index.js';
import { idFor, type CommandContext } from '#libs/platform/command-handling/index.js';
import { CommandCtx, CommandRoute, UuidParamPipe, type CommandResponse } from '#libs/platform/http/index.js';
import { CaseworkCommandHandler } from './casework.command-handler.js';
import { CaseworkController } from './casework-command-route.js';
import {
  DecideTransferRequestDto,
  RejectTransferRequestDto,
  RequestTransferRequestDto,
} from './casework.request.dto.js';

/**
 * A case moves to another caseworker by request and decision (ADR 0018): a supervisor asks and
 * the receiving caseworker decides, or the receiving caseworker asks and a supervisor decides.
 * The receiving caseworker reaches the household on the decision routes before it is hers.
 */
@CaseworkController()
export class TransfersController {
  constructor(private readonly casework: CaseworkCommandHandler) {}

  @ScopedHousehold()
  @CommandRoute(':id/transfers', 'Ask for the case to be transferred to another caseworker', [
    'caseworker',
    'supervisor',
    'admin',
  ])
  async request(
    @Param('id', UuidParamPipe) householdId: string,
    @Body() body: RequestTransferRequestDto,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandResponse> {
    const household = await this.casework.household(householdId);
    const transferId = idFor(context.idempotencyKey, context.principal.sub, `transfer@${householdId}`);
    return this.casework.execute(
      householdId,
      {
        type: 'RequestTransfer',
        data: {
          householdId,
          transferId,
          ...body,
          actor: context.principal,
          household,
          at: context.now,
          today: context.today,
        },
      },
      context,
      body.reason,
    );
  }

  @Scoped({ kind: 'household', param: 'id', transferReceiver: true })
  @CommandRoute(
    ':id/transfers/acceptance',
    'Accept the transfer awaiting a decision: the case, its open visits and follow-ups move',
    ['caseworker', 'supervisor', 'admin'],
  )
  accept(
    @Param('id', UuidParamPipe) householdId: string,
    @Body() _body: DecideTransferRequestDto,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandResponse> {
    return this.casework.acceptTransfer(householdId, context);
  }

  @Scoped({ kind: 'household', param: 'id', transferReceiver: true })
  @CommandRoute(':id/transfers/rejection', 'Reject the transfer awaiting a decision, with a reason', [
    'caseworker',
    'supervisor',
    'admin',
  ])
  async reject(
    @Param('id', UuidParamPipe) householdId: string,
    @Body() body: RejectTransferRequestDto,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandResponse> {
    await this.casework.household(householdId);
    const data = { householdId, reason: body.reason, actor: context.principal, at: context.now, today: context.today };
    return this.casework.execute(householdId, { type: 'RejectTransfer', data }, context, body.reason);
  }
}
