import { Inject, Injectable } from '@nestjs/common';
import type { Kysely } from 'kysely';
import { READ_DATABASE, type ReadDatabase } from '#libs/platform/read-store/index.js';
import { emptyOutcomeTotals, type FrozenReport, type OutcomeSummary } from '#libs/reporting/index.js';
import { OutcomeReports } from '../outcomes/outcome-reports.js';
import { nextMonth } from '../shared/periods.js';
import type { PeriodTables } from './period.table.js';

export type PeriodView = 'as-closed' | 'with-late-corrections';

export interface PeriodReport {
  period: string;
  kecamatan: string | null;
  status: 'open' | 'closed';
  /** as-closed: the frozen figures; with-late-corrections: today's figures of the month (business dates). */
  view: PeriodView;
  closedAt: string | null;
  closedBy: string | null;
  reportHash: string | null;
  asOfPosition: number | null;
  reopeningRequestedBy: string | null;
  lateEntries: number;
  /** Late entries of closed months that this month, the first open one after them, reports as corrections. */
  lateCorrectionsReportedHere: number;
  totals: OutcomeSummary;
  trainingCostRupiah: number;
}

export interface LateEntry {
  position: number;
  period: string;
  reportedIn: string;
  type: string;
  category: string;
  businessDate: string;
  recordedAt: string;
}

/** A kecamatan with no fact up to a closed month's end: zero everywhere. */
function emptyFigures() {
  const { summary: totals, trainingCostRupiah } = emptyOutcomeTotals();
  return { totals, trainingCostRupiah };
}

/** A month's report as closed or with the late corrections since, and the late entries themselves. */
@Injectable()
export class PeriodReports {
  private readonly db: Kysely<PeriodTables>;
  constructor(
    @Inject(READ_DATABASE) database: ReadDatabase,
    private readonly outcomes: OutcomeReports,
  ) {
    this.db = database.reader;
  }

  async report(period: string, view: PeriodView, kecamatan?: string): Promise<PeriodReport> {
    const row = await this.db.selectFrom('report_periods').selectAll().where('period', '=', period).executeTakeFirst();
    const closed = row?.status === 'closed';
    const late = closed ? (await this.lateEntries({ period })).length : 0;
    const reportedHere = closed ? 0 : (await this.lateEntries({ reportedIn: period })).length;
    const report = closed && view === 'as-closed' ? (JSON.parse(row.report) as FrozenReport) : null;
    const frozen = report && kecamatan ? (report.byKecamatan[kecamatan] ?? emptyFigures()) : report;
    const current = frozen
      ? null
      : await this.outcomes.totals({
          from: period,
          to: period,
          basis: 'business',
          ...(kecamatan ? { kecamatan } : {}),
        });
    return {
      period,
      kecamatan: kecamatan ?? null,
      status: closed ? 'closed' : 'open',
      view: closed ? view : 'with-late-corrections',
      closedAt: closed ? row.closed_at : null,
      closedBy: closed ? row.closed_by : null,
      reportHash: closed ? row.report_hash : null,
      asOfPosition: report ? report.asOfPosition : null,
      reopeningRequestedBy: row?.reopening_requested_by ?? null,
      lateEntries: late,
      lateCorrectionsReportedHere: reportedHere,
      totals: frozen ? frozen.totals : current!.summary,
      trainingCostRupiah: frozen ? frozen.trainingCostRupiah : current!.trainingCostRupiah,
    };
  }

  /** The closed months between from and to (either open-ended). */
  async closedMonths(from: string | undefined, to: string | undefined): Promise<string[]> {
    let query = this.db.selectFrom('report_periods').select('period').where('status', '=', 'closed');
    if (from) query = query.where('period', '>=', from);
    if (to) query = query.where('period', '<=', to);
    return (await query.orderBy('period').execute()).map((r) => r.period);
  }

  /** Dated entries recorded after the frozen report of their month, for the months closed now. */
  async lateEntries(filter: { period?: string; reportedIn?: string }): Promise<LateEntry[]> {
    const closedMonths = await this.db
      .selectFrom('report_periods')
      .select(['period', 'as_of_position'])
      .where('status', '=', 'closed')
      .execute();
    const closed = new Set(closedMonths.map((m) => m.period));
    const entries: LateEntry[] = [];
    for (const month of closedMonths) {
      if (filter.period && month.period !== filter.period) continue;
      const rows = await this.db
        .selectFrom('dated_entries')
        .selectAll()
        .where('period', '=', month.period)
        .where('position', '>', month.as_of_position)
        .orderBy('position')
        .limit(5_000)
        .execute();
      for (const r of rows) {
        // Recorded while its month was still open (between the report's fold and the close).
        let reportedIn = r.reported_in;
        while (closed.has(reportedIn)) reportedIn = nextMonth(reportedIn);
        if (filter.reportedIn && reportedIn !== filter.reportedIn) continue;
        entries.push({
          position: Number(r.position),
          period: r.period,
          reportedIn,
          type: r.event_type,
          category: r.category,
          businessDate: r.business_date,
          recordedAt: r.recorded_at,
        });
      }
    }
    return entries.sort((a, b) => a.position - b.position);
  }
}
