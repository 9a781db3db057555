import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '#libs/platform/auth/index.js';
import type { CommandContext } from '#libs/platform/command-handling/index.js';
import { CommandCtx, UuidParamPipe } from '#libs/platform/http/index.js';
import { CommandResponse } from '../shared/command-response.js';
import { DecideExitCommand } from './exit.handlers.js';
import {
  ApproveExitRequestDto,
  ProposeExitRequestDto,
  ReasonRequestDto,
  ReopenCaseRequestDto,
} from './exit.request.dto.js';

@ApiTags('exit from poverty')
@ApiBearerAuth()
@ApiHeader({
  name: 'If-Match',
  required: false,
  description: 'Revision last seen; 412 if the household has changed since',
})
@Controller('households/:id')
export class ExitController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post('exit/proposal')
  @HttpCode(200)
  @Roles('caseworker', 'supervisor')
  @ApiOperation({ summary: 'Propose an exit from poverty, backed by the latest assessment above the poverty line' })
  @ApiOkResponse({ type: CommandResponse })
  propose(
    @Param('id', UuidParamPipe) id: string,
    @Body() body: ProposeExitRequestDto,
    @CommandCtx() ctx: CommandContext,
  ) {
    return this.commandBus.execute(new DecideExitCommand(id, { type: 'ProposeExit', reason: body.reason }, ctx));
  }

  @Post('exit/approval')
  @HttpCode(200)
  @Roles('supervisor')
  @ApiOperation({ summary: 'Approve the pending exit (not by its proposer): closes the case and graduates PKH' })
  @ApiOkResponse({ type: CommandResponse })
  approve(
    @Param('id', UuidParamPipe) id: string,
    @Body() body: ApproveExitRequestDto,
    @CommandCtx() ctx: CommandContext,
  ) {
    return this.commandBus.execute(
      new DecideExitCommand(id, { type: 'ApproveExit', ...(body.exitedOn ? { exitedOn: body.exitedOn } : {}) }, ctx),
    );
  }

  @Post('exit/rejection')
  @HttpCode(200)
  @Roles('supervisor')
  @ApiOperation({ summary: 'Reject the pending exit with a reason' })
  @ApiOkResponse({ type: CommandResponse })
  reject(@Param('id', UuidParamPipe) id: string, @Body() body: ReasonRequestDto, @CommandCtx() ctx: CommandContext) {
    return this.commandBus.execute(new DecideExitCommand(id, { type: 'RejectExit', reason: body.reason }, ctx));
  }

  @Post('reentry')
  @HttpCode(200)
  @Roles('caseworker', 'supervisor')
  @ApiOperation({ summary: 'Reopen the case of a household that exited and fell back into poverty' })
  @ApiOkResponse({ type: CommandResponse })
  reopen(
    @Param('id', UuidParamPipe) id: string,
    @Body() body: ReopenCaseRequestDto,
    @CommandCtx() ctx: CommandContext,
  ) {
    const decision = {
      type: 'ReopenCase' as const,
      reason: body.reason,
      ...(body.reopenedOn ? { reopenedOn: body.reopenedOn } : {}),
    };
    return this.commandBus.execute(new DecideExitCommand(id, decision, ctx));
  }
}
