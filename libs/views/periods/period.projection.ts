import type { Kysely, Transaction } from 'kysely';
import { categoryOf, type RecordedEvent } from '#libs/platform/event-store/index.js';
import { otherEvent, recordedAs, writeRows, type Projection } from '#libs/platform/read-store/index.js';
import {
  OUTCOME_CATEGORIES,
  PERIOD_CATEGORY,
  businessDateOf,
  type OutcomeEvent,
  type PeriodEvent,
} from '#libs/reporting/index.js';
import { nextMonth } from '../shared/periods.js';
import { PERIOD_TABLES, setupPeriodTables, type PeriodTables } from './period.table.js';

type Trx = Transaction<PeriodTables>;

/**
 * Closed reporting months, and every outcome event that names its business day: those after a
 * closed month's frozen report (its `asOfPosition`, which may come before the close itself) are
 * the month's late entries, reported as corrections in the first open month.
 */
export const periodProjection: Projection = {
  name: 'report-periods',
  version: 1,
  filter: { categories: [PERIOD_CATEGORY, ...OUTCOME_CATEGORIES] },
  tables: PERIOD_TABLES,
  async setup(db: Kysely<PeriodTables>) {
    await setupPeriodTables(db);
  },
  async apply(trx: Trx, event: RecordedEvent) {
    await this.applyBatch!(trx, [event]);
  },
  async applyBatch(trx: Trx, recorded: readonly RecordedEvent[]) {
    const closed = new Set(
      (await trx.selectFrom('report_periods').select('period').where('status', '=', 'closed').execute()).map(
        (r) => r.period,
      ),
    );
    // The dated entries of the batch in one statement per chunk, not one per event.
    const dated: PeriodTables['dated_entries'][] = [];
    for (const event of recorded) {
      if (categoryOf(event.stream) === PERIOD_CATEGORY) await applyPeriodEvent(trx, event, closed);
      else {
        const [outcome] = recordedAs<OutcomeEvent>([event]);
        const day = businessDateOf(outcome!);
        const period = day?.slice(0, 7);
        if (!day || !period) continue;
        let reportedIn = period;
        while (closed.has(reportedIn)) reportedIn = nextMonth(reportedIn);
        dated.push({
          position: event.position,
          period,
          reported_in: reportedIn,
          event_type: event.type,
          category: categoryOf(event.stream),
          business_date: day,
          recorded_at: String(event.metadata.occurredAt),
        });
      }
    }
    await writeRows(trx, dated, (chunk) =>
      trx
        .insertInto('dated_entries')
        .values(chunk)
        .onConflict((oc) => oc.column('position').doNothing()),
    );
  },
};

async function applyPeriodEvent(trx: Trx, recorded: RecordedEvent, closed: Set<string>): Promise<void> {
  const [event] = recordedAs<PeriodEvent>([recorded]);
  switch (event!.type) {
    case 'PeriodClosed': {
      const { period, closedBy, report, reportHash } = event.data;
      const row = {
        status: 'closed',
        closed_position: recorded.position,
        as_of_position: report.asOfPosition,
        closed_by: closedBy,
        closed_at: String(recorded.metadata.occurredAt),
        report_hash: reportHash,
        report: JSON.stringify(report),
        reopening_requested_by: null,
      };
      await trx
        .insertInto('report_periods')
        .values({ period, ...row })
        .onConflict((oc) => oc.column('period').doUpdateSet(row))
        .execute();
      closed.add(period);
      return;
    }
    case 'PeriodReopeningRequested':
      await trx
        .updateTable('report_periods')
        .set({ reopening_requested_by: event.data.requestedBy })
        .where('period', '=', event.data.period)
        .execute();
      return;
    case 'PeriodReopened':
      await trx
        .updateTable('report_periods')
        .set({ status: 'open', reopening_requested_by: null })
        .where('period', '=', event.data.period)
        .execute();
      closed.delete(event.data.period);
      return;
    default:
      otherEvent(event!);
  }
}
