import { Body, Controller, Param, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ScopedHousehold } from '#libs/platform/auth/index.js';
import type { CommandContext } from '#libs/platform/command-handling/index.js';
import { CommandCtx, CommandRoute, UuidParamPipe, type CommandResponse } from '#libs/platform/http/index.js';
import { ComplaintCommandHandler } from './complaint.command-handler.js';
import {
  AssignComplaintRequestDto,
  InformComplainantRequestDto,
  ReceiveComplaintRequestDto,
  ResolveComplaintRequestDto,
} from './complaint.request.dto.js';

/** Complaints (pengaduan) about a household's case, a payment or a caseworker (ADR 0014). */
@ApiTags('complaints')
@ApiBearerAuth()
@Controller('households/:id/complaints')
export class ComplaintController {
  constructor(private readonly complaints: ComplaintCommandHandler) {}

  @CommandRoute(
    '',
    'Record a complaint from the family or a third party, due by its category; optionally its assignee',
    ['caseworker', 'supervisor'],
    { creates: true },
  )
  @ScopedHousehold()
  async receive(
    @Param('id', UuidParamPipe) id: string,
    @Body() body: ReceiveComplaintRequestDto,
    @CommandCtx() ctx: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CommandResponse> {
    const { category, subject, source, channel, description, receivedOn } = body;
    const result = await this.complaints.receive(
      id,
      {
        category,
        subject,
        subjectCaseworkerId: body.subjectCaseworkerId ?? null,
        source,
        channel,
        complainant: { name: body.complainant.name, phone: body.complainant.phone ?? null },
        description,
        receivedOn,
        assignee: body.assignee ?? null,
      },
      ctx,
    );
    void reply.header('location', `/api/v1/households/${id}/complaints/${result.id}`);
    return result;
  }

  @CommandRoute(':complaintId/assignment', 'Assign the complaint; never to the caseworker it is about', ['supervisor'])
  @ScopedHousehold()
  assign(
    @Param('id', UuidParamPipe) id: string,
    @Param('complaintId', UuidParamPipe) complaintId: string,
    @Body() body: AssignComplaintRequestDto,
    @CommandCtx() ctx: CommandContext,
  ): Promise<CommandResponse> {
    const data = { householdId: id, assignee: body.assignee };
    return this.complaints.execute(complaintId, { type: 'AssignComplaint', data }, ctx);
  }

  @CommandRoute(
    ':complaintId/resolution',
    'Resolve the complaint with a coded outcome and a reason (assignee or supervisor)',
    ['caseworker', 'supervisor'],
  )
  @ScopedHousehold()
  resolve(
    @Param('id', UuidParamPipe) id: string,
    @Param('complaintId', UuidParamPipe) complaintId: string,
    @Body() body: ResolveComplaintRequestDto,
    @CommandCtx() ctx: CommandContext,
  ): Promise<CommandResponse> {
    const { outcome, reason, resolvedOn } = body;
    const data = {
      householdId: id,
      outcome,
      reason,
      resolvedOn,
      actor: ctx.principal,
      today: ctx.today,
    };
    return this.complaints.execute(complaintId, { type: 'ResolveComplaint', data }, ctx, reason);
  }

  @CommandRoute(':complaintId/family-notice', 'Record how and when the family was told the outcome', [
    'caseworker',
    'supervisor',
  ])
  @ScopedHousehold()
  inform(
    @Param('id', UuidParamPipe) id: string,
    @Param('complaintId', UuidParamPipe) complaintId: string,
    @Body() body: InformComplainantRequestDto,
    @CommandCtx() ctx: CommandContext,
  ): Promise<CommandResponse> {
    const { channel, informedOn } = body;
    const data = { householdId: id, channel, informedOn, actor: ctx.principal, today: ctx.today };
    return this.complaints.execute(complaintId, { type: 'InformComplainant', data }, ctx);
  }
}
