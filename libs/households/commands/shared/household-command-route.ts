import { Controller, UseInterceptors, applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { IdentityConflictInterceptor } from './identity-conflict.interceptor.js';

/** A controller of one household use case, under /households; a KK or NIK held elsewhere is named only to who reaches it. */
export const HouseholdCommandController = () =>
  applyDecorators(
    ApiTags('households'),
    ApiBearerAuth(),
    Controller('households'),
    UseInterceptors(IdentityConflictInterceptor),
  );
