import { Body, Param } from '@nestjs/common';
import { ScopedHousehold } from '#libs/platform/auth/index.js';
import type { CommandContext } from '#libs/platform/command-handling/index.js';
import { CommandCtx, CommandRoute, UuidParamPipe, type CommandResponse } from '#libs/platform/http/index.js';
import { HouseholdCommandHandler } from '../household.command-handler.js';
import { HouseholdCommandController } from '../shared/household-command-route.js';
import { MemberKeyPipe } from '../shared/member-key.pipe.js';
import {
  CorrectMemberRequestDto,
  DisabilityAssessmentRequestDto,
  IssueNikRequestDto,
  SchoolLevelRequestDto,
} from './member-changes.request.dto.js';

const STAFF = ['caseworker', 'supervisor', 'admin'] as const;

/** What changes about a member who stays: details put right, a NIK issued, schooling, disability. */
@HouseholdCommandController()
export class MemberDetailsController {
  constructor(private readonly households: HouseholdCommandHandler) {}

  @ScopedHousehold()
  @CommandRoute(':id/members/:nik/corrections', 'Correct a member’s name, birth date or sex (it was always so)', [
    ...STAFF,
  ])
  async correct(
    @Param('id', UuidParamPipe) householdId: string,
    @Param('nik', MemberKeyPipe) nik: string,
    @Body() body: CorrectMemberRequestDto,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandResponse> {
    const { name, birthDate, sex, reason } = body;
    return this.households.execute(
      householdId,
      {
        type: 'CorrectMemberDetails',
        data: {
          nik,
          name: name?.trim() ?? null,
          birthDate: birthDate ?? null,
          sex: sex ?? null,
          reason,
          at: context.now,
          today: context.today,
        },
      },
      context,
      reason,
    );
  }

  @ScopedHousehold()
  @CommandRoute(':id/members/:nik/nik', 'Record the NIK Dukcapil issued to a newborn registered without one', [
    ...STAFF,
  ])
  async issueNik(
    @Param('id', UuidParamPipe) householdId: string,
    @Param('nik', MemberKeyPipe) pendingNik: string,
    @Body() body: IssueNikRequestDto,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandResponse> {
    return this.households.execute(
      householdId,
      { type: 'IssueMemberNik', data: { pendingNik, nik: body.nik, at: context.now, today: context.today } },
      context,
    );
  }

  @ScopedHousehold()
  @CommandRoute(':id/members/:nik/school-level', 'A member starts, changes or leaves a school level', [...STAFF])
  async changeSchoolLevel(
    @Param('id', UuidParamPipe) householdId: string,
    @Param('nik', MemberKeyPipe) nik: string,
    @Body() body: SchoolLevelRequestDto,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandResponse> {
    const { schoolLevel, changedOn } = body;
    return this.households.execute(
      householdId,
      { type: 'ChangeSchoolLevel', data: { nik, schoolLevel, changedOn, at: context.now, today: context.today } },
      context,
    );
  }

  @ScopedHousehold()
  @CommandRoute(':id/members/:nik/disability-assessments', 'Record a disability assessment (special category data)', [
    ...STAFF,
  ])
  async assessDisability(
    @Param('id', UuidParamPipe) householdId: string,
    @Param('nik', MemberKeyPipe) nik: string,
    @Body() body: DisabilityAssessmentRequestDto,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandResponse> {
    const { severeDisability, assessedOn, assessedBy } = body;
    return this.households.execute(
      householdId,
      {
        type: 'AssessDisability',
        data: {
          nik,
          severeDisability,
          assessedOn,
          assessedBy: assessedBy ?? null,
          at: context.now,
          today: context.today,
        },
      },
      context,
    );
  }
}
