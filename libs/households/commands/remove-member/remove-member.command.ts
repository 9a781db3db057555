import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '#libs/platform/command-handling/index.js';
import type { CommandResponse } from '../shared/command-response.js';
import type { RemoveMemberRequestDto } from './remove-member.request.dto.js';

export class RemoveMemberCommand extends Command<CommandResponse> {
  constructor(
    readonly householdId: string,
    readonly nik: string,
    readonly request: RemoveMemberRequestDto,
    readonly context: CommandContext,
  ) {
    super();
  }
}
