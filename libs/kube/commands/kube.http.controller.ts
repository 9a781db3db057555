import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Roles } from '#libs/platform/auth/index.js';
import type { CommandContext } from '#libs/platform/command-handling/index.js';
import { AsOfQueryDto, CommandCtx, UuidParamPipe } from '#libs/platform/http/index.js';
import { GetKubeQuery } from '../read-models/kube.query.js';
import { KubeCommandMessage, type KubeAction } from './kube.handlers.js';
import {
  DissolveKubeRequestDto,
  FormKubeRequestDto,
  JoinKubeRequestDto,
  KubeGrantRequestDto,
  KubeReportRequestDto,
  LeaveKubeRequestDto,
} from './kube.request.dto.js';

@ApiTags('kube')
@ApiBearerAuth()
@ApiHeader({ name: 'If-Match', required: false, description: 'Revision of the group last seen' })
@Controller('kubes')
export class KubeController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly queryBus: QueryBus,
  ) {}

  private run(id: string | undefined, action: KubeAction, ctx: CommandContext) {
    return this.commandBus.execute(new KubeCommandMessage(id, action, ctx));
  }

  @Post()
  @HttpCode(201)
  @Roles('caseworker', 'supervisor')
  @ApiOperation({ summary: 'Form a Kube (joint business group) of member households; each in at most one active Kube' })
  async form(
    @Body() body: FormKubeRequestDto,
    @CommandCtx() ctx: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const householdIds = body.householdIds.map((h) => h.toLowerCase());
    const result = await this.run(undefined, { type: 'form', ...body, householdIds }, ctx);
    void reply.header('location', `/api/v1/kubes/${result.id}`);
    return result;
  }

  @Get(':id/state')
  @Roles('caseworker', 'supervisor', 'auditor', 'admin')
  @ApiOperation({ summary: 'The group as it stood at a time, replayed from the events recorded until then' })
  stateAsOf(@Param('id', UuidParamPipe) id: string, @Query() query: AsOfQueryDto) {
    return this.queryBus.execute(new GetKubeQuery(id, query.asOf ?? new Date().toISOString()));
  }

  @Get(':id')
  @Roles('caseworker', 'supervisor', 'auditor', 'admin')
  @ApiOperation({ summary: 'The group: members, former members, grants, reported periods' })
  get(@Param('id', UuidParamPipe) id: string) {
    return this.queryBus.execute(new GetKubeQuery(id));
  }

  @Post(':id/members')
  @HttpCode(200)
  @Roles('caseworker', 'supervisor')
  @ApiOperation({ summary: 'A household joins the group' })
  join(@Param('id', UuidParamPipe) id: string, @Body() body: JoinKubeRequestDto, @CommandCtx() ctx: CommandContext) {
    return this.run(id, { type: 'join', householdId: body.householdId.toLowerCase(), joinedOn: body.joinedOn }, ctx);
  }

  @Post(':id/members/:householdId/departure')
  @HttpCode(200)
  @Roles('caseworker', 'supervisor')
  @ApiOperation({ summary: 'A household leaves the group, with a reason' })
  leave(
    @Param('id', UuidParamPipe) id: string,
    @Param('householdId', UuidParamPipe) householdId: string,
    @Body() body: LeaveKubeRequestDto,
    @CommandCtx() ctx: CommandContext,
  ) {
    return this.run(
      id,
      { type: 'leave', householdId, reason: body.reason, detail: body.detail ?? null, leftOn: body.leftOn },
      ctx,
    );
  }

  @Post(':id/grants')
  @HttpCode(200)
  @Roles('supervisor', 'admin')
  @ApiOperation({ summary: 'Record a grant disbursed to the group' })
  grant(@Param('id', UuidParamPipe) id: string, @Body() body: KubeGrantRequestDto, @CommandCtx() ctx: CommandContext) {
    return this.run(id, { type: 'grant', ...body }, ctx);
  }

  @Post(':id/reports')
  @HttpCode(200)
  @Roles('caseworker', 'supervisor')
  @ApiOperation({ summary: "Record a month's business report: revenue and active members" })
  report(
    @Param('id', UuidParamPipe) id: string,
    @Body() body: KubeReportRequestDto,
    @CommandCtx() ctx: CommandContext,
  ) {
    return this.run(id, { type: 'report', ...body }, ctx);
  }

  @Post(':id/dissolution')
  @HttpCode(200)
  @Roles('supervisor')
  @ApiOperation({ summary: 'Dissolve the group; its members become free to join another' })
  dissolve(
    @Param('id', UuidParamPipe) id: string,
    @Body() body: DissolveKubeRequestDto,
    @CommandCtx() ctx: CommandContext,
  ) {
    return this.run(id, { type: 'dissolve', ...body }, ctx);
  }
}
