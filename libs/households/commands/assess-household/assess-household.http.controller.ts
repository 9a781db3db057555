import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '#libs/platform/auth/index.js';
import type { CommandContext } from '#libs/platform/command-handling/index.js';
import { CommandCtx, UuidParamPipe } from '#libs/platform/http/index.js';
import { CommandResponse } from '../shared/command-response.js';
import { AssessHouseholdCommand } from './assess-household.command.js';
import { AssessHouseholdRequestDto } from './assess-household.request.dto.js';

@ApiTags('households')
@ApiBearerAuth()
@Controller('households')
export class AssessHouseholdController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':id/assessments')
  @HttpCode(200)
  @Roles('caseworker', 'supervisor', 'admin')
  @ApiOperation({ summary: 'Record an assessment of per-capita income against the poverty line' })
  @ApiHeader({
    name: 'If-Match',
    required: false,
    description: 'Revision last seen; 412 if the household has changed since',
  })
  @ApiOkResponse({ type: CommandResponse })
  async handle(
    @Param('id', UuidParamPipe) householdId: string,
    @Body() body: AssessHouseholdRequestDto,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandResponse> {
    return this.commandBus.execute(new AssessHouseholdCommand(householdId, body, context));
  }
}
