import { Body, Param } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { ScopedHousehold } from '#libs/platform/auth/index.js';
import { idFor, type CommandContext } from '#libs/platform/command-handling/index.js';
import { CommandCtx, CommandResponse, CommandRoute, UuidParamPipe } from '#libs/platform/http/index.js';
import { CaseworkCommandHandler } from './casework.command-handler.js';
import { CaseworkController } from './casework-command-route.js';
import {
  RescheduleVisitRequestDto,
  ScheduleVisitRequestDto,
  VisitDoneRequestDto,
  VisitMissedRequestDto,
} from './casework.request.dto.js';

const ROLES = ['caseworker', 'supervisor', 'admin'] as const;

export class VisitScheduledResponse extends CommandResponse {
  @ApiProperty({
    format: 'uuid',
    required: false,
    description: 'The new visit (absent from an idempotent replay; GET .../casework lists it)',
  })
  visitId?: string;
}

/** Home visits and P2K2 follow-ups of a case, with a due date: done, missed or rescheduled. */
@CaseworkController()
export class VisitsController {
  constructor(private readonly casework: CaseworkCommandHandler) {}

  @ScopedHousehold()
  @CommandRoute(':id/visits', 'Schedule a home visit or a P2K2 attendance follow-up', [...ROLES], {
    answer: VisitScheduledResponse,
  })
  async schedule(
    @Param('id', UuidParamPipe) householdId: string,
    @Body() body: ScheduleVisitRequestDto,
    @CommandCtx() context: CommandContext,
  ): Promise<VisitScheduledResponse> {
    const { caseOpen } = await this.casework.household(householdId);
    const visitId = idFor(context.idempotencyKey, context.principal.sub, `visit@${householdId}`);
    const data = {
      householdId,
      visitId,
      ...body,
      origin: 'manual' as const,
      caseOpen,
      at: context.now,
      today: context.today,
    };
    return { ...(await this.casework.execute(householdId, { type: 'ScheduleVisit', data }, context)), visitId };
  }

  @ScopedHousehold()
  @CommandRoute(':id/visits/:visitId/done', 'Record a visit or follow-up as done, with a note', [...ROLES])
  async done(
    @Param('id', UuidParamPipe) householdId: string,
    @Param('visitId', UuidParamPipe) visitId: string,
    @Body() body: VisitDoneRequestDto,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandResponse> {
    await this.casework.household(householdId);
    const doneOn = body.doneOn ?? context.today;
    const data = { householdId, visitId, doneOn, note: body.note, at: context.now, today: context.today };
    return this.casework.execute(householdId, { type: 'RecordVisitDone', data }, context);
  }

  @ScopedHousehold()
  @CommandRoute(':id/visits/:visitId/missed', 'Record a visit or follow-up as missed, with a reason', [...ROLES])
  async missed(
    @Param('id', UuidParamPipe) householdId: string,
    @Param('visitId', UuidParamPipe) visitId: string,
    @Body() body: VisitMissedRequestDto,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandResponse> {
    await this.casework.household(householdId);
    const missedOn = body.missedOn ?? context.today;
    const data = { householdId, visitId, missedOn, reason: body.reason, at: context.now, today: context.today };
    return this.casework.execute(householdId, { type: 'RecordVisitMissed', data }, context, body.reason);
  }

  @ScopedHousehold()
  @CommandRoute(':id/visits/:visitId/rescheduling', 'Move a visit or follow-up to another due date', [...ROLES])
  async reschedule(
    @Param('id', UuidParamPipe) householdId: string,
    @Param('visitId', UuidParamPipe) visitId: string,
    @Body() body: RescheduleVisitRequestDto,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandResponse> {
    await this.casework.household(householdId);
    const data = {
      householdId,
      visitId,
      dueOn: body.dueOn,
      reason: body.reason,
      at: context.now,
      today: context.today,
    };
    return this.casework.execute(householdId, { type: 'RescheduleVisit', data }, context, body.reason);
  }
}
