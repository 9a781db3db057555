import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '#libs/platform/auth/index.js';
import type { CommandContext } from '#libs/platform/command-handling/index.js';
import { CommandCtx, UuidParamPipe } from '#libs/platform/http/index.js';
import { CommandResponse } from '../shared/command-response.js';
import { AssignCaseworkerCommand } from './assign-caseworker.command.js';
import { AssignCaseworkerRequestDto } from './assign-caseworker.request.dto.js';

@ApiTags('households')
@ApiBearerAuth()
@Controller('households')
export class AssignCaseworkerController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':id/caseworker')
  @HttpCode(200)
  @Roles('supervisor', 'admin')
  @ApiOperation({ summary: 'Assign the case to a caseworker, or transfer it to another' })
  @ApiHeader({
    name: 'If-Match',
    required: false,
    description: 'Revision last seen; 412 if the household has changed since',
  })
  @ApiOkResponse({ type: CommandResponse })
  async handle(
    @Param('id', UuidParamPipe) householdId: string,
    @Body() body: AssignCaseworkerRequestDto,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandResponse> {
    return this.commandBus.execute(new AssignCaseworkerCommand(householdId, body, context));
  }
}
