import { Body, Param } from '@nestjs/common';
import { ScopedHousehold } from '#libs/platform/auth/index.js';
import { idFor, type CommandContext } from '#libs/platform/command-handling/index.js';
import { CommandCtx, CommandRoute, UuidParamPipe, type CommandResponse } from '#libs/platform/http/index.js';
import { HouseholdCommandHandler } from '../household.command-handler.js';
import { HouseholdCommandController } from '../shared/household-command-route.js';
import { RecordCaseNoteRequestDto } from './record-case-note.request.dto.js';

@HouseholdCommandController()
export class RecordCaseNoteController {
  constructor(private readonly households: HouseholdCommandHandler) {}

  @ScopedHousehold()
  @CommandRoute(':id/notes', 'Record a case note (home visit, phone call, referral, ...)', [
    'caseworker',
    'supervisor',
    'admin',
  ])
  async handle(
    @Param('id', UuidParamPipe) householdId: string,
    @Body() body: RecordCaseNoteRequestDto,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandResponse> {
    const noteId = idFor(context.idempotencyKey, context.principal.sub, `note:${householdId}`);
    return this.households.execute(
      householdId,
      {
        type: 'RecordCaseNote',
        data: { noteId, text: body.text, topic: body.topic ?? 'other', at: context.now, today: context.today },
      },
      context,
    );
  }
}
