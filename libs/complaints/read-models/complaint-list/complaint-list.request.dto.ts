import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { AreaPageQueryDto } from '#libs/platform/http/index.js';
import { COMPLAINT_CATEGORY_CODES, type ComplaintCategory } from '#libs/reference-data/index.js';

/** open: not resolved; overdue: open past its due day (JEJAK_TIME_ZONE); resolved. */
export const COMPLAINT_STATES = ['open', 'overdue', 'resolved'] as const;
export type ComplaintListState = (typeof COMPLAINT_STATES)[number];

export class ListComplaintsQueryDto extends AreaPageQueryDto {
  @ApiPropertyOptional({ enum: COMPLAINT_STATES, default: 'open' })
  @IsOptional()
  @IsIn(COMPLAINT_STATES)
  state?: ComplaintListState;

  @ApiPropertyOptional({ description: 'Staff id of the assignee' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9._@-]{1,100}$/, { message: 'assignee must be a staff id' })
  assignee?: string;

  @ApiPropertyOptional({ enum: COMPLAINT_CATEGORY_CODES })
  @IsOptional()
  @IsIn(COMPLAINT_CATEGORY_CODES)
  category?: ComplaintCategory;
}
