import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { AreaPageQueryDto, ReadQueryDto } from '#libs/platform/http/index.js';
import { IsCalendarDate, QueryInteger } from '#libs/platform/http/validators.js';

export { ReadQueryDto };

export const WELFARE_STATUSES = ['unassessed', 'below_poverty_line', 'above_poverty_line'] as const;

export class ListHouseholdsQueryDto extends AreaPageQueryDto {
  @ApiPropertyOptional({ enum: WELFARE_STATUSES })
  @IsOptional()
  @IsIn(WELFARE_STATUSES)
  status?: (typeof WELFARE_STATUSES)[number];

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: 10,
    description:
      'Only households registered with a DTKS welfare decile from 1 to this one (targeting: 4 for "desil 1-4")',
  })
  @IsOptional()
  @QueryInteger()
  @IsInt()
  @Min(1)
  @Max(10)
  maxWelfareDecile?: number;

  @ApiPropertyOptional({ description: 'Caseworker id' })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  caseworker?: string;

  @ApiPropertyOptional({ description: 'KK, NIK or name (case- and accent-insensitive)' })
  @IsOptional()
  @IsString()
  @Length(2, 100)
  text?: string;
}

export class ErasureReviewQueryDto extends ReadQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 100 })
  @IsOptional()
  @QueryInteger()
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;

  @ApiPropertyOptional({ description: 'The `next` of the previous page' })
  @IsOptional()
  @QueryInteger()
  @IsInt()
  @Min(0)
  after?: number;
}

export class MembersOnQueryDto {
  @ApiProperty({ format: 'date', description: 'The business date: births, deaths, moves and school levels up to it' })
  @IsCalendarDate()
  on: string;
}
