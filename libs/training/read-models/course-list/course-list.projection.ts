import type { Kysely, Transaction } from 'kysely';
import type { RevocationEvent } from '#libs/platform/domain/index.js';
import { idOf, type RecordedEvent } from '#libs/platform/event-store/index.js';
import { BatchRows, otherEvent, recordedAs, type Projection, type Recorded } from '#libs/platform/read-store/index.js';
import type { TrainingEvent } from '../../domain/index.js';
import { TRAINING_CATEGORY } from '../../training-streams.js';
import { COURSE_LIST_TABLE, createCourseListTables, type CourseListTables } from './course-list.table.js';

type Trx = Transaction<CourseListTables>;
type CourseRow = CourseListTables['course_list'];

/** The courses of the city, for GET /trainings: one row each, counts instead of participants. */
export const courseListProjection: Projection = {
  name: 'course-list',
  version: 1,
  filter: { categories: [TRAINING_CATEGORY] },
  tables: [COURSE_LIST_TABLE],
  async setup(db: Kysely<CourseListTables>) {
    await createCourseListTables(db);
  },
  async apply(trx: Trx, event: RecordedEvent) {
    await this.applyBatch!(trx, [event]);
  },
  /** The courses a batch touches are read once, counted in memory and written once. */
  async applyBatch(trx: Trx, recorded: readonly RecordedEvent[]) {
    const events = recordedAs<TrainingEvent | RevocationEvent>(recorded);
    await new BatchRows<CourseRow>({ table: COURSE_LIST_TABLE, key: 'course_id' }).fold(
      trx,
      events,
      (event) => (event.type === 'CourseScheduled' ? event.data.courseId : idOf(event.stream)),
      applyCourseEvent,
    );
  },
};

type CountColumn = 'invited' | 'enrolled' | 'declined' | 'completed' | 'dropped_out';

/** The count each participant's entry moved. */
const REVOKED_COUNT: Partial<Record<string, CountColumn>> = {
  ParticipantInvited: 'invited',
  InvitationAccepted: 'enrolled',
  InvitationDeclined: 'declined',
  TrainingCompleted: 'completed',
  TrainingDroppedOut: 'dropped_out',
};

function applyCourseEvent(rows: BatchRows<CourseRow>, event: Recorded<TrainingEvent | RevocationEvent>): void {
  const courseId = idOf(event.stream);
  const count = (column: CountColumn, by: 1 | -1) => rows.set(courseId, (row) => ({ [column]: row[column] + by }));
  switch (event.type) {
    case 'CourseScheduled': {
      const c = event.data;
      rows.add({
        course_id: c.courseId,
        kind: c.kind,
        skill: c.skill,
        title: c.title,
        provider: c.provider,
        capacity: c.capacity,
        sessions: c.sessions,
        starts_on: c.startsOn,
        ends_on: c.endsOn,
        kecamatan: c.kecamatan,
        kelurahan: c.kelurahan,
        cost_per_participant: c.costPerParticipant,
        invited: 0,
        enrolled: 0,
        declined: 0,
        completed: 0,
        dropped_out: 0,
        sessions_held: 0,
        scheduled_position: event.position,
      });
      return;
    }
    case 'ParticipantInvited':
      return count('invited', 1);
    case 'InvitationAccepted':
      return count('enrolled', 1);
    case 'InvitationDeclined':
      return count('declined', 1);
    case 'TrainingCompleted':
      return count('completed', 1);
    case 'TrainingDroppedOut':
      return count('dropped_out', 1);
    case 'SessionAttendanceRecorded':
      // A session recorded again (a correction) is still one session.
      rows.set(courseId, (row) => ({ sessions_held: Math.max(row.sessions_held, event.data.sessionNo) }));
      return;
    case 'RevocationRequested':
    case 'RevocationRejected':
      return;
    case 'EventRevoked': {
      // A revoked entry (ADR 0019) comes off its count. A revoked attendance leaves the highest
      // session held, which the other sessions may still reach (it is usually recorded again).
      const column = REVOKED_COUNT[event.data.eventType];
      if (column) count(column, -1);
      return;
    }
    default:
      otherEvent(event);
  }
}
