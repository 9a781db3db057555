import { Body, Param } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { CommandContext } from '#libs/platform/command-handling/index.js';
import { CommandCtx, UuidParamPipe } from '#libs/platform/http/index.js';
import type { CommandResponse } from '../shared/command-response.js';
import { HouseholdCommandController, HouseholdCommandRoute } from '../shared/household-command-route.js';
import { AssignCaseworkerCommand } from './assign-caseworker.command.js';
import { AssignCaseworkerRequestDto } from './assign-caseworker.request.dto.js';

@HouseholdCommandController()
export class AssignCaseworkerController {
  constructor(private readonly commandBus: CommandBus) {}

  @HouseholdCommandRoute(':id/caseworker', 'Assign the case to a caseworker, or transfer it to another', [
    'supervisor',
    'admin',
  ])
  async handle(
    @Param('id', UuidParamPipe) householdId: string,
    @Body() body: AssignCaseworkerRequestDto,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandResponse> {
    return this.commandBus.execute(new AssignCaseworkerCommand(householdId, body, context));
  }
}
