import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsIsoDateTime } from './validators.js';

/** ?asOf=<ISO date-time with zone>: state replayed from the events recorded up to then. */
export class AsOfQueryDto {
  @ApiPropertyOptional({
    description: 'ISO 8601 date-time with Z or an offset; default now',
    example: '2026-03-01T00:00:00Z',
    format: 'date-time',
  })
  @IsOptional()
  @IsIsoDateTime()
  asOf?: string;
}
