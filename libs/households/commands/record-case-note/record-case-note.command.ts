import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '#libs/platform/command-handling/index.js';
import type { CommandResponse } from '../shared/command-response.js';
import type { RecordCaseNoteRequestDto } from './record-case-note.request.dto.js';

export class RecordCaseNoteCommand extends Command<CommandResponse> {
  constructor(
    readonly householdId: string,
    readonly request: RecordCaseNoteRequestDto,
    readonly context: CommandContext,
  ) {
    super();
  }
}
