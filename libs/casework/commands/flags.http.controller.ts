import { Body, Param } from '@nestjs/common';
import { ScopedHousehold } from '#libs/platform/auth/index.js';
import type { CommandContext } from '#libs/platform/command-handling/index.js';
import { CommandCtx, CommandRoute, UuidParamPipe, type CommandResponse } from '#libs/platform/http/index.js';
import { CaseworkCommandHandler } from './casework.command-handler.js';
import { CaseworkController } from './casework-command-route.js';
import { ClearFlagRequestDto, SetFlagRequestDto } from './casework.request.dto.js';

const ROLES = ['caseworker', 'supervisor', 'admin'] as const;

/** Risk flags on a case (a child out of school, a family at risk of re-entry), set and cleared with reasons. */
@CaseworkController()
export class FlagsController {
  constructor(private readonly casework: CaseworkCommandHandler) {}

  @ScopedHousehold()
  @CommandRoute(':id/flags', 'Set a risk flag on the case (again, to change its risk level)', [...ROLES])
  async set(
    @Param('id', UuidParamPipe) householdId: string,
    @Body() body: SetFlagRequestDto,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandResponse> {
    await this.casework.household(householdId);
    const data = { householdId, ...body, at: context.now, today: context.today };
    return this.casework.execute(householdId, { type: 'SetFlag', data }, context, body.reason);
  }

  @ScopedHousehold()
  @CommandRoute(':id/flags/clearance', 'Clear a risk flag, with a reason', [...ROLES])
  async clear(
    @Param('id', UuidParamPipe) householdId: string,
    @Body() body: ClearFlagRequestDto,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandResponse> {
    await this.casework.household(householdId);
    const data = { householdId, flag: body.flag, reason: body.reason, at: context.now, today: context.today };
    return this.casework.execute(householdId, { type: 'ClearFlag', data }, context, body.reason);
  }
}
