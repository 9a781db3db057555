import { Body, Param } from '@nestjs/common';
import { ScopedHousehold } from '#libs/platform/auth/index.js';
import type { CommandContext } from '#libs/platform/command-handling/index.js';
import { CommandCtx, CommandRoute, UuidParamPipe, type CommandResponse } from '#libs/platform/http/index.js';
import { HouseholdCommandHandler } from '../household.command-handler.js';
import { HouseholdCommandController } from '../shared/household-command-route.js';
import { AssignCaseworkerRequestDto } from './assign-caseworker.request.dto.js';

@HouseholdCommandController()
export class AssignCaseworkerController {
  constructor(private readonly households: HouseholdCommandHandler) {}

  @ScopedHousehold()
  @CommandRoute(':id/caseworker', 'Assign the case to a caseworker, or transfer it to another', ['supervisor', 'admin'])
  async handle(
    @Param('id', UuidParamPipe) householdId: string,
    @Body() body: AssignCaseworkerRequestDto,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandResponse> {
    return this.households.execute(
      householdId,
      { type: 'AssignCaseworker', data: { caseworkerId: body.caseworkerId, at: context.now, today: context.today } },
      context,
      body.reason,
    );
  }
}
