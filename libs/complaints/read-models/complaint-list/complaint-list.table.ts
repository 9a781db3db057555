import type { Kysely } from 'kysely';

export const COMPLAINT_LIST_TABLE = 'complaint_list';
/** Each household's caseworker now, so that a complaint received later starts with it. */
export const COMPLAINT_HOUSEHOLDS_TABLE = 'complaint_households';

/** One row per complaint: where, what, who handles it, when it is due; no complainant, no text. */
export interface ComplaintListTables {
  complaint_list: {
    complaint_id: string;
    household_id: string;
    /** Where the household lives now: a complaint follows its move. */
    kecamatan: string;
    kelurahan: string;
    /** The household's caseworker now (a transfer, a reassignment); not who the complaint is about. */
    caseworker_id: string | null;
    category: string;
    subject: string;
    subject_caseworker_id: string | null;
    source: string;
    assignee: string | null;
    received_on: string;
    due_on: string;
    escalated_on: string | null;
    status: 'open' | 'resolved';
    outcome: string | null;
    resolved_on: string | null;
    informed_on: string | null;
    /** The global position of ComplaintReceived: the list's order and its cursor. */
    received_position: number;
  };
  complaint_households: {
    household_id: string;
    caseworker_id: string;
  };
}

export async function createComplaintListTables(db: Kysely<ComplaintListTables>): Promise<void> {
  await db.schema
    .createTable(COMPLAINT_LIST_TABLE)
    .ifNotExists()
    .addColumn('complaint_id', 'text', (c) => c.primaryKey())
    .addColumn('household_id', 'text', (c) => c.notNull())
    .addColumn('kecamatan', 'text', (c) => c.notNull())
    .addColumn('kelurahan', 'text', (c) => c.notNull())
    .addColumn('caseworker_id', 'text')
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('subject_caseworker_id', 'text')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('assignee', 'text')
    .addColumn('received_on', 'text', (c) => c.notNull())
    .addColumn('due_on', 'text', (c) => c.notNull())
    .addColumn('escalated_on', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text')
    .addColumn('resolved_on', 'text')
    .addColumn('informed_on', 'text')
    .addColumn('received_position', 'bigint', (c) => c.notNull().unique())
    .execute();
  await db.schema
    .createIndex('complaint_list_open')
    .ifNotExists()
    .on(COMPLAINT_LIST_TABLE)
    .columns(['status', 'due_on'])
    .execute();
  await db.schema
    .createIndex('complaint_list_assignee')
    .ifNotExists()
    .on(COMPLAINT_LIST_TABLE)
    .columns(['assignee', 'received_position'])
    .execute();
  // A move or a new caseworker updates the household's complaints.
  await db.schema
    .createIndex('complaint_list_household')
    .ifNotExists()
    .on(COMPLAINT_LIST_TABLE)
    .column('household_id')
    .execute();
  await db.schema
    .createTable(COMPLAINT_HOUSEHOLDS_TABLE)
    .ifNotExists()
    .addColumn('household_id', 'text', (c) => c.primaryKey())
    .addColumn('caseworker_id', 'text', (c) => c.notNull())
    .execute();
}
