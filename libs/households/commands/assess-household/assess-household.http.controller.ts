import { Body, Param } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { CommandContext } from '#libs/platform/command-handling/index.js';
import { CommandCtx, UuidParamPipe } from '#libs/platform/http/index.js';
import type { CommandResponse } from '../shared/command-response.js';
import { HouseholdCommandController, HouseholdCommandRoute } from '../shared/household-command-route.js';
import { AssessHouseholdCommand } from './assess-household.command.js';
import { AssessHouseholdRequestDto } from './assess-household.request.dto.js';

@HouseholdCommandController()
export class AssessHouseholdController {
  constructor(private readonly commandBus: CommandBus) {}

  @HouseholdCommandRoute(':id/assessments', 'Record an assessment of per-capita income against the poverty line', [
    'caseworker',
    'supervisor',
    'admin',
  ])
  async handle(
    @Param('id', UuidParamPipe) householdId: string,
    @Body() body: AssessHouseholdRequestDto,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandResponse> {
    return this.commandBus.execute(new AssessHouseholdCommand(householdId, body, context));
  }
}
