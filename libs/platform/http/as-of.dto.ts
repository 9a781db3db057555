import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional } from 'class-validator';

/** ?asOf=<ISO time>: state replayed from the events recorded up to then. */
export class AsOfQueryDto {
  @ApiPropertyOptional({ description: 'ISO 8601 time; default now', example: '2026-03-01T00:00:00Z' })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  asOf?: string;
}
