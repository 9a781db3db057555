import { Body, Param } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { CommandContext } from '#libs/platform/command-handling/index.js';
import { CommandCtx, UuidParamPipe } from '#libs/platform/http/index.js';
import type { CommandResponse } from '../shared/command-response.js';
import { HouseholdCommandController, HouseholdCommandRoute } from '../shared/household-command-route.js';
import { MemberDto } from '../shared/household.request.dto.js';
import { AddMemberCommand } from './add-member.command.js';

@HouseholdCommandController()
export class AddMemberController {
  constructor(private readonly commandBus: CommandBus) {}

  @HouseholdCommandRoute(
    ':id/members',
    'Add a member (birth, marriage, moving in); the NIK must not belong to another household',
    ['caseworker', 'supervisor', 'admin'],
  )
  async handle(
    @Param('id', UuidParamPipe) householdId: string,
    @Body() body: MemberDto,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandResponse> {
    return this.commandBus.execute(new AddMemberCommand(householdId, body, context));
  }
}
