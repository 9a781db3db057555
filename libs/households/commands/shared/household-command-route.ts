import { Controller, HttpCode, Post, applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles, type Role } from '#libs/platform/auth/index.js';
import { CommandResponse } from './command-response.js';

/** A controller of one household use case, under /households. */
export const HouseholdCommandController = () =>
  applyDecorators(ApiTags('households'), ApiBearerAuth(), Controller('households'));

/** A command on an existing household: POST, 200 with {id, revision, position}, If-Match honoured. */
export const HouseholdCommandRoute = (path: string, summary: string, roles: Role[]) =>
  applyDecorators(
    Post(path),
    HttpCode(200),
    Roles(...roles),
    ApiOperation({ summary }),
    ApiHeader({
      name: 'If-Match',
      required: false,
      description: 'Revision last seen; 412 if the household has changed since',
    }),
    ApiOkResponse({ type: CommandResponse }),
  );
