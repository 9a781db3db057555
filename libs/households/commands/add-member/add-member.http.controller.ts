import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '#libs/platform/auth/index.js';
import type { CommandContext } from '#libs/platform/command-handling/index.js';
import { CommandCtx, UuidParamPipe } from '#libs/platform/http/index.js';
import { CommandResponse } from '../shared/command-response.js';
import { MemberDto } from '../shared/household.request.dto.js';
import { AddMemberCommand } from './add-member.command.js';

@ApiTags('households')
@ApiBearerAuth()
@Controller('households')
export class AddMemberController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':id/members')
  @HttpCode(200)
  @Roles('caseworker', 'supervisor', 'admin')
  @ApiOperation({ summary: 'Add a member (birth, marriage, moving in); the NIK must not belong to another household' })
  @ApiHeader({
    name: 'If-Match',
    required: false,
    description: 'Revision last seen; 412 if the household has changed since',
  })
  @ApiOkResponse({ type: CommandResponse })
  async handle(
    @Param('id', UuidParamPipe) householdId: string,
    @Body() body: MemberDto,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandResponse> {
    return this.commandBus.execute(new AddMemberCommand(householdId, body, context));
  }
}
