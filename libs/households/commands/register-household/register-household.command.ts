import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '#libs/platform/command-handling/index.js';
import type { CommandResponse } from '../shared/command-response.js';
import type { RegisterHouseholdRequestDto } from './register-household.request.dto.js';

export class RegisterHouseholdCommand extends Command<CommandResponse> {
  constructor(
    readonly request: RegisterHouseholdRequestDto,
    readonly context: CommandContext,
  ) {
    super();
  }
}
