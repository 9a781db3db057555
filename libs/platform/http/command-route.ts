import { HttpCode, Post, applyDecorators } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { Roles, type Role } from '#libs/platform/auth/index.js';
import { CommandResponse } from './command-response.js';

/**
 * A command route: POST, the roles that may send it, and {id, revision, position} as the answer
 * (201 where it creates the resource). On an existing resource If-Match is honoured (412).
 */
export const CommandRoute = (path: string, summary: string, roles: Role[], { creates = false } = {}) =>
  applyDecorators(
    Post(path),
    HttpCode(creates ? 201 : 200),
    Roles(...roles),
    ApiOperation({ summary }),
    ...(creates
      ? [ApiCreatedResponse({ type: CommandResponse })]
      : [
          ApiHeader({
            name: 'If-Match',
            required: false,
            description: 'Revision last seen; 412 if the resource has changed since',
          }),
          ApiOkResponse({ type: CommandResponse }),
        ]),
  );
