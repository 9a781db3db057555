import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '#libs/platform/command-handling/index.js';
import type { CommandResponse } from '../shared/command-response.js';
import type { AssessHouseholdRequestDto } from './assess-household.request.dto.js';

export class AssessHouseholdCommand extends Command<CommandResponse> {
  constructor(
    readonly householdId: string,
    readonly request: AssessHouseholdRequestDto,
    readonly context: CommandContext,
  ) {
    super();
  }
}
