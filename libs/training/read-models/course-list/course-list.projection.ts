import { sql, type Kysely, type Transaction } from 'kysely';
import type { RevocationEvent } from '#libs/platform/domain/index.js';
import { idOf, type RecordedEvent } from '#libs/platform/event-store/index.js';
import { otherEvent, recordedAs, type Projection, type Recorded } from '#libs/platform/read-store/index.js';
import type { TrainingEvent } from '../../domain/index.js';
import { TRAINING_CATEGORY } from '../../training-streams.js';
import { COURSE_LIST_TABLE, createCourseListTables, type CourseListTables } from './course-list.table.js';

type Trx = Transaction<CourseListTables>;

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
    const [typed] = recordedAs<TrainingEvent | RevocationEvent>([event]);
    await applyCourseEvent(trx, typed!);
  },
};

/** The count each participant's entry moved. */
const REVOKED_COUNT: Partial<Record<string, 'invited' | 'enrolled' | 'declined' | 'completed' | 'dropped_out'>> = {
  ParticipantInvited: 'invited',
  InvitationAccepted: 'enrolled',
  InvitationDeclined: 'declined',
  TrainingCompleted: 'completed',
  TrainingDroppedOut: 'dropped_out',
};

async function applyCourseEvent(trx: Trx, event: Recorded<TrainingEvent | RevocationEvent>): Promise<void> {
  const course = trx.updateTable(COURSE_LIST_TABLE).where('course_id', '=', idOf(event.stream));
  switch (event.type) {
    case 'CourseScheduled': {
      const c = event.data;
      await trx
        .insertInto(COURSE_LIST_TABLE)
        .values({
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
        })
        .onConflict((oc) => oc.column('course_id').doNothing())
        .execute();
      return;
    }
    case 'ParticipantInvited':
      await course.set({ invited: sql`invited + 1` }).execute();
      return;
    case 'InvitationAccepted':
      await course.set({ enrolled: sql`enrolled + 1` }).execute();
      return;
    case 'InvitationDeclined':
      await course.set({ declined: sql`declined + 1` }).execute();
      return;
    case 'TrainingCompleted':
      await course.set({ completed: sql`completed + 1` }).execute();
      return;
    case 'TrainingDroppedOut':
      await course.set({ dropped_out: sql`dropped_out + 1` }).execute();
      return;
    case 'SessionAttendanceRecorded':
      {
        // A session recorded again (a correction) is still one session. The casts type the
        // parameters for PostgreSQL, which cannot infer them inside CASE.
        const sessionNo = sql`CAST(${event.data.sessionNo} AS integer)`;
        await course
          .set({ sessions_held: sql`CASE WHEN sessions_held < ${sessionNo} THEN ${sessionNo} ELSE sessions_held END` })
          .execute();
      }
      return;
    case 'RevocationRequested':
    case 'RevocationRejected':
      return;
    case 'EventRevoked': {
      // A revoked entry (ADR 0019) comes off its count. A revoked attendance leaves the highest
      // session held, which the other sessions may still reach (it is usually recorded again).
      const count = REVOKED_COUNT[event.data.eventType];
      if (count) await course.set({ [count]: sql`${sql.ref(count)} - 1` }).execute();
      return;
    }
    default:
      otherEvent(event);
  }
}
