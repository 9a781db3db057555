import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { ReadQueryDto } from '#libs/platform/http/index.js';
import { KECAMATAN } from '#libs/reference-data/index.js';

export const KUBE_STATUSES = ['active', 'dissolved'] as const;

export class ListKubesQueryDto extends ReadQueryDto {
  @ApiPropertyOptional({ enum: KECAMATAN })
  @IsOptional()
  @IsIn(KECAMATAN)
  kecamatan?: string;

  @ApiPropertyOptional({ example: 'Harapan Jaya' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  kelurahan?: string;

  @ApiPropertyOptional({ enum: KUBE_STATUSES })
  @IsOptional()
  @IsIn(KUBE_STATUSES)
  status?: (typeof KUBE_STATUSES)[number];

  @ApiPropertyOptional({ example: 'catering', description: 'Kind of business, as the group was formed with' })
  @IsOptional()
  @IsString()
  @Length(2, 60)
  businessType?: string;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  cursor?: string;

  @ApiPropertyOptional({ default: 20, minimum: 1, maximum: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}
