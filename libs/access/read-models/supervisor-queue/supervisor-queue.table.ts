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
}

export const SUPERVISOR_QUEUE_TABLES = ['queue_households', 'queue_openings', 'queue_assignments'] as const;

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
}
