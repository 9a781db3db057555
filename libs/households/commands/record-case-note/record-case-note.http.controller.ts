import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '#libs/platform/auth/index.js';
import type { CommandContext } from '#libs/platform/command-handling/index.js';
import { CommandCtx, UuidParamPipe } from '#libs/platform/http/index.js';
import { CommandResponse } from '../shared/command-response.js';
import { RecordCaseNoteCommand } from './record-case-note.command.js';
import { RecordCaseNoteRequestDto } from './record-case-note.request.dto.js';

@ApiTags('households')
@ApiBearerAuth()
@Controller('households')
export class RecordCaseNoteController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':id/notes')
  @HttpCode(200)
  @Roles('caseworker', 'supervisor', 'admin')
  @ApiOperation({ summary: 'Record a case note (home visit, phone call, referral, ...)' })
  @ApiHeader({
    name: 'If-Match',
    required: false,
    description: 'Revision last seen; 412 if the household has changed since',
  })
  @ApiOkResponse({ type: CommandResponse })
  async handle(
    @Param('id', UuidParamPipe) householdId: string,
    @Body() body: RecordCaseNoteRequestDto,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandResponse> {
    return this.commandBus.execute(new RecordCaseNoteCommand(householdId, body, context));
  }
}
