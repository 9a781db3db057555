import { Body, Controller, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { KECAMATAN } from '#libs/reference-data/index.js';
import type { CommandContext } from '#libs/platform/command-handling/index.js';
import {
  CommandCtx,
  CommandRoute,
  HttpProblem,
  ReadQueryDto,
  ReadRoute,
  type CommandResponse,
} from '#libs/platform/http/index.js';
import { ReadsFrom } from '#libs/platform/read-store/index.js';
import { REPORT_READERS } from '../shared/report-readers.js';
import { MONTH } from '../outcomes/reports.request.dto.js';
import { PeriodCommandHandler } from './period.command-handler.js';
import { PeriodReports, type PeriodView } from './period-reports.js';
import { LateEntriesDto, PeriodReportDto } from './periods.response.dto.js';

const VIEWS: PeriodView[] = ['as-closed', 'with-late-corrections'];

export class PeriodViewQueryDto extends ReadQueryDto {
  @ApiPropertyOptional({ enum: KECAMATAN, description: "One kecamatan's figures; the city's by default" })
  @IsOptional()
  @IsIn(KECAMATAN)
  kecamatan?: string;

  @ApiPropertyOptional({ enum: VIEWS, default: 'as-closed' })
  @IsOptional()
  @IsIn(VIEWS)
  view?: PeriodView;
}

export class LateEntriesQueryDto extends ReadQueryDto {
  @ApiPropertyOptional({ example: '2026-03', description: 'The closed month the entries belong to' })
  @IsOptional()
  @Matches(MONTH, { message: 'period must be a month written YYYY-MM' })
  period?: string;

  @ApiPropertyOptional({ example: '2026-05', description: 'The open month that reports them as corrections' })
  @IsOptional()
  @Matches(MONTH, { message: 'reportedIn must be a month written YYYY-MM' })
  reportedIn?: string;
}

export class ReopeningRequestDto {
  @ApiProperty({ example: 'A batch of March payments was entered after the close', maxLength: 500 })
  @IsString()
  @Length(5, 500)
  reason: string;
}

const month = (period: string): string => {
  if (!MONTH.test(period)) throw new HttpProblem(400, 'REQUEST.INVALID_PERIOD', 'A period is a month written YYYY-MM');
  return period;
};

/** Closing a reporting month, reopening it (four eyes), its report either way, and the late entries. */
@ApiTags('views and reports')
@ApiBearerAuth()
@Controller('reports')
export class PeriodsController {
  constructor(
    private readonly periods: PeriodCommandHandler,
    private readonly reports: PeriodReports,
  ) {}

  @CommandRoute('periods/:period/close', 'Close a month from its cut-off on: freeze and hash its report', [
    'supervisor',
    'admin',
  ])
  close(@Param('period') period: string, @CommandCtx() ctx: CommandContext): Promise<CommandResponse> {
    return this.periods.close(month(period), ctx);
  }

  @CommandRoute('periods/:period/reopening', 'Ask to reopen a closed month, with a reason', ['supervisor', 'admin'])
  requestReopening(
    @Param('period') period: string,
    @Body() body: ReopeningRequestDto,
    @CommandCtx() ctx: CommandContext,
  ): Promise<CommandResponse> {
    const data = { period: month(period), actor: ctx.principal.sub, reason: body.reason };
    return this.periods.execute(period, { type: 'RequestPeriodReopening', data }, ctx, body.reason);
  }

  @CommandRoute('periods/:period/reopening/approval', 'Reopen a month (not by who asked)', ['supervisor', 'admin'])
  approveReopening(@Param('period') period: string, @CommandCtx() ctx: CommandContext): Promise<CommandResponse> {
    const data = { period: month(period), actor: ctx.principal.sub };
    return this.periods.execute(period, { type: 'ApprovePeriodReopening', data }, ctx);
  }

  @ReadRoute(
    'periods/:period',
    "A month's report, city-wide or of a kecamatan: as closed (frozen) or with the late corrections since",
    [...REPORT_READERS],
    { type: PeriodReportDto },
  )
  @ReadsFrom('report-periods')
  period(@Param('period') period: string, @Query() q: PeriodViewQueryDto) {
    return this.reports.report(month(period), q.view ?? 'as-closed', q.kecamatan);
  }

  @ReadRoute('late-entries', 'Events recorded after the month of their business date was closed', [...REPORT_READERS], {
    type: LateEntriesDto,
  })
  @ReadsFrom('report-periods')
  async lateEntries(@Query() q: LateEntriesQueryDto) {
    return { items: await this.reports.lateEntries(q) };
  }
}
