import { Body, Param } from '@nestjs/common';
import { ScopedHousehold } from '#libs/platform/auth/index.js';
import type { CommandContext } from '#libs/platform/command-handling/index.js';
import {
  CommandCtx,
  CommandRoute,
  NikParamPipe,
  UuidParamPipe,
  type CommandResponse,
} from '#libs/platform/http/index.js';
import { HouseholdCommandHandler } from '../household.command-handler.js';
import { HouseholdCommandController } from '../shared/household-command-route.js';
import { RemoveMemberRequestDto } from './remove-member.request.dto.js';

@HouseholdCommandController()
export class RemoveMemberController {
  constructor(private readonly households: HouseholdCommandHandler) {}

  @ScopedHousehold()
  @CommandRoute(':id/members/:nik/removal', 'Remove a member with a reason (moved, deceased); history keeps them', [
    'caseworker',
    'supervisor',
    'admin',
  ])
  async handle(
    @Param('id', UuidParamPipe) householdId: string,
    @Param('nik', NikParamPipe) nik: string,
    @Body() body: RemoveMemberRequestDto,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandResponse> {
    const { reason, detail, effectiveOn } = body;
    return this.households.execute(
      householdId,
      {
        type: 'RemoveMember',
        data: { nik, reason, detail: detail ?? null, effectiveOn, at: context.now, today: context.today },
      },
      context,
      detail ? `${reason}: ${detail}` : reason,
    );
  }
}
