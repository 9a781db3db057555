import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Roles } from '#libs/platform/auth/index.js';
import type { CommandContext } from '#libs/platform/command-handling/index.js';
import { AsOfQueryDto, CommandCtx, NikParamPipe, UuidParamPipe } from '#libs/platform/http/index.js';
import { GetCourseQuery } from '../read-models/course.query.js';
import { TrainingCommandMessage, type TrainingAction } from './training.handlers.js';
import {
  CompletionRequestDto,
  DropOutRequestDto,
  InvitationResponseRequestDto,
  InviteRequestDto,
  ScheduleCourseRequestDto,
  SessionAttendanceRequestDto,
} from './training.request.dto.js';

@ApiTags('training')
@ApiBearerAuth()
@ApiHeader({ name: 'If-Match', required: false, description: 'Revision of the course last seen' })
@Controller('trainings')
export class TrainingController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly queryBus: QueryBus,
  ) {}

  private run(id: string | undefined, action: TrainingAction, ctx: CommandContext) {
    return this.commandBus.execute(new TrainingCommandMessage(id, action, ctx));
  }

  @Post()
  @HttpCode(201)
  @Roles('caseworker', 'supervisor')
  @ApiOperation({ summary: 'Schedule a course: vocational (sewing, catering, ...) or a family session (P2K2)' })
  async schedule(
    @Body() body: ScheduleCourseRequestDto,
    @CommandCtx() ctx: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const result = await this.run(undefined, { type: 'schedule', ...body, skill: body.skill ?? null }, ctx);
    void reply.header('location', `/api/v1/trainings/${result.id}`);
    return result;
  }

  @Get(':id/state')
  @Roles('caseworker', 'supervisor', 'auditor', 'admin')
  @ApiOperation({ summary: 'The course as it stood at a time, replayed from the events recorded until then' })
  stateAsOf(@Param('id', UuidParamPipe) id: string, @Query() query: AsOfQueryDto) {
    return this.queryBus.execute(new GetCourseQuery(id, query.asOf ?? new Date().toISOString()));
  }

  @Get(':id')
  @Roles('caseworker', 'supervisor', 'auditor', 'admin')
  @ApiOperation({ summary: 'The course with its participants and sessions held' })
  get(@Param('id', UuidParamPipe) id: string) {
    return this.queryBus.execute(new GetCourseQuery(id));
  }

  @Post(':id/invitations')
  @HttpCode(200)
  @Roles('caseworker', 'supervisor')
  @ApiOperation({ summary: 'Invite a member of a household' })
  invite(@Param('id', UuidParamPipe) id: string, @Body() body: InviteRequestDto, @CommandCtx() ctx: CommandContext) {
    return this.run(id, { type: 'invite', householdId: body.householdId.toLowerCase(), nik: body.nik }, ctx);
  }

  @Post(':id/participants/:nik/response')
  @HttpCode(200)
  @Roles('caseworker', 'supervisor')
  @ApiOperation({ summary: 'The invited person enrols (while places last) or declines with a coded reason' })
  respond(
    @Param('id', UuidParamPipe) id: string,
    @Param('nik', NikParamPipe) nik: string,
    @Body() body: InvitationResponseRequestDto,
    @CommandCtx() ctx: CommandContext,
  ) {
    const action: TrainingAction = body.accept
      ? { type: 'accept', nik: nik }
      : { type: 'decline', nik: nik, reason: body.declineReason!, detail: body.detail ?? null };
    return this.run(id, action, ctx);
  }

  @Post(':id/sessions')
  @HttpCode(200)
  @Roles('caseworker', 'supervisor')
  @ApiOperation({ summary: "Record a session's attendance" })
  attendance(
    @Param('id', UuidParamPipe) id: string,
    @Body() body: SessionAttendanceRequestDto,
    @CommandCtx() ctx: CommandContext,
  ) {
    return this.run(id, { type: 'attendance', ...body }, ctx);
  }

  @Post(':id/participants/:nik/completion')
  @HttpCode(200)
  @Roles('caseworker', 'supervisor')
  @ApiOperation({ summary: 'Complete the course (enough attendance; a certificate for vocational courses)' })
  complete(
    @Param('id', UuidParamPipe) id: string,
    @Param('nik', NikParamPipe) nik: string,
    @Body() body: CompletionRequestDto,
    @CommandCtx() ctx: CommandContext,
  ) {
    return this.run(id, { type: 'complete', nik: nik, certificateNo: body.certificateNo ?? null }, ctx);
  }

  @Post(':id/participants/:nik/dropout')
  @HttpCode(200)
  @Roles('caseworker', 'supervisor')
  @ApiOperation({ summary: 'Record a drop-out with a coded reason (frees the place)' })
  dropOut(
    @Param('id', UuidParamPipe) id: string,
    @Param('nik', NikParamPipe) nik: string,
    @Body() body: DropOutRequestDto,
    @CommandCtx() ctx: CommandContext,
  ) {
    return this.run(id, { type: 'dropOut', nik: nik, reason: body.reason, detail: body.detail ?? null }, ctx);
  }
}
