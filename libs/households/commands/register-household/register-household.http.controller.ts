import { Body, Controller, Res, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Scoped } from '#libs/platform/auth/index.js';
import { idFor, type CommandContext } from '#libs/platform/command-handling/index.js';
import { CommandCtx, CommandRoute, type CommandResponse } from '#libs/platform/http/index.js';
import { HouseholdCommandHandler } from '../household.command-handler.js';
import { IdentityConflictInterceptor } from '../shared/identity-conflict.interceptor.js';
import { registerHouseholdCommand } from './register-household.command.js';
import { RegisterHouseholdRequestDto } from './register-household.request.dto.js';

@ApiTags('households')
@ApiBearerAuth()
@Controller('households')
@UseInterceptors(IdentityConflictInterceptor)
export class RegisterHouseholdController {
  constructor(private readonly households: HouseholdCommandHandler) {}

  @CommandRoute(
    '',
    'Register a household (KK) with its members; KK and NIK numbers are unique across households',
    ['caseworker', 'supervisor', 'admin'],
    { creates: true },
  )
  @Scoped({ kind: 'area', body: 'address' })
  async register(
    @Body() body: RegisterHouseholdRequestDto,
    @CommandCtx() context: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CommandResponse> {
    const householdId = idFor(context.idempotencyKey, context.principal.sub, 'household');
    // If-Match names a revision of an existing household: a new one has none to compare.
    const { expectedRevision: _none, ...newStream } = context;
    const result = await this.households.execute(
      householdId,
      registerHouseholdCommand(householdId, body, context),
      newStream,
    );
    void reply.header('location', `/api/v1/households/${result.id}`);
    return result;
  }
}
