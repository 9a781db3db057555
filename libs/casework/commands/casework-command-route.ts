import { Controller, applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';

/** A controller of the casework on one household, under /households/{id}. */
export const CaseworkController = () => applyDecorators(ApiTags('casework'), ApiBearerAuth(), Controller('households'));
