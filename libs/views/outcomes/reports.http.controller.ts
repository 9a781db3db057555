import { Controller, Headers, Inject, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CLOCK, type Clock } from '#libs/platform/clock.js';
import { APP_CONFIG, type AppConfig } from '#libs/platform/config/index.js';
import { ReadRoute, sendCsv, wantsCsv } from '#libs/platform/http/index.js';
import { ReadsFrom } from '#libs/platform/read-store/index.js';
import { localMonth } from '../shared/periods.js';
import { REPORT_READERS } from '../shared/report-readers.js';
import { KpiReports, type Kpis } from '../kpis/kpi-reports.js';
import { KpisDto } from '../kpis/kpis.response.dto.js';
import { PeriodReports } from '../periods/period-reports.js';
import { OUTCOME_FACTS } from './outcome-facts.projection.js';
import { OutcomeReports } from './outcome-reports.js';
import { PovertyTargetReport } from './poverty-target.js';
import { KpiQueryDto, OutcomeQueryDto, YearQueryDto } from './reports.request.dto.js';
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
    private readonly kpiReports: KpiReports,
    private readonly periods: PeriodReports,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @ReadRoute(
    'programme-outcomes',
    'PKH, Kube, training and exit outcomes per month and area (flows within the months, `…AtEnd` stocks at the end of `to`); Accept: text/csv',
    [...REPORT_READERS],
    { type: ProgrammeOutcomesDto },
    { csv: true },
  )
  @ReadsFrom(OUTCOME_FACTS, 'report-periods')
  async programmeOutcomes(
    @Query() q: OutcomeQueryDto,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const report = await this.outcomes.programmeOutcomes(q);
    if (wantsCsv(accept)) return sendCsv(reply, `programme-outcomes-${report.basis}`, report.rows);
    return { ...report, closedMonths: await this.periods.closedMonths(q.from, q.to) };
  }

  @ReadRoute(
    'poverty-target',
    "A year's exits against the target, and its spending by funding source against the budget; Accept: text/csv",
    [...REPORT_READERS],
    { type: PovertyTargetDto },
    { csv: true },
  )
  @ReadsFrom(OUTCOME_FACTS)
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

  @ReadRoute(
    'kpis',
    "Supervisors' KPIs: caseload size, time to exit, PKH verified on time, reporting delay, training funnel; Accept: text/csv",
    [...REPORT_READERS],
    { type: KpisDto },
    { csv: true },
  )
  @ReadsFrom('kpis')
  async kpis(
    @Query() q: KpiQueryDto,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const report = await this.kpiReports.kpis(q);
    return wantsCsv(accept) ? sendCsv(reply, 'kpis', kpiRows(report)) : report;
  }
}

/** The KPIs as one count a row: section, kecamatan (or all), dimension, bucket, value. */
export function kpiRows(k: Kpis): Array<Record<string, string | number | null>> {
  const all = k.kecamatan ?? 'all';
  const row = (section: string, kecamatan: string, dimension: string, bucket: string, value: number | null) => ({
    section,
    kecamatan,
    dimension,
    bucket,
    value,
  });
  return [
    ...Object.entries(k.caseloadSize.byBin).map(([b, n]) => row('caseloadSize', all, 'caseworkers', b, n)),
    row('caseloadSize', all, '', 'unassignedCases', k.caseloadSize.unassignedCases),
    ...Object.entries(k.timeToExit.byBucket).map(([b, n]) => row('timeToExit', all, '', b, n)),
    row('timeToExit', all, '', 'meanDays', k.timeToExit.meanDays),
    row('pkhVerification', all, '', 'on time', k.pkhVerification.onTime),
    row('pkhVerification', all, '', 'late', k.pkhVerification.late),
    ...Object.entries(k.reportingDelay.byCategory).flatMap(([category, buckets]) =>
      Object.entries(buckets).map(([b, n]) => row('reportingDelay', all, category, b, n)),
    ),
    ...k.trainingFunnel.flatMap((f) => [
      ...(['invited', 'enrolled', 'declined', 'completed', 'droppedOut'] as const).map((step) =>
        row('trainingFunnel', f.kecamatan, f.kind, step, f[step]),
      ),
      ...Object.entries(f.declinedByReason).map(([reason, n]) =>
        row('trainingFunnel', f.kecamatan, f.kind, `declined:${reason}`, n),
      ),
    ]),
  ];
}
