import { Body, Controller, Inject, Param, type Type } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Scoped, type ScopeTarget } from '#libs/platform/auth/reach.js';
import type { CommandContext } from '#libs/platform/command-handling/index.js';
import { CommandCtx } from './command-context.decorator.js';
import { CommandRoute } from './command-route.js';
import { RevocationReasonRequestDto, RevocationRequestDto, RevocationResponse } from './revocation.dto.js';
import { UuidParamPipe } from './uuid-param.pipe.js';

/** What a resource's revocation routes call: its handler over `Revocations` (ADR 0019). */
export interface RevocationRoutesHandler {
  request(
    id: string,
    request: { eventId: string; reason: string },
    context: CommandContext,
  ): Promise<RevocationResponse>;
  decide(
    id: string,
    eventId: string,
    decision: { approve: true } | { approve: false; reason: string },
    context: CommandContext,
  ): Promise<RevocationResponse>;
}

export interface RevocationRoutes {
  /** The controller's name, which the OpenAPI operation ids are made of. */
  name: string;
  /** The resource's path: the routes are `<resource>/{id}/revocations`, `.../{eventId}/approval` and `/rejection`. */
  resource: string;
  tag: string;
  /** The resource the caller's reach is checked against (`{ kind: 'household', param: 'id' }`, ...). */
  scope: ScopeTarget;
  /** What the request route's summary says may be revoked at once and what waits for a supervisor. */
  summary: string;
  handler: Type<RevocationRoutesHandler>;
}

/**
 * The revocation routes of one kind of resource (a household, a Kube, a course): the same three
 * routes, roles and bodies for each, so one controller made per resource instead of a copy each.
 */
export function revocationController(routes: RevocationRoutes): Type<unknown> {
  const scoped = () => Scoped(routes.scope);

  @ApiTags(routes.tag)
  @ApiBearerAuth()
  @Controller(`${routes.resource}/:id/revocations`)
  class Revocation {
    constructor(@Inject(routes.handler) private readonly revocations: RevocationRoutesHandler) {}

    @scoped()
    @CommandRoute('', routes.summary, ['caseworker', 'supervisor', 'admin'], { answer: RevocationResponse })
    request(
      @Param('id', UuidParamPipe) id: string,
      @Body() body: RevocationRequestDto,
      @CommandCtx() ctx: CommandContext,
    ): Promise<RevocationResponse> {
      return this.revocations.request(id, { eventId: body.eventId, reason: body.reason }, ctx);
    }

    @scoped()
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

    @scoped()
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
  Object.defineProperty(Revocation, 'name', { value: routes.name });
  return Revocation;
}
