import { Body, Param } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { CommandContext } from '#libs/platform/command-handling/index.js';
import { CommandCtx, NikParamPipe, UuidParamPipe } from '#libs/platform/http/index.js';
import type { CommandResponse } from '../shared/command-response.js';
import { HouseholdCommandController, HouseholdCommandRoute } from '../shared/household-command-route.js';
import { RemoveMemberCommand } from './remove-member.command.js';
import { RemoveMemberRequestDto } from './remove-member.request.dto.js';

@HouseholdCommandController()
export class RemoveMemberController {
  constructor(private readonly commandBus: CommandBus) {}

  @HouseholdCommandRoute(
    ':id/members/:nik/removal',
    'Remove a member with a reason (moved, deceased); history keeps them',
    ['caseworker', 'supervisor', 'admin'],
  )
  async handle(
    @Param('id', UuidParamPipe) householdId: string,
    @Param('nik', NikParamPipe) nik: string,
    @Body() body: RemoveMemberRequestDto,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandResponse> {
    return this.commandBus.execute(new RemoveMemberCommand(householdId, nik, body, context));
  }
}
