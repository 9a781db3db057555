import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '#libs/platform/command-handling/index.js';
import type { CommandResponse } from '../shared/command-response.js';
import type { AssignCaseworkerRequestDto } from './assign-caseworker.request.dto.js';

export class AssignCaseworkerCommand extends Command<CommandResponse> {
  constructor(
    readonly householdId: string,
    readonly request: AssignCaseworkerRequestDto,
    readonly context: CommandContext,
  ) {
    super();
  }
}
