import { Body, Param } from '@nestjs/common';
import { ScopedHousehold } from '#libs/platform/auth/index.js';
import { idFor, type CommandContext } from '#libs/platform/command-handling/index.js';
import { CommandCtx, CommandRoute, UuidParamPipe, type CommandResponse } from '#libs/platform/http/index.js';
import { HouseholdCommandHandler } from '../household.command-handler.js';
import { HouseholdCommandController } from '../shared/household-command-route.js';
import { AssessHouseholdRequestDto } from './assess-household.request.dto.js';

@HouseholdCommandController()
export class AssessHouseholdController {
  constructor(private readonly households: HouseholdCommandHandler) {}

  @ScopedHousehold()
  @CommandRoute(':id/assessments', 'Record an assessment of per-capita income against the poverty line', [
    'caseworker',
    'supervisor',
    'admin',
  ])
  async handle(
    @Param('id', UuidParamPipe) householdId: string,
    @Body() body: AssessHouseholdRequestDto,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandResponse> {
    const { perCapitaIncome, povertyLine, assessedOn } = body;
    const assessmentId = idFor(context.idempotencyKey, context.principal.sub, `assessment:${householdId}`);
    return this.households.execute(
      householdId,
      {
        type: 'AssessHousehold',
        data: { assessmentId, perCapitaIncome, povertyLine, assessedOn, at: context.now, today: context.today },
      },
      context,
    );
  }
}
