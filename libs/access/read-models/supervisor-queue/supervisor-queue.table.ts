import type { Kysely } from 'kysely';

export interface SupervisorQueueTables {
  /** Each household's area and caseworker, and the exit proposal awaiting a decision, if any. */
  queue_households: {
    household_id: string;
    caseworker_id: string | null;
    kecamatan: string;
    kelurahan: string;
    exit_proposal_id: string | null;
    exit_proposed_by: string | null;
    exit_proposed_at: string | null;
  };
  queue_openings: {
    opening_id: string;
    staff_id: string;
    household_id: string;
    reason: string;
    opened_at: string;
    until: string;
    reviewed_by: string | null;
  };
  queue_assignments: {
    assignment_id: string;
    staff_id: string;
    role: string;
    kecamatan: string;
    kelurahan: string | null;
    valid_from: string;
    valid_until: string | null;
    revoked_on: string | null;
  };
  /** Transfers a caseworker asked for, awaiting a supervisor's acceptance or rejection. */
  queue_transfers: {
    transfer_id: string;
    household_id: string;
    from_caseworker_id: string | null;
    to_caseworker_id: string;
    requested_at: string;
  };
  /** Open complaints (codes and dates only); escalated ones are queued until resolved. */
  queue_complaints: {
    complaint_id: string;
    household_id: string;
    category: string;
    subject: string;
    assignee: string | null;
    due_on: string;
    escalated_on: string | null;
  };
  /**
   * Revocations a caseworker asked for (ADR 0019), awaiting a supervisor's approval or rejection,
   * keyed by the entry's event id. `household_id` where the stream is a household's (its PKH or
   * household stream): the row is then in the household's area, which follows its move. Else (a
   * Kube group's or a course's stream) the area is the resource's, from `queue_places`.
   */
  queue_revocations: {
    event_id: string;
    stream: string;
    household_id: string | null;
    /** The household the entry is about (its stream's, or the one a Kube or course entry names): whose erasure blanks the reason. */
    about_household_id: string | null;
    entry_type: string;
    requested_by: string;
    requested_at: string;
    /** Typed by the caseworker about the family (personal): overwritten at the household's erasure. */
    reason: string;
  };
  /** The area of each Kube group and course (streams that are not a household's), for their revocations. */
  queue_places: {
    stream: string;
    kecamatan: string;
    kelurahan: string;
  };
}

export const SUPERVISOR_QUEUE_TABLES = [
  'queue_households',
  'queue_openings',
  'queue_assignments',
  'queue_transfers',
  'queue_complaints',
  'queue_revocations',
  'queue_places',
] as const;

export async function createSupervisorQueueTables(db: Kysely<SupervisorQueueTables>): Promise<void> {
  await db.schema
    .createTable('queue_households')
    .ifNotExists()
    .addColumn('household_id', 'text', (c) => c.primaryKey())
    .addColumn('caseworker_id', 'text')
    .addColumn('kecamatan', 'text', (c) => c.notNull())
    .addColumn('kelurahan', 'text', (c) => c.notNull())
    .addColumn('exit_proposal_id', 'text')
    .addColumn('exit_proposed_by', 'text')
    .addColumn('exit_proposed_at', 'text')
    .execute();
  await db.schema
    .createTable('queue_openings')
    .ifNotExists()
    .addColumn('opening_id', 'text', (c) => c.primaryKey())
    .addColumn('staff_id', 'text', (c) => c.notNull())
    .addColumn('household_id', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('opened_at', 'text', (c) => c.notNull())
    .addColumn('until', 'text', (c) => c.notNull())
    .addColumn('reviewed_by', 'text')
    .execute();
  await db.schema
    .createTable('queue_assignments')
    .ifNotExists()
    .addColumn('assignment_id', 'text', (c) => c.primaryKey())
    .addColumn('staff_id', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('kecamatan', 'text', (c) => c.notNull())
    .addColumn('kelurahan', 'text')
    .addColumn('valid_from', 'text', (c) => c.notNull())
    .addColumn('valid_until', 'text')
    .addColumn('revoked_on', 'text')
    .execute();
  await db.schema
    .createTable('queue_transfers')
    .ifNotExists()
    .addColumn('transfer_id', 'text', (c) => c.primaryKey())
    .addColumn('household_id', 'text', (c) => c.notNull())
    .addColumn('from_caseworker_id', 'text')
    .addColumn('to_caseworker_id', 'text', (c) => c.notNull())
    .addColumn('requested_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('queue_complaints')
    .ifNotExists()
    .addColumn('complaint_id', 'text', (c) => c.primaryKey())
    .addColumn('household_id', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('assignee', 'text')
    .addColumn('due_on', 'text', (c) => c.notNull())
    .addColumn('escalated_on', 'text')
    .execute();
  await db.schema
    .createTable('queue_revocations')
    .ifNotExists()
    .addColumn('event_id', 'text', (c) => c.primaryKey())
    .addColumn('stream', 'text', (c) => c.notNull())
    .addColumn('household_id', 'text')
    .addColumn('about_household_id', 'text')
    .addColumn('entry_type', 'text', (c) => c.notNull())
    .addColumn('requested_by', 'text', (c) => c.notNull())
    .addColumn('requested_at', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('queue_places')
    .ifNotExists()
    .addColumn('stream', 'text', (c) => c.primaryKey())
    .addColumn('kecamatan', 'text', (c) => c.notNull())
    .addColumn('kelurahan', 'text', (c) => c.notNull())
    .execute();
}
