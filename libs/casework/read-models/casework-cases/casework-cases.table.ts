import type { Kysely } from 'kysely';

/**
 * One row per household: who holds the case and where, the transfer awaiting a decision, the open
 * visits and follow-ups and the flags set. The caseloads join it (libs/views), and a bulk
 * reassignment finds a leaving caseworker's cases in it.
 */
export interface CaseworkTables {
  casework_cases: {
    household_id: string;
    caseworker_id: string | null;
    kecamatan: string;
    kelurahan: string;
    case_status: string;
    /** JSON of PendingTransferRow, or null. */
    pending_transfer: string | null;
    /** The receiver of the pending transfer, and who asked: the lists of transfers awaiting a decision. */
    transfer_to: string | null;
    transfer_requested_as: string | null;
    /** JSON of OpenVisitRow[], by due date. */
    visits: string;
    /** The earliest due date among the open visits: overdue is `next_visit_due < today`. */
    next_visit_due: string | null;
    /** JSON of FlagRow[]. */
    flags: string;
    /** `|code|code|`: a flag filter is a LIKE on both stores. */
    flag_codes: string;
    /** The highest risk among the flags: 0 none, 1 low, 2 medium, 3 high. */
    max_risk: number;
  };
}

export type CaseworkCaseRow = CaseworkTables['casework_cases'];

export interface PendingTransferRow {
  transferId: string;
  fromCaseworkerId: string | null;
  toCaseworkerId: string;
  requestedBy: string;
  requestedAs: string;
}
export interface OpenVisitRow {
  visitId: string;
  kind: string;
  dueOn: string;
  origin: string;
  purpose: string;
}
export interface FlagRow {
  flag: string;
  risk: string;
}

export const CASEWORK_TABLES = ['casework_cases'] as const;

export async function createCaseworkTables(db: Kysely<CaseworkTables>): Promise<void> {
  await db.schema
    .createTable('casework_cases')
    .ifNotExists()
    .addColumn('household_id', 'text', (c) => c.primaryKey())
    .addColumn('caseworker_id', 'text')
    .addColumn('kecamatan', 'text', (c) => c.notNull())
    .addColumn('kelurahan', 'text', (c) => c.notNull())
    .addColumn('case_status', 'text', (c) => c.notNull())
    .addColumn('pending_transfer', 'text')
    .addColumn('transfer_to', 'text')
    .addColumn('transfer_requested_as', 'text')
    .addColumn('visits', 'text', (c) => c.notNull())
    .addColumn('next_visit_due', 'text')
    .addColumn('flags', 'text', (c) => c.notNull())
    .addColumn('flag_codes', 'text', (c) => c.notNull())
    .addColumn('max_risk', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('casework_cases_by_caseworker')
    .ifNotExists()
    .on('casework_cases')
    .columns(['caseworker_id', 'case_status'])
    .execute();
  await db.schema
    .createIndex('casework_cases_by_transfer_to')
    .ifNotExists()
    .on('casework_cases')
    .columns(['transfer_to'])
    .execute();
}
