import { Body, Controller, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ScopedHousehold } from '#libs/platform/auth/index.js';
import { idFor, type CommandContext } from '#libs/platform/command-handling/index.js';
import { CommandCtx, CommandRoute, UuidParamPipe, type CommandResponse } from '#libs/platform/http/index.js';
import { HouseholdCommandHandler } from '../household.command-handler.js';
import {
  ApproveExitRequestDto,
  ProposeExitRequestDto,
  ReasonRequestDto,
  ReopenCaseRequestDto,
} from './exit.request.dto.js';

/** Propose, approve or reject an exit from poverty, or reopen a closed case. */
@ApiTags('exit from poverty')
@ApiBearerAuth()
@Controller('households/:id')
export class ExitController {
  constructor(private readonly households: HouseholdCommandHandler) {}

  @ScopedHousehold()
  @CommandRoute(
    'exit/proposal',
    'Propose an exit from poverty, backed by the latest assessment above the poverty line',
    ['caseworker', 'supervisor'],
  )
  propose(
    @Param('id', UuidParamPipe) id: string,
    @Body() body: ProposeExitRequestDto,
    @CommandCtx() ctx: CommandContext,
  ): Promise<CommandResponse> {
    const actor = ctx.principal.sub;
    const proposalId = idFor(ctx.idempotencyKey, actor, `exit-proposal:${id}`);
    const data = { proposalId, reason: body.reason, actor, at: ctx.now, today: ctx.today };
    return this.households.execute(id, { type: 'ProposeExit', data }, ctx, body.reason);
  }

  @ScopedHousehold()
  @CommandRoute('exit/approval', 'Approve the pending exit (not by its proposer): closes the case and graduates PKH', [
    'supervisor',
  ])
  approve(
    @Param('id', UuidParamPipe) id: string,
    @Body() body: ApproveExitRequestDto,
    @CommandCtx() ctx: CommandContext,
  ): Promise<CommandResponse> {
    const data = { actor: ctx.principal.sub, exitedOn: body.exitedOn ?? ctx.today, at: ctx.now, today: ctx.today };
    return this.households.execute(id, { type: 'ApproveExit', data }, ctx);
  }

  @ScopedHousehold()
  @CommandRoute('exit/rejection', 'Reject the pending exit with a reason', ['supervisor'])
  reject(
    @Param('id', UuidParamPipe) id: string,
    @Body() body: ReasonRequestDto,
    @CommandCtx() ctx: CommandContext,
  ): Promise<CommandResponse> {
    const data = { actor: ctx.principal.sub, reason: body.reason, at: ctx.now, today: ctx.today };
    return this.households.execute(id, { type: 'RejectExit', data }, ctx, body.reason);
  }

  @ScopedHousehold()
  @CommandRoute('reentry', 'Reopen the case of a household that exited and fell back into poverty', [
    'caseworker',
    'supervisor',
  ])
  reopen(
    @Param('id', UuidParamPipe) id: string,
    @Body() body: ReopenCaseRequestDto,
    @CommandCtx() ctx: CommandContext,
  ): Promise<CommandResponse> {
    const data = { reason: body.reason, reopenedOn: body.reopenedOn ?? ctx.today, at: ctx.now, today: ctx.today };
    return this.households.execute(id, { type: 'ReopenCase', data }, ctx, body.reason);
  }
}
