import { Body, Controller, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ScopedHousehold } from '#libs/platform/auth/index.js';
import type { CommandContext } from '#libs/platform/command-handling/index.js';
import {
  CommandCtx,
  CommandRoute,
  RevocationReasonRequestDto,
  RevocationRequestDto,
  RevocationResponse,
  UuidParamPipe,
} from '#libs/platform/http/index.js';
import { RevocationCommandHandler } from './revocation.command-handler.js';

/** Corrections of a household's entries, in its household or PKH stream (ADR 0019). */
@ApiTags('corrections')
@ApiBearerAuth()
@Controller('households/:id/revocations')
export class RevocationController {
  constructor(private readonly revocations: RevocationCommandHandler) {}

  @ScopedHousehold()
  @CommandRoute(
    '',
    'Revoke a wrong entry by its event id: a supervisor at once, a caseworker asks when it moved money or status; ' +
      'the answer lists the later entries that followed from it',
    ['caseworker', 'supervisor', 'admin'],
    { answer: RevocationResponse },
  )
  request(
    @Param('id', UuidParamPipe) id: string,
    @Body() body: RevocationRequestDto,
    @CommandCtx() ctx: CommandContext,
  ): Promise<RevocationResponse> {
    return this.revocations.request(id, { eventId: body.eventId, reason: body.reason }, ctx);
  }

  @ScopedHousehold()
  @CommandRoute(
    ':eventId/approval',
    "Approve a caseworker's revocation request (someone else's): the entry is revoked",
    ['supervisor', 'admin'],
    { answer: RevocationResponse },
  )
  approve(
    @Param('id', UuidParamPipe) id: string,
    @Param('eventId', UuidParamPipe) eventId: string,
    @CommandCtx() ctx: CommandContext,
  ): Promise<RevocationResponse> {
    return this.revocations.decide(id, eventId, { approve: true }, ctx);
  }

  @ScopedHousehold()
  @CommandRoute(
    ':eventId/rejection',
    "Reject a caseworker's revocation request, with a reason",
    ['supervisor', 'admin'],
    {
      answer: RevocationResponse,
    },
  )
  reject(
    @Param('id', UuidParamPipe) id: string,
    @Param('eventId', UuidParamPipe) eventId: string,
    @Body() body: RevocationReasonRequestDto,
    @CommandCtx() ctx: CommandContext,
  ): Promise<RevocationResponse> {
    return this.revocations.decide(id, eventId, { approve: false, reason: body.reason }, ctx);
  }
}
