import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '#libs/platform/command-handling/index.js';
import type { CommandResponse } from '../shared/command-response.js';
import type { MemberDto } from '../shared/household.request.dto.js';

export class AddMemberCommand extends Command<CommandResponse> {
  constructor(
    readonly householdId: string,
    readonly request: MemberDto,
    readonly context: CommandContext,
  ) {
    super();
  }
}
