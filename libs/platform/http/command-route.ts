import { HttpCode, Post, applyDecorators, type Type } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { Roles, type Role } from '#libs/platform/auth/index.js';
import { CommandResponse } from './command-response.js';
import { RouteKindOf } from './openapi/route-kind.js';

/**
 * A command route: POST, the roles that may send it, and {id, revision, position} as the answer
 * (201 with Location where it creates the resource). The document pass adds what every command
 * shares: Idempotency-Key, If-Match on an existing resource (412), ETag, and the error statuses.
 * A command whose answer says more (a file's checksum, a row-by-row report) names a subclass of
 * CommandResponse as its `answer`.
 */
export const CommandRoute = (
  path: string,
  summary: string,
  roles: Role[],
  { creates = false, answer = CommandResponse }: { creates?: boolean; answer?: Type<CommandResponse> } = {},
) =>
  applyDecorators(
    Post(path),
    HttpCode(creates ? 201 : 200),
    Roles(...roles),
    ApiOperation({ summary }),
    creates ? ApiCreatedResponse({ type: answer }) : ApiOkResponse({ type: answer }),
    RouteKindOf({ kind: 'command', creates }),
  );
