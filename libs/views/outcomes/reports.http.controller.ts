import { Controller, Get, Headers, Inject, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Roles } from '#libs/platform/auth/index.js';
import { CLOCK, type Clock } from '#libs/platform/clock.js';
import { APP_CONFIG, type AppConfig } from '#libs/platform/config/index.js';
import { sendCsv, wantsCsv } from '#libs/platform/http/index.js';
import { localMonth } from '../shared/periods.js';
import { OutcomeReports } from './outcome-reports.js';
import { PovertyTargetReport } from './poverty-target.js';
import { OutcomeQueryDto, YearQueryDto } from './reports.request.dto.js';
import { PovertyTargetDto, ProgrammeOutcomesDto } from './reports.response.dto.js';

/** Nested figures as `group.field` measures: the poverty target's CSV, one measure a row. */
export function flatten(prefix: string, value: unknown, into: Record<string, unknown> = {}): Record<string, unknown> {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) flatten(prefix ? `${prefix}.${k}` : k, v, into);
  } else into[prefix] = value;
  return into;
}

@ApiTags('views and reports')
@ApiBearerAuth()
@Controller('reports')
export class ReportsController {
  constructor(
    private readonly outcomes: OutcomeReports,
    private readonly povertyTarget: PovertyTargetReport,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('programme-outcomes')
  @Roles('reporter', 'supervisor', 'auditor', 'admin')
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: ProgrammeOutcomesDto })
  @ApiOperation({
    summary: 'PKH, Kube, training and exit outcomes per month and area; Accept: text/csv',
    description: 'Flows are summed within the months; the `…AtEnd` stocks stand at the end of `to`.',
  })
  async programmeOutcomes(
    @Query() q: OutcomeQueryDto,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const report = await this.outcomes.programmeOutcomes(q);
    return wantsCsv(accept) ? sendCsv(reply, `programme-outcomes-${report.basis}`, report.rows) : report;
  }

  @Get('poverty-target')
  @Roles('reporter', 'supervisor', 'auditor', 'admin')
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: PovertyTargetDto })
  @ApiOperation({ summary: "A year's exits against the target, and its spending by funding source against the budget" })
  async poverty(
    @Query() q: YearQueryDto,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const year = q.year ?? Number(localMonth(this.clock.now().toISOString(), this.config.timeZone).slice(0, 4));
    const report = await this.povertyTarget.forYear(year, q.basis);
    if (!wantsCsv(accept)) return report;
    const measures = Object.entries(flatten('', report)).map(([measure, value]) => ({ measure, value }));
    return sendCsv(reply, `poverty-target-${year}`, measures);
  }
}
