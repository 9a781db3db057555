import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { ReadQueryDto } from '#libs/platform/http/index.js';
import { COMPLAINT_CATEGORY_CODES, KECAMATAN, type ComplaintCategory } from '#libs/reference-data/index.js';

/** open: not resolved; overdue: open past its due day (JEJAK_TIME_ZONE); resolved. */
export const COMPLAINT_STATES = ['open', 'overdue', 'resolved'] as const;
export type ComplaintListState = (typeof COMPLAINT_STATES)[number];

export class ListComplaintsQueryDto extends ReadQueryDto {
  @ApiPropertyOptional({ enum: COMPLAINT_STATES, default: 'open' })
  @IsOptional()
  @IsIn(COMPLAINT_STATES)
  state?: ComplaintListState;

  @ApiPropertyOptional({ enum: KECAMATAN })
  @IsOptional()
  @IsIn(KECAMATAN)
  kecamatan?: string;

  @ApiPropertyOptional({ example: 'Harapan Jaya' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  kelurahan?: string;

  @ApiPropertyOptional({ description: 'Staff id of the assignee' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9._@-]{1,100}$/, { message: 'assignee must be a staff id' })
  assignee?: string;

  @ApiPropertyOptional({ enum: COMPLAINT_CATEGORY_CODES })
  @IsOptional()
  @IsIn(COMPLAINT_CATEGORY_CODES)
  category?: ComplaintCategory;

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
