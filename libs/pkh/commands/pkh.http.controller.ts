import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '#libs/platform/auth/index.js';
import type { CommandContext } from '#libs/platform/command-handling/index.js';
import { CommandCtx, UuidParamPipe } from '#libs/platform/http/index.js';
import { GetPkhParticipationQuery } from '../read-models/pkh-participation.query.js';
import { PkhCommandMessage, type PkhAction } from './pkh.handlers.js';
import {
  DisburseBenefitRequestDto,
  EnrolInPkhRequestDto,
  GraduateRequestDto,
  PkhReasonRequestDto,
  VerifyComplianceRequestDto,
} from './pkh.request.dto.js';

@ApiTags('pkh')
@ApiBearerAuth()
@ApiHeader({ name: 'If-Match', required: false, description: 'Revision of the PKH participation last seen' })
@Controller('households/:id/pkh')
export class PkhController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly queryBus: QueryBus,
  ) {}

  private run(id: string, action: PkhAction, ctx: CommandContext) {
    return this.commandBus.execute(new PkhCommandMessage(id, action, ctx));
  }

  @Get()
  @Roles('caseworker', 'supervisor', 'auditor', 'admin')
  @ApiOperation({ summary: "The household's PKH participation: status, components, entitlement, stages" })
  get(@Param('id', UuidParamPipe) id: string) {
    return this.queryBus.execute(new GetPkhParticipationQuery(id));
  }

  @Post('enrolment')
  @HttpCode(200)
  @Roles('caseworker', 'supervisor')
  @ApiOperation({ summary: 'Enrol in PKH: components from the members, entitlement from the benefit index in force' })
  enrol(@Param('id', UuidParamPipe) id: string, @Body() body: EnrolInPkhRequestDto, @CommandCtx() ctx: CommandContext) {
    return this.run(id, { type: 'enrol', enrolledOn: body.enrolledOn }, ctx);
  }

  @Post('verifications')
  @HttpCode(200)
  @Roles('caseworker', 'supervisor')
  @ApiOperation({ summary: "Record a stage's compliance verification; two non-compliant stages in a row suspend" })
  verify(
    @Param('id', UuidParamPipe) id: string,
    @Body() body: VerifyComplianceRequestDto,
    @CommandCtx() ctx: CommandContext,
  ) {
    const missed = (body.missed ?? []).map((m) => ({ nik: m.nik, commitment: m.commitment, detail: m.detail ?? null }));
    return this.run(
      id,
      { type: 'verify', stage: body.stage, compliant: body.compliant, missed, verifiedOn: body.verifiedOn },
      ctx,
    );
  }

  @Post('disbursements')
  @HttpCode(200)
  @Roles('supervisor', 'admin')
  @ApiOperation({ summary: 'Record the disbursement of a verified, compliant stage' })
  disburse(
    @Param('id', UuidParamPipe) id: string,
    @Body() body: DisburseBenefitRequestDto,
    @CommandCtx() ctx: CommandContext,
  ) {
    return this.run(id, { type: 'disburse', ...body }, ctx);
  }

  @Post('reinstatement')
  @HttpCode(200)
  @Roles('supervisor')
  @ApiOperation({ summary: 'Reinstate a suspended family, with a reason' })
  reinstate(
    @Param('id', UuidParamPipe) id: string,
    @Body() body: PkhReasonRequestDto,
    @CommandCtx() ctx: CommandContext,
  ) {
    return this.run(id, { type: 'reinstate', reason: body.reason }, ctx);
  }

  @Post('termination')
  @HttpCode(200)
  @Roles('supervisor')
  @ApiOperation({ summary: 'Terminate participation, with a reason' })
  terminate(
    @Param('id', UuidParamPipe) id: string,
    @Body() body: PkhReasonRequestDto,
    @CommandCtx() ctx: CommandContext,
  ) {
    return this.run(id, { type: 'terminate', reason: body.reason }, ctx);
  }

  @Post('graduation')
  @HttpCode(200)
  @Roles('caseworker', 'supervisor')
  @ApiOperation({ summary: 'Graduate: natural (no eligible component left) or self-declared (graduasi mandiri)' })
  graduate(
    @Param('id', UuidParamPipe) id: string,
    @Body() body: GraduateRequestDto,
    @CommandCtx() ctx: CommandContext,
  ) {
    return this.run(id, { type: 'graduate', kind: body.kind, reason: body.reason, graduatedOn: body.graduatedOn }, ctx);
  }
}
