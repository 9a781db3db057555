import { Body, Controller, HttpCode, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Roles } from '#libs/platform/auth/index.js';
import type { CommandContext } from '#libs/platform/command-handling/index.js';
import { CommandCtx } from '#libs/platform/http/index.js';
import { CommandResponse } from '../shared/command-response.js';
import { RegisterHouseholdCommand } from './register-household.command.js';
import { RegisterHouseholdRequestDto } from './register-household.request.dto.js';

@ApiTags('households')
@ApiBearerAuth()
@Controller('households')
export class RegisterHouseholdController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post()
  @HttpCode(201)
  @Roles('caseworker', 'supervisor', 'admin')
  @ApiOperation({
    summary: 'Register a household (KK) with its members; KK and NIK numbers are unique across households',
  })
  @ApiCreatedResponse({ type: CommandResponse })
  async register(
    @Body() body: RegisterHouseholdRequestDto,
    @CommandCtx() context: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CommandResponse> {
    const result = await this.commandBus.execute(new RegisterHouseholdCommand(body, context));
    void reply.header('location', `/api/v1/households/${result.id}`);
    return result;
  }
}
