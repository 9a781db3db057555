import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { BulkPageQueryDto } from '#libs/platform/http/index.js';
import { KECAMATAN } from '#libs/reference-data/index.js';

export class PkhDueQueryDto extends BulkPageQueryDto {
  @ApiPropertyOptional({ enum: KECAMATAN })
  @IsOptional()
  @IsIn(KECAMATAN)
  kecamatan?: string;
}

export class PkhStageParamDto {
  @ApiProperty({ example: '2026-1', description: 'Disbursement stage (tahap) YYYY-N' })
  @Matches(/^\d{4}-[1-4]$/, { message: 'stage must be written YYYY-N with N from 1 to 4 (tahap)' })
  stage: string;
}
