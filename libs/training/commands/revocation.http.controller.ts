import { Body, Controller, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Scoped } from '#libs/platform/auth/index.js';
import type { CommandContext } from '#libs/platform/command-handling/index.js';
import {
  CommandCtx,
  CommandRoute,
  RevocationReasonRequestDto,
  RevocationRequestDto,
  RevocationResponse,
  UuidParamPipe,
} from '#libs/platform/http/index.js';
import { CourseRevocationCommandHandler } from './revocation.command-handler.js';

/** Corrections of a course’s entries (ADR 0019). */
@ApiTags('training')
@ApiBearerAuth()
@Controller('trainings/:id/revocations')
export class CourseRevocationController {
  constructor(private readonly revocations: CourseRevocationCommandHandler) {}

  @Scoped({ kind: 'course', param: 'id' })
  @CommandRoute(
    '',
    'Revoke a wrong entry of the course by its event id: a supervisor at once, a caseworker asks when it moved ' +
      'a participant’s status or seat; the answer lists the later entries that followed from it',
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

  @Scoped({ kind: 'course', param: 'id' })
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

  @Scoped({ kind: 'course', param: 'id' })
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
