import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { CursorPageQueryDto } from '#libs/platform/http/index.js';
import { KECAMATAN } from '#libs/reference-data/index.js';

export const COURSE_KINDS = ['vocational', 'family_session'] as const;
export const COURSE_STATUSES = ['upcoming', 'running', 'ended'] as const;
export type CourseStatus = (typeof COURSE_STATUSES)[number];

export class ListCoursesQueryDto extends CursorPageQueryDto {
  @ApiPropertyOptional({ enum: KECAMATAN })
  @IsOptional()
  @IsIn(KECAMATAN)
  kecamatan?: string;

  @ApiPropertyOptional({ example: 'Harapan Jaya' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  kelurahan?: string;

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
