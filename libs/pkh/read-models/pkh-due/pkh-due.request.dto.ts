import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { ReadQueryDto } from '#libs/platform/http/index.js';
import { KECAMATAN } from '#libs/reference-data/index.js';

export class PkhDueQueryDto extends ReadQueryDto {
  @ApiPropertyOptional({ enum: KECAMATAN })
  @IsOptional()
  @IsIn(KECAMATAN)
  kecamatan?: string;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  cursor?: string;

  @ApiPropertyOptional({ default: 100, minimum: 1, maximum: 1000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;
}

export class PkhStageParamDto {
  @ApiProperty({ example: '2026-1', description: 'Disbursement stage (tahap) YYYY-N' })
  @Matches(/^\d{4}-[1-4]$/, { message: 'stage must be written YYYY-N with N from 1 to 4 (tahap)' })
  stage: string;
}
