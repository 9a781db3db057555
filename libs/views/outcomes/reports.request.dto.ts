import { ApiPropertyOptional } from '@nestjs/swagger';
import { ReadQueryDto, QueryInteger } from '#libs/platform/http/index.js';
import { IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { REPORT_BASES, type ReportBasis } from '#libs/reporting/index.js';
import { AreaQueryDto } from '../views.request.dto.js';

export const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export class BasisQueryDto extends AreaQueryDto {
  @ApiPropertyOptional({
    enum: REPORT_BASES,
    default: 'business',
    description:
      'business: each fact in the month it happened (disbursedOn, verifiedOn, ...); recorded: when Jejak learned it',
  })
  @IsOptional()
  @IsIn(REPORT_BASES)
  basis?: ReportBasis;
}

export class OutcomeQueryDto extends BasisQueryDto {
  @ApiPropertyOptional({ example: '2026-01', description: 'First month (YYYY-MM)' })
  @IsOptional()
  @Matches(MONTH, { message: 'from must be a month written YYYY-MM' })
  from?: string;

  @ApiPropertyOptional({ example: '2026-12', description: 'Last month (YYYY-MM)' })
  @IsOptional()
  @Matches(MONTH, { message: 'to must be a month written YYYY-MM' })
  to?: string;
}

export class YearQueryDto extends ReadQueryDto {
  @ApiPropertyOptional({
    example: 2026,
    description: 'Calendar year; the current one in the deployment time zone by default',
  })
  @IsOptional()
  @QueryInteger()
  @IsInt()
  @Min(2000)
  @Max(2100)
  year?: number;

  @ApiPropertyOptional({ enum: REPORT_BASES, default: 'business' })
  @IsOptional()
  @IsIn(REPORT_BASES)
  basis?: ReportBasis;
}

export class KpiQueryDto extends AreaQueryDto {
  @ApiPropertyOptional({ example: '2026-01', description: 'First month (YYYY-MM, business dates)' })
  @IsOptional()
  @Matches(MONTH, { message: 'from must be a month written YYYY-MM' })
  from?: string;

  @ApiPropertyOptional({ example: '2026-12', description: 'Last month (YYYY-MM)' })
  @IsOptional()
  @Matches(MONTH, { message: 'to must be a month written YYYY-MM' })
  to?: string;
}
