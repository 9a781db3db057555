import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandExecutor, idFor } from '#libs/platform/command-handling/index.js';
import type { CommandResponse } from '../shared/command-response.js';
import { executeOnHousehold } from '../shared/execute-on-household.js';
import { RecordCaseNoteCommand } from './record-case-note.command.js';

@CommandHandler(RecordCaseNoteCommand)
export class RecordCaseNoteHandler implements ICommandHandler<RecordCaseNoteCommand> {
  constructor(private readonly executor: CommandExecutor) {}

  async execute({ householdId, request, context }: RecordCaseNoteCommand): Promise<CommandResponse> {
    const noteId = idFor(context.idempotencyKey, context.principal.sub, `note:${householdId}`);
    return executeOnHousehold(
      this.executor,
      householdId,
      {
        type: 'RecordCaseNote',
        data: { noteId, text: request.text, topic: request.topic ?? 'other', at: context.now },
      },
      context,
    );
  }
}
