import { Body, Param } from '@nestjs/common';
import { ScopedHousehold } from '#libs/platform/auth/index.js';
import type { CommandContext } from '#libs/platform/command-handling/index.js';
import { CommandCtx, CommandRoute, UuidParamPipe, type CommandResponse } from '#libs/platform/http/index.js';
import { HouseholdCommandHandler } from '../household.command-handler.js';
import { HouseholdCommandController } from '../shared/household-command-route.js';
import { MemberDto, toMember } from '../shared/household.request.dto.js';

@HouseholdCommandController()
export class AddMemberController {
  constructor(private readonly households: HouseholdCommandHandler) {}

  @ScopedHousehold()
  @CommandRoute(
    ':id/members',
    'Add a member (birth, marriage, moving in); the NIK must not belong to another household',
    ['caseworker', 'supervisor', 'admin'],
  )
  async handle(
    @Param('id', UuidParamPipe) householdId: string,
    @Body() body: MemberDto,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandResponse> {
    return this.households.execute(
      householdId,
      { type: 'AddMember', data: { member: toMember(body), at: context.now, today: context.today } },
      context,
    );
  }
}
