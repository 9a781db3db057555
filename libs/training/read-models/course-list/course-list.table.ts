import type { Kysely } from 'kysely';
import type { CourseKind } from '../../domain/index.js';

export const COURSE_LIST_TABLE = 'course_list';

/** One row per course: what, where, when, and how many were invited, enrolled, ...; never who. */
export interface CourseListTables {
  course_list: {
    course_id: string;
    kind: CourseKind;
    skill: string | null;
    title: string;
    provider: string;
    capacity: number;
    sessions: number;
    starts_on: string;
    ends_on: string;
    kecamatan: string;
    kelurahan: string;
    cost_per_participant: number;
    invited: number;
    enrolled: number;
    declined: number;
    completed: number;
    dropped_out: number;
    sessions_held: number;
    /** The global position of CourseScheduled: the list's order and its cursor. */
    scheduled_position: number;
  };
}

export async function createCourseListTables(db: Kysely<CourseListTables>): Promise<void> {
  const counts = ['invited', 'enrolled', 'declined', 'completed', 'dropped_out', 'sessions_held'] as const;
  let table = db.schema
    .createTable(COURSE_LIST_TABLE)
    .ifNotExists()
    .addColumn('course_id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('skill', 'text')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('capacity', 'integer', (c) => c.notNull())
    .addColumn('sessions', 'integer', (c) => c.notNull())
    .addColumn('starts_on', 'text', (c) => c.notNull())
    .addColumn('ends_on', 'text', (c) => c.notNull())
    .addColumn('kecamatan', 'text', (c) => c.notNull())
    .addColumn('kelurahan', 'text', (c) => c.notNull())
    .addColumn('cost_per_participant', 'bigint', (c) => c.notNull());
  for (const count of counts) table = table.addColumn(count, 'integer', (c) => c.notNull().defaultTo(0));
  await table.addColumn('scheduled_position', 'bigint', (c) => c.notNull().unique()).execute();
  await db.schema
    .createIndex('course_list_area')
    .ifNotExists()
    .on(COURSE_LIST_TABLE)
    .columns(['kecamatan', 'kelurahan', 'scheduled_position'])
    .execute();
}
