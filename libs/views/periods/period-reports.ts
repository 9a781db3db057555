import { Inject, Injectable } from '@nestjs/common';
import type { Kysely } from 'kysely';
import { READ_DATABASE, type ReadDatabase } from '#libs/platform/read-store/index.js';
import type { FrozenReport, OutcomeSummary } from '#libs/reporting/index.js';
import { OutcomeReports } from '../outcomes/outcome-reports.js';
import type { PeriodTables } from './period.table.js';

export type PeriodView = 'as-closed' | 'with-late-corrections';

export interface PeriodReport {
  period: string;
  status: 'open' | 'closed';
  /** as-closed: the frozen figures; with-late-corrections: today's figures of the month (business dates). */
  view: PeriodView;
  closedAt: string | null;
  closedBy: string | null;
  reportHash: string | null;
  asOfPosition: number | null;
  reopeningRequestedBy: string | null;
  lateEntries: number;
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

  async report(period: string, view: PeriodView): Promise<PeriodReport> {
    const row = await this.db.selectFrom('report_periods').selectAll().where('period', '=', period).executeTakeFirst();
    const late = await this.db
      .selectFrom('late_entries')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('period', '=', period)
      .executeTakeFirstOrThrow();
    const closed = row?.status === 'closed';
    const frozen = closed && view === 'as-closed' ? (JSON.parse(row.report) as FrozenReport) : null;
    const current = frozen ? null : await this.outcomes.totals({ from: period, to: period, basis: 'business' });
    return {
      period,
      status: closed ? 'closed' : 'open',
      view: closed ? view : 'with-late-corrections',
      closedAt: closed ? row.closed_at : null,
      closedBy: closed ? row.closed_by : null,
      reportHash: closed ? row.report_hash : null,
      asOfPosition: frozen ? frozen.asOfPosition : null,
      reopeningRequestedBy: row?.reopening_requested_by ?? null,
      lateEntries: Number(late.n),
      totals: frozen ? frozen.totals : current!.summary,
      trainingCostRupiah: frozen ? frozen.trainingCostRupiah : current!.trainingCostRupiah,
    };
  }

  async lateEntries(filter: { period?: string; reportedIn?: string }): Promise<LateEntry[]> {
    let query = this.db.selectFrom('late_entries').selectAll().orderBy('position');
    if (filter.period) query = query.where('period', '=', filter.period);
    if (filter.reportedIn) query = query.where('reported_in', '=', filter.reportedIn);
    return (await query.limit(5_000).execute()).map((r) => ({
      position: Number(r.position),
      period: r.period,
      reportedIn: r.reported_in,
      type: r.event_type,
      category: r.category,
      businessDate: r.business_date,
      recordedAt: r.recorded_at,
    }));
  }
}
