import { Body, Param } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { CommandContext } from '#libs/platform/command-handling/index.js';
import { CommandCtx, UuidParamPipe } from '#libs/platform/http/index.js';
import type { CommandResponse } from '../shared/command-response.js';
import { HouseholdCommandController, HouseholdCommandRoute } from '../shared/household-command-route.js';
import { RecordCaseNoteCommand } from './record-case-note.command.js';
import { RecordCaseNoteRequestDto } from './record-case-note.request.dto.js';

@HouseholdCommandController()
export class RecordCaseNoteController {
  constructor(private readonly commandBus: CommandBus) {}

  @HouseholdCommandRoute(':id/notes', 'Record a case note (home visit, phone call, referral, ...)', [
    'caseworker',
    'supervisor',
    'admin',
  ])
  async handle(
    @Param('id', UuidParamPipe) householdId: string,
    @Body() body: RecordCaseNoteRequestDto,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandResponse> {
    return this.commandBus.execute(new RecordCaseNoteCommand(householdId, body, context));
  }
}
