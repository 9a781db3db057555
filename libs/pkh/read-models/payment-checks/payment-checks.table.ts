import type { Kysely } from 'kysely';

export const PAYMENT_CHECKS_TABLE = 'pkh_payment_checks';
export const PAYMENT_CHECK_HOUSEHOLDS_TABLE = 'pkh_payment_check_households';
export const PAYMENT_CHECK_PAYMENTS_TABLE = 'pkh_payment_check_payments';
export const PAYMENT_CHECK_BATCHES_TABLE = 'pkh_payment_check_batches';

/**
 * The post-payment checks (ADR 0013): one row per sampled payment, with the household's area and
 * caseworker copied in so the list is one read within the caller's reach, and the answer once
 * recorded. No names, no NIK, no note: those stay in the sealed events.
 */
export interface PaymentCheckTables {
  pkh_payment_checks: {
    batch_id: string;
    household_id: string;
    stage: string;
    amount: number;
    kecamatan: string;
    kelurahan: string;
    caseworker_id: string | null;
    sampled_position: number;
    method: string | null;
    outcome: string | null;
    problem_code: string | null;
    /** The business date of the check (YYYY-MM-DD), what the monthly report counts by. */
    checked_on: string | null;
    checked_by: string | null;
  };
  pkh_payment_check_households: {
    household_id: string;
    kecamatan: string;
    kelurahan: string;
    caseworker_id: string | null;
  };
  /** Every payment's amount, until a sample names it. */
  pkh_payment_check_payments: { batch_id: string; household_id: string; amount: number };
  pkh_payment_check_batches: { batch_id: string; stage: string };
}

export async function createPaymentCheckTables(db: Kysely<PaymentCheckTables>): Promise<void> {
  await db.schema
    .createTable(PAYMENT_CHECKS_TABLE)
    .ifNotExists()
    .addColumn('batch_id', 'text', (c) => c.notNull())
    .addColumn('household_id', 'text', (c) => c.notNull())
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('amount', 'bigint', (c) => c.notNull())
    .addColumn('kecamatan', 'text', (c) => c.notNull())
    .addColumn('kelurahan', 'text', (c) => c.notNull())
    .addColumn('caseworker_id', 'text')
    .addColumn('sampled_position', 'bigint', (c) => c.notNull())
    .addColumn('method', 'text')
    .addColumn('outcome', 'text')
    .addColumn('problem_code', 'text')
    .addColumn('checked_on', 'text')
    .addColumn('checked_by', 'text')
    .addPrimaryKeyConstraint('pkh_payment_checks_pk', ['batch_id', 'household_id'])
    .execute();
  await db.schema
    .createIndex('pkh_payment_checks_by_checker')
    .ifNotExists()
    .on(PAYMENT_CHECKS_TABLE)
    .columns(['checked_by', 'checked_on'])
    .execute();
  await db.schema
    .createTable(PAYMENT_CHECK_HOUSEHOLDS_TABLE)
    .ifNotExists()
    .addColumn('household_id', 'text', (c) => c.primaryKey())
    .addColumn('kecamatan', 'text', (c) => c.notNull())
    .addColumn('kelurahan', 'text', (c) => c.notNull())
    .addColumn('caseworker_id', 'text')
    .execute();
  await db.schema
    .createTable(PAYMENT_CHECK_PAYMENTS_TABLE)
    .ifNotExists()
    .addColumn('batch_id', 'text', (c) => c.notNull())
    .addColumn('household_id', 'text', (c) => c.notNull())
    .addColumn('amount', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('pkh_payment_check_payments_pk', ['batch_id', 'household_id'])
    .execute();
  await db.schema
    .createTable(PAYMENT_CHECK_BATCHES_TABLE)
    .ifNotExists()
    .addColumn('batch_id', 'text', (c) => c.primaryKey())
    .addColumn('stage', 'text', (c) => c.notNull())
    .execute();
}
