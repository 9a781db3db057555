import { Controller, applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';

/** A controller of one household use case, under /households. */
export const HouseholdCommandController = () =>
  applyDecorators(ApiTags('households'), ApiBearerAuth(), Controller('households'));
