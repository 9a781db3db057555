import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { AreaPageQueryDto } from '#libs/platform/http/index.js';

export const COURSE_KINDS = ['vocational', 'family_session'] as const;
export const COURSE_STATUSES = ['upcoming', 'running', 'ended'] as const;
export type CourseStatus = (typeof COURSE_STATUSES)[number];

export class ListCoursesQueryDto extends AreaPageQueryDto {
  @ApiPropertyOptional({
    enum: COURSE_KINDS,
    description: 'Vocational course or PKH family development session (P2K2)',
  })
  @IsOptional()
  @IsIn(COURSE_KINDS)
  kind?: (typeof COURSE_KINDS)[number];

  @ApiPropertyOptional({ example: 'sewing', description: 'Skill a vocational course teaches' })
  @IsOptional()
  @IsString()
  @Length(2, 60)
  skill?: string;

  @ApiPropertyOptional({
    enum: COURSE_STATUSES,
    description: "By its dates against today in the deployment's time zone: not started, under way, or past its end",
  })
  @IsOptional()
  @IsIn(COURSE_STATUSES)
  status?: CourseStatus;
}
