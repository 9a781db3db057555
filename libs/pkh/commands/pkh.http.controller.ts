import { Body, Controller, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ScopedHousehold } from '#libs/platform/auth/index.js';
import type { CommandContext } from '#libs/platform/command-handling/index.js';
import { CommandCtx, CommandRoute, UuidParamPipe, type CommandResponse } from '#libs/platform/http/index.js';
import { PkhCommandHandler } from './pkh.command-handler.js';
import {
  DisburseBenefitRequestDto,
  EnrolInPkhRequestDto,
  KksAccountRequestDto,
  GraduateRequestDto,
  PkhReasonRequestDto,
  VerifyComplianceRequestDto,
} from './pkh.request.dto.js';

@ApiTags('pkh')
@ApiBearerAuth()
@Controller('households/:id/pkh')
export class PkhController {
  constructor(private readonly pkh: PkhCommandHandler) {}

  @ScopedHousehold()
  @CommandRoute('enrolment', 'Enrol in PKH: components from the members, entitlement from the benefit index in force', [
    'caseworker',
    'supervisor',
  ])
  enrol(
    @Param('id', UuidParamPipe) id: string,
    @Body() body: EnrolInPkhRequestDto,
    @CommandCtx() ctx: CommandContext,
  ): Promise<CommandResponse> {
    return this.pkh.enrol(id, body.enrolledOn, ctx);
  }

  @ScopedHousehold()
  @CommandRoute(
    'verifications',
    "Record a stage's compliance verification; two non-compliant stages in a row suspend",
    ['caseworker', 'supervisor'],
  )
  verify(
    @Param('id', UuidParamPipe) id: string,
    @Body() body: VerifyComplianceRequestDto,
    @CommandCtx() ctx: CommandContext,
  ): Promise<CommandResponse> {
    const { stage, compliant, verifiedOn } = body;
    const missed = (body.missed ?? []).map((m) => ({ nik: m.nik, commitment: m.commitment, detail: m.detail ?? null }));
    return this.pkh.verify(id, { stage, compliant, missed, verifiedOn }, ctx);
  }

  @ScopedHousehold()
  @CommandRoute('disbursements', 'Record the disbursement of a verified, compliant stage', ['supervisor', 'admin'])
  disburse(
    @Param('id', UuidParamPipe) id: string,
    @Body() body: DisburseBenefitRequestDto,
    @CommandCtx() ctx: CommandContext,
  ): Promise<CommandResponse> {
    const { stage, amount, channel, reference, disbursedOn } = body;
    return this.pkh.execute(
      id,
      {
        type: 'DisbursePkhBenefit',
        data: { householdId: id, stage, amount, channel, reference, disbursedOn, at: ctx.now },
      },
      ctx,
    );
  }

  @ScopedHousehold()
  @CommandRoute('reinstatement', 'Reinstate a suspended family, with a reason', ['supervisor'])
  reinstate(
    @Param('id', UuidParamPipe) id: string,
    @Body() body: PkhReasonRequestDto,
    @CommandCtx() ctx: CommandContext,
  ): Promise<CommandResponse> {
    const data = { householdId: id, reason: body.reason, at: ctx.now };
    return this.pkh.execute(id, { type: 'ReinstatePkh', data }, ctx, body.reason);
  }

  @ScopedHousehold()
  @CommandRoute('termination', 'Terminate participation, with a reason', ['supervisor'])
  terminate(
    @Param('id', UuidParamPipe) id: string,
    @Body() body: PkhReasonRequestDto,
    @CommandCtx() ctx: CommandContext,
  ): Promise<CommandResponse> {
    const data = { householdId: id, reason: body.reason, at: ctx.now };
    return this.pkh.execute(id, { type: 'TerminatePkh', data }, ctx, body.reason);
  }

  @ScopedHousehold()
  @CommandRoute('graduation', 'Graduate: natural (no eligible component left) or self-declared (graduasi mandiri)', [
    'caseworker',
    'supervisor',
  ])
  graduate(
    @Param('id', UuidParamPipe) id: string,
    @Body() body: GraduateRequestDto,
    @CommandCtx() ctx: CommandContext,
  ): Promise<CommandResponse> {
    return this.pkh.graduate(id, { kind: body.kind, reason: body.reason, graduatedOn: body.graduatedOn }, ctx);
  }

  @ScopedHousehold()
  @CommandRoute(
    'kks-account',
    "Record or replace the family's KKS card or bank account: the next payment file carries it",
    ['caseworker', 'supervisor'],
  )
  recordKksAccount(
    @Param('id', UuidParamPipe) id: string,
    @Body() body: KksAccountRequestDto,
    @CommandCtx() ctx: CommandContext,
  ): Promise<CommandResponse> {
    const { bank, account, recordedOn } = body;
    return this.pkh.execute(
      id,
      { type: 'RecordKksAccount', data: { householdId: id, bank, account, recordedOn, at: ctx.now } },
      ctx,
    );
  }
}
