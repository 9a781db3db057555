import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { Kysely } from 'kysely';
import type { Reach } from '#libs/platform/auth/index.js';
import { afterCursor, pageAfter } from '#libs/platform/http/index.js';
import { READ_DATABASE, areaReachCondition, type ReadDatabase } from '#libs/platform/read-store/index.js';
import type { CourseStatus, ListCoursesQueryDto } from './course-list.request.dto.js';
import type { CourseListItem, CoursePage } from './course-list.response.dto.js';
import { COURSE_LIST_TABLE, type CourseListTables } from './course-list.table.js';

export class ListCoursesQuery extends Query<CoursePage> {
  constructor(
    readonly filter: ListCoursesQueryDto,
    /** Only the courses of the caller's areas are listed. */
    readonly reach: Reach,
    /** Today (YYYY-MM-DD, the deployment's time zone): what status means. */
    readonly today: string,
  ) {
    super();
  }
}

@QueryHandler(ListCoursesQuery)
export class ListCoursesHandler implements IQueryHandler<ListCoursesQuery> {
  private readonly db: Kysely<CourseListTables>;
  constructor(@Inject(READ_DATABASE) database: ReadDatabase) {
    this.db = database.reader;
  }

  async execute({ filter, reach, today }: ListCoursesQuery): Promise<CoursePage> {
    const limit = filter.limit ?? 20;
    const after = afterCursor(filter.cursor);
    let query = this.db
      .selectFrom(COURSE_LIST_TABLE)
      .selectAll()
      .orderBy('scheduled_position')
      .limit(limit + 1);
    const reached = areaReachCondition(reach);
    if (reached) query = query.where(reached);
    if (after !== undefined) query = query.where('scheduled_position', '>', after);
    if (filter.kecamatan) query = query.where('kecamatan', '=', filter.kecamatan);
    if (filter.kelurahan) query = query.where('kelurahan', '=', filter.kelurahan);
    if (filter.kind) query = query.where('kind', '=', filter.kind);
    if (filter.skill) query = query.where('skill', '=', filter.skill);
    if (filter.status === 'upcoming') query = query.where('starts_on', '>', today);
    if (filter.status === 'running') query = query.where('starts_on', '<=', today).where('ends_on', '>=', today);
    if (filter.status === 'ended') query = query.where('ends_on', '<', today);
    const rows = await query.execute();
    return pageAfter(
      rows,
      limit,
      (row) => row.scheduled_position,
      (row) => toItem(row, today),
    );
  }
}

function statusOn(row: { starts_on: string; ends_on: string }, today: string): CourseStatus {
  if (row.starts_on > today) return 'upcoming';
  return row.ends_on < today ? 'ended' : 'running';
}

function toItem(row: CourseListTables['course_list'], today: string): CourseListItem {
  return {
    id: row.course_id,
    kind: row.kind,
    skill: row.skill,
    title: row.title,
    provider: row.provider,
    capacity: row.capacity,
    sessions: row.sessions,
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    status: statusOn(row, today),
    kecamatan: row.kecamatan,
    kelurahan: row.kelurahan,
    // bigint columns come back from PostgreSQL as strings
    costPerParticipant: Number(row.cost_per_participant),
    invited: row.invited,
    enrolled: row.enrolled,
    declined: row.declined,
    completed: row.completed,
    droppedOut: row.dropped_out,
    sessionsHeld: row.sessions_held,
  };
}
