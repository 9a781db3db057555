import { Body, Controller, Param, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Scoped } from '#libs/platform/auth/index.js';
import { idFor, type CommandContext } from '#libs/platform/command-handling/index.js';
import {
  CommandCtx,
  CommandRoute,
  NikParamPipe,
  UuidParamPipe,
  type CommandResponse,
} from '#libs/platform/http/index.js';
import { TrainingCommandHandler } from './training.command-handler.js';
import {
  CompletionRequestDto,
  DropOutRequestDto,
  InvitationResponseRequestDto,
  InviteRequestDto,
  ScheduleCourseRequestDto,
  SessionAttendanceRequestDto,
} from './training.request.dto.js';

/** The reason written into the event's metadata: the coded reason, with the free text if any. */
const reasonWithDetail = (reason: string, detail: string | null) => (detail ? `${reason}: ${detail}` : reason);

@ApiTags('training')
@ApiBearerAuth()
@Controller('trainings')
export class TrainingController {
  constructor(private readonly trainings: TrainingCommandHandler) {}

  @CommandRoute(
    '',
    'Schedule a course: vocational (sewing, catering, ...) or a family session (P2K2)',
    ['caseworker', 'supervisor'],
    { creates: true },
  )
  @Scoped({ kind: 'area' })
  async schedule(
    @Body() body: ScheduleCourseRequestDto,
    @CommandCtx() ctx: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CommandResponse> {
    const courseId = idFor(ctx.idempotencyKey, ctx.principal.sub, 'course');
    const { kind, title, provider, capacity, sessions, startsOn, endsOn, kecamatan, kelurahan, costPerParticipant } =
      body;
    const course = {
      courseId,
      kind,
      skill: body.skill ?? null,
      title,
      provider,
      capacity,
      sessions,
      startsOn,
      endsOn,
      kecamatan,
      kelurahan,
      costPerParticipant,
    };
    const result = await this.trainings.execute(
      courseId,
      { type: 'ScheduleCourse', data: { ...course, at: ctx.now } },
      ctx,
    );
    void reply.header('location', `/api/v1/trainings/${result.id}`);
    return result;
  }

  @CommandRoute(':id/invitations', 'Invite a member of a household', ['caseworker', 'supervisor'])
  @Scoped({ kind: 'course', param: 'id' }, { kind: 'household', body: 'householdId' })
  invite(
    @Param('id', UuidParamPipe) id: string,
    @Body() body: InviteRequestDto,
    @CommandCtx() ctx: CommandContext,
  ): Promise<CommandResponse> {
    return this.trainings.invite(id, body.householdId.toLowerCase(), body.nik, ctx);
  }

  @CommandRoute(
    ':id/participants/:nik/response',
    'The invited person enrols (while places last) or declines with a coded reason',
    ['caseworker', 'supervisor'],
  )
  @Scoped({ kind: 'participant', courseParam: 'id', nikParam: 'nik' })
  respond(
    @Param('id', UuidParamPipe) id: string,
    @Param('nik', NikParamPipe) nik: string,
    @Body() body: InvitationResponseRequestDto,
    @CommandCtx() ctx: CommandContext,
  ): Promise<CommandResponse> {
    if (body.accept) return this.trainings.execute(id, { type: 'AcceptInvitation', data: { nik, at: ctx.now } }, ctx);
    const reason = body.declineReason!;
    const detail = body.detail ?? null;
    return this.trainings.execute(
      id,
      { type: 'DeclineInvitation', data: { nik, reason, detail, at: ctx.now } },
      ctx,
      reasonWithDetail(reason, detail),
    );
  }

  @CommandRoute(':id/sessions', "Record a session's attendance", ['caseworker', 'supervisor'])
  @Scoped({ kind: 'course', param: 'id' })
  attendance(
    @Param('id', UuidParamPipe) id: string,
    @Body() body: SessionAttendanceRequestDto,
    @CommandCtx() ctx: CommandContext,
  ): Promise<CommandResponse> {
    const { sessionNo, heldOn, present } = body;
    return this.trainings.execute(
      id,
      { type: 'RecordSessionAttendance', data: { sessionNo, heldOn, present, at: ctx.now } },
      ctx,
    );
  }

  @CommandRoute(
    ':id/participants/:nik/completion',
    'Complete the course: at least 75% of the sessions held attended, and a certificate for vocational courses',
    ['caseworker', 'supervisor'],
  )
  @Scoped({ kind: 'participant', courseParam: 'id', nikParam: 'nik' })
  complete(
    @Param('id', UuidParamPipe) id: string,
    @Param('nik', NikParamPipe) nik: string,
    @Body() body: CompletionRequestDto,
    @CommandCtx() ctx: CommandContext,
  ): Promise<CommandResponse> {
    const data = { nik, certificateNo: body.certificateNo ?? null, at: ctx.now };
    return this.trainings.execute(id, { type: 'CompleteTraining', data }, ctx);
  }

  @CommandRoute(':id/participants/:nik/dropout', 'Record a drop-out with a coded reason (frees the place)', [
    'caseworker',
    'supervisor',
  ])
  @Scoped({ kind: 'participant', courseParam: 'id', nikParam: 'nik' })
  dropOut(
    @Param('id', UuidParamPipe) id: string,
    @Param('nik', NikParamPipe) nik: string,
    @Body() body: DropOutRequestDto,
    @CommandCtx() ctx: CommandContext,
  ): Promise<CommandResponse> {
    const detail = body.detail ?? null;
    const data = { nik, reason: body.reason, detail, at: ctx.now };
    return this.trainings.execute(id, { type: 'RecordDropOut', data }, ctx, reasonWithDetail(body.reason, detail));
  }
}
