import { Body, Controller, Param, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ScopedHousehold } from '#libs/platform/auth/index.js';
import type { CommandContext } from '#libs/platform/command-handling/index.js';
import { CommandCtx, CommandRoute, UuidParamPipe, type CommandResponse } from '#libs/platform/http/index.js';
import { ReferralCommandHandler } from './referral.command-handler.js';
import {
  AcceptReferralRequestDto,
  MakeReferralRequestDto,
  RejectReferralRequestDto,
  ReferralServiceDoneRequestDto,
  RevokeReferralRequestDto,
} from './referral.request.dto.js';

/**
 * Referrals of a household or a member to another service (ADR 0014). The receiving side's
 * answers (accepted, rejected) reach the office by letter, phone or the service's own system and
 * are recorded by a supervisor, the office's liaison with the services; the service done may
 * also be recorded by a caseworker who saw its proof.
 */
@ApiTags('referrals')
@ApiBearerAuth()
@Controller('households/:id/referrals')
export class ReferralController {
  constructor(private readonly referrals: ReferralCommandHandler) {}

  @CommandRoute(
    '',
    'Refer the household or a member to another service, with a coded reason',
    ['caseworker', 'supervisor'],
    {
      creates: true,
    },
  )
  @ScopedHousehold()
  async make(
    @Param('id', UuidParamPipe) id: string,
    @Body() body: MakeReferralRequestDto,
    @CommandCtx() ctx: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CommandResponse> {
    const { service, reason } = body;
    const referredOn = body.referredOn ?? ctx.today;
    const request = { nik: body.nik ?? null, service, reason, note: body.note ?? null, referredOn };
    const result = await this.referrals.make(id, request, ctx);
    void reply.header('location', `/api/v1/households/${id}/referrals/${result.id}`);
    return result;
  }

  @CommandRoute(':referralId/acceptance', 'Record that the receiving service accepted the referral', ['supervisor'])
  @ScopedHousehold()
  accept(
    @Param('id', UuidParamPipe) id: string,
    @Param('referralId', UuidParamPipe) referralId: string,
    @Body() body: AcceptReferralRequestDto,
    @CommandCtx() ctx: CommandContext,
  ): Promise<CommandResponse> {
    const today = ctx.today;
    const data = { householdId: id, acceptedOn: body.acceptedOn ?? today, today };
    return this.referrals.execute(referralId, { type: 'AcceptReferral', data }, ctx);
  }

  @CommandRoute(
    ':referralId/rejection',
    'Record that the receiving service rejected the referral, with a coded reason',
    ['supervisor'],
  )
  @ScopedHousehold()
  reject(
    @Param('id', UuidParamPipe) id: string,
    @Param('referralId', UuidParamPipe) referralId: string,
    @Body() body: RejectReferralRequestDto,
    @CommandCtx() ctx: CommandContext,
  ): Promise<CommandResponse> {
    const today = ctx.today;
    const { rejection, rejectedOn = today } = body;
    const detail = body.detail ?? null;
    const data = { householdId: id, rejection, detail, rejectedOn, today };
    return this.referrals.execute(referralId, { type: 'RejectReferral', data }, ctx, detail ?? rejection);
  }

  @CommandRoute(':referralId/completion', 'Record that the service was done', ['caseworker', 'supervisor'])
  @ScopedHousehold()
  done(
    @Param('id', UuidParamPipe) id: string,
    @Param('referralId', UuidParamPipe) referralId: string,
    @Body() body: ReferralServiceDoneRequestDto,
    @CommandCtx() ctx: CommandContext,
  ): Promise<CommandResponse> {
    const today = ctx.today;
    const data = { householdId: id, note: body.note ?? null, doneOn: body.doneOn ?? today, today };
    return this.referrals.execute(referralId, { type: 'RecordReferralServiceDone', data }, ctx);
  }

  @CommandRoute(':referralId/revocation', 'Revoke the referral (the referrer or a supervisor)', [
    'caseworker',
    'supervisor',
  ])
  @ScopedHousehold()
  revoke(
    @Param('id', UuidParamPipe) id: string,
    @Param('referralId', UuidParamPipe) referralId: string,
    @Body() body: RevokeReferralRequestDto,
    @CommandCtx() ctx: CommandContext,
  ): Promise<CommandResponse> {
    const today = ctx.today;
    const { reason, revokedOn = today } = body;
    const data = { householdId: id, reason, revokedOn, actor: ctx.principal, today };
    return this.referrals.execute(referralId, { type: 'RevokeReferral', data }, ctx, reason);
  }
}
