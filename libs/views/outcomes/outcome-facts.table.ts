import type { Kysely } from 'kysely';

/**
 * Programme outcomes summed per basis, month (local time), area, metric and reason (`outcome_totals`),
 * and what the fold remembers between events: each household's area, persons and PKH status,
 * each Kube's area and members, each course's cost per participant.
 */
export const OUTCOME_TABLES = ['outcome_totals', 'outcome_households', 'outcome_kubes', 'outcome_courses'] as const;
/** Version 2 kept one row per fact; the report then read every one of them. */
const RETIRED_TABLES = ['outcome_facts'];

export interface OutcomeTables {
  outcome_totals: {
    /** 'business': placed by the day the fact happened; 'recorded': by when Jejak learned it. */
    basis: string;
    period: string;
    kecamatan: string;
    kelurahan: string;
    metric: string;
    /** '' when the metric has no reason (a key column cannot be NULL and still conflict). */
    reason: string;
    value: number;
  };
  outcome_households: {
    household_id: string;
    kecamatan: string;
    kelurahan: string;
    persons: number;
    pkh_status: string | null;
  };
  /** `members`: JSON of the member households' ids. */
  outcome_kubes: { kube_id: string; kecamatan: string; kelurahan: string; members: string };
  outcome_courses: { course_id: string; cost: number };
}

export async function setupOutcomeTables(db: Kysely<OutcomeTables>): Promise<void> {
  for (const table of RETIRED_TABLES) await db.schema.dropTable(table).ifExists().execute();
  await db.schema
    .createTable('outcome_totals')
    .ifNotExists()
    .addColumn('basis', 'text', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('kecamatan', 'text', (c) => c.notNull())
    .addColumn('kelurahan', 'text', (c) => c.notNull())
    .addColumn('metric', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('value', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('outcome_totals_pk', ['basis', 'period', 'kecamatan', 'kelurahan', 'metric', 'reason'])
    .execute();
  await db.schema
    .createTable('outcome_households')
    .ifNotExists()
    .addColumn('household_id', 'text', (c) => c.primaryKey())
    .addColumn('kecamatan', 'text', (c) => c.notNull())
    .addColumn('kelurahan', 'text', (c) => c.notNull())
    .addColumn('persons', 'integer', (c) => c.notNull())
    .addColumn('pkh_status', 'text')
    .execute();
  await db.schema
    .createTable('outcome_kubes')
    .ifNotExists()
    .addColumn('kube_id', 'text', (c) => c.primaryKey())
    .addColumn('kecamatan', 'text', (c) => c.notNull())
    .addColumn('kelurahan', 'text', (c) => c.notNull())
    .addColumn('members', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('outcome_courses')
    .ifNotExists()
    .addColumn('course_id', 'text', (c) => c.primaryKey())
    .addColumn('cost', 'bigint', (c) => c.notNull())
    .execute();
}
