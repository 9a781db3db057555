import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '#libs/platform/auth/index.js';
import type { CommandContext } from '#libs/platform/command-handling/index.js';
import { CommandCtx, HttpProblem, UuidParamPipe } from '#libs/platform/http/index.js';
import { CommandResponse } from '../shared/command-response.js';
import { RemoveMemberCommand } from './remove-member.command.js';
import { RemoveMemberRequestDto } from './remove-member.request.dto.js';

@ApiTags('households')
@ApiBearerAuth()
@Controller('households')
export class RemoveMemberController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':id/members/:nik/removal')
  @HttpCode(200)
  @Roles('caseworker', 'supervisor', 'admin')
  @ApiOperation({ summary: 'Remove a member with a reason (moved, deceased); history keeps them' })
  @ApiHeader({
    name: 'If-Match',
    required: false,
    description: 'Revision last seen; 412 if the household has changed since',
  })
  @ApiOkResponse({ type: CommandResponse })
  async handle(
    @Param('id', UuidParamPipe) householdId: string,
    @Param('nik') nik: string,
    @Body() body: RemoveMemberRequestDto,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandResponse> {
    if (!/^\d{16}$/.test(nik)) {
      throw new HttpProblem(400, 'VALIDATION.FAILED', 'nik must be exactly 16 digits', {
        errors: [{ field: 'nik', rule: 'isNik', message: 'nik must be exactly 16 digits' }],
      });
    }
    return this.commandBus.execute(new RemoveMemberCommand(householdId, nik, body, context));
  }
}
