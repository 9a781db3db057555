import type { Kysely } from 'kysely';

export const PERIOD_TABLES = ['report_periods', 'dated_entries'] as const;

export interface PeriodTables {
  /** One row per month ever closed; `status` closed or open (reopened). */
  report_periods: {
    period: string;
    status: string;
    closed_position: number;
    /** The last position the frozen report folds: a dated entry after it is late. */
    as_of_position: number;
    closed_by: string;
    closed_at: string;
    report_hash: string;
    /** The frozen report (JSON), as the PeriodClosed event carries it. */
    report: string;
    reopening_requested_by: string | null;
  };
  /**
   * Every outcome event that names its business day. Those after a closed month's frozen report
   * are its late entries; `reported_in` is the first open month when one was recorded into a
   * closed month (else its own month, to be found at read time).
   */
  dated_entries: {
    position: number;
    period: string;
    reported_in: string;
    event_type: string;
    category: string;
    business_date: string;
    recorded_at: string;
  };
}

export async function setupPeriodTables(db: Kysely<PeriodTables>): Promise<void> {
  await db.schema
    .createTable('report_periods')
    .ifNotExists()
    .addColumn('period', 'text', (c) => c.primaryKey())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('closed_position', 'bigint', (c) => c.notNull())
    .addColumn('as_of_position', 'bigint', (c) => c.notNull())
    .addColumn('closed_by', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text', (c) => c.notNull())
    .addColumn('report_hash', 'text', (c) => c.notNull())
    .addColumn('report', 'text', (c) => c.notNull())
    .addColumn('reopening_requested_by', 'text')
    .execute();
  await db.schema
    .createTable('dated_entries')
    .ifNotExists()
    .addColumn('position', 'bigint', (c) => c.primaryKey())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('reported_in', 'text', (c) => c.notNull())
    .addColumn('event_type', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('business_date', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('dated_entries_period')
    .ifNotExists()
    .on('dated_entries')
    .columns(['period', 'position'])
    .execute();
}
