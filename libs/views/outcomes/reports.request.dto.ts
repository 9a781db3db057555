import { ApiPropertyOptional } from '@nestjs/swagger';
import { ReadQueryDto, QueryInteger } from '#libs/platform/http/index.js';
import { IsIn, IsInt, IsOptional, Matches, Max, Min, ValidateBy, type ValidationArguments } from 'class-validator';
import { REPORT_BASES, type ReportBasis } from '#libs/reporting/index.js';
import { AreaQueryDto } from '../views.request.dto.js';

/** A month written YYYY-MM, of the years 1900 to 2999 (the dates' range, see IsCalendarDate). */
export const MONTH = /^(19|2\d)\d{2}-(0[1-9]|1[0-2])$/;

/** `to` is the range's last month: not before `from` (a range backwards would answer zeros). */
const NotBeforeFrom = () =>
  ValidateBy({
    name: 'notBeforeFrom',
    validator: {
      validate: (to: unknown, { object }: ValidationArguments) => {
        const from = (object as { from?: unknown }).from;
        return typeof from !== 'string' || typeof to !== 'string' || to >= from;
      },
      defaultMessage: () => 'to must not be before from',
    },
  });

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
  @NotBeforeFrom()
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
  @NotBeforeFrom()
  to?: string;
}
