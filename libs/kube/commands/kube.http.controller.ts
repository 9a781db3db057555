import { Body, Controller, Param, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Scoped } from '#libs/platform/auth/index.js';
import type { CommandContext } from '#libs/platform/command-handling/index.js';
import { CommandCtx, CommandRoute, UuidParamPipe, type CommandResponse } from '#libs/platform/http/index.js';
import { KubeCommandHandler } from './kube.command-handler.js';
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
@Controller('kubes')
export class KubeController {
  constructor(private readonly kubes: KubeCommandHandler) {}

  @CommandRoute(
    '',
    'Form a Kube (joint business group) of member households; each in at most one active Kube',
    ['caseworker', 'supervisor'],
    { creates: true },
  )
  @Scoped({ kind: 'area' }, { kind: 'households', body: 'householdIds' })
  async form(
    @Body() body: FormKubeRequestDto,
    @CommandCtx() ctx: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CommandResponse> {
    const { name, businessType, kecamatan, kelurahan, formedOn } = body;
    const householdIds = body.householdIds.map((h) => h.toLowerCase());
    const result = await this.kubes.form({ name, businessType, kecamatan, kelurahan, householdIds, formedOn }, ctx);
    void reply.header('location', `/api/v1/kubes/${result.id}`);
    return result;
  }

  @CommandRoute(':id/members', 'A household joins the group', ['caseworker', 'supervisor'])
  @Scoped({ kind: 'kube', param: 'id' }, { kind: 'household', body: 'householdId' })
  join(
    @Param('id', UuidParamPipe) id: string,
    @Body() body: JoinKubeRequestDto,
    @CommandCtx() ctx: CommandContext,
  ): Promise<CommandResponse> {
    return this.kubes.join(id, body.householdId.toLowerCase(), body.joinedOn, ctx);
  }

  @CommandRoute(':id/members/:householdId/departure', 'A household leaves the group, with a reason', [
    'caseworker',
    'supervisor',
  ])
  @Scoped({ kind: 'kube', param: 'id' }, { kind: 'household', param: 'householdId' })
  leave(
    @Param('id', UuidParamPipe) id: string,
    @Param('householdId', UuidParamPipe) householdId: string,
    @Body() body: LeaveKubeRequestDto,
    @CommandCtx() ctx: CommandContext,
  ): Promise<CommandResponse> {
    const { reason, leftOn } = body;
    const detail = body.detail ?? null;
    return this.kubes.execute(
      id,
      { type: 'LeaveKube', data: { householdId, reason, detail, leftOn, at: ctx.now } },
      ctx,
      detail ? `${reason}: ${detail}` : reason,
    );
  }

  @CommandRoute(':id/grants', 'Record a grant disbursed to the group', ['supervisor', 'admin'])
  @Scoped({ kind: 'kube', param: 'id' })
  grant(
    @Param('id', UuidParamPipe) id: string,
    @Body() body: KubeGrantRequestDto,
    @CommandCtx() ctx: CommandContext,
  ): Promise<CommandResponse> {
    const { amount, source, reference, disbursedOn } = body;
    return this.kubes.grant(id, { amount, source, reference, disbursedOn }, ctx);
  }

  @CommandRoute(':id/reports', "Record a month's business report: revenue and active members", [
    'caseworker',
    'supervisor',
  ])
  @Scoped({ kind: 'kube', param: 'id' })
  report(
    @Param('id', UuidParamPipe) id: string,
    @Body() body: KubeReportRequestDto,
    @CommandCtx() ctx: CommandContext,
  ): Promise<CommandResponse> {
    const { period, revenue, activeMembers } = body;
    return this.kubes.execute(
      id,
      { type: 'ReportKubeBusiness', data: { period, revenue, activeMembers, at: ctx.now } },
      ctx,
    );
  }

  @CommandRoute(':id/dissolution', 'Dissolve the group; its members become free to join another', ['supervisor'])
  @Scoped({ kind: 'kube', param: 'id' })
  dissolve(
    @Param('id', UuidParamPipe) id: string,
    @Body() body: DissolveKubeRequestDto,
    @CommandCtx() ctx: CommandContext,
  ): Promise<CommandResponse> {
    const data = { reason: body.reason, dissolvedOn: body.dissolvedOn, at: ctx.now };
    return this.kubes.execute(id, { type: 'DissolveKube', data }, ctx, body.reason);
  }
}
