import type { Kysely, Transaction } from 'kysely';
import { HOUSEHOLD_CATEGORY } from '#libs/households/index.js';
import { KUBE_CATEGORY } from '#libs/kube/index.js';
import { PKH_CATEGORY } from '#libs/pkh/index.js';
import type { RecordedEvent } from '#libs/platform/event-store/index.js';
import type { Projection } from '#libs/platform/read-store/index.js';
import { TRAINING_CATEGORY } from '#libs/training/index.js';

export interface CaseloadTables {
  caseload: {
    household_id: string;
    caseworker_id: string | null;
    kecamatan: string;
    kelurahan: string;
    head_name: string;
    welfare_status: string;
    case_status: string;
    exit_proposed: number;
    pkh_status: string | null;
    pkh_enrolled_on: string | null;
    pkh_last_stage: string | null;
    kube_id: string | null;
    kube_since: string | null;
    kube_last_report: string | null;
    trainings: string;
    last_contact_at: string | null;
    registered_position: number;
  };
  caseload_courses: { course_id: string; title: string; kind: string; ends_on: string };
}

type Trx = Transaction<CaseloadTables>;
type D = Record<string, unknown>;
export interface OpenTraining {
  courseId: string;
  title: string;
  kind: string;
  endsOn: string;
}

/** One row per household with what its caseworker follows up: programmes, last contact, due dates. */
export const caseloadProjection: Projection = {
  name: 'caseloads',
  version: 1,
  filter: { categories: [HOUSEHOLD_CATEGORY, PKH_CATEGORY, KUBE_CATEGORY, TRAINING_CATEGORY] },
  tables: ['caseload', 'caseload_courses'],
  async setup(db: Kysely<CaseloadTables>) {
    await db.schema
      .createTable('caseload')
      .ifNotExists()
      .addColumn('household_id', 'text', (c) => c.primaryKey())
      .addColumn('caseworker_id', 'text')
      .addColumn('kecamatan', 'text', (c) => c.notNull())
      .addColumn('kelurahan', 'text', (c) => c.notNull())
      .addColumn('head_name', 'text', (c) => c.notNull())
      .addColumn('welfare_status', 'text', (c) => c.notNull())
      .addColumn('case_status', 'text', (c) => c.notNull())
      .addColumn('exit_proposed', 'integer', (c) => c.notNull())
      .addColumn('pkh_status', 'text')
      .addColumn('pkh_enrolled_on', 'text')
      .addColumn('pkh_last_stage', 'text')
      .addColumn('kube_id', 'text')
      .addColumn('kube_since', 'text')
      .addColumn('kube_last_report', 'text')
      .addColumn('trainings', 'text', (c) => c.notNull())
      .addColumn('last_contact_at', 'text')
      .addColumn('registered_position', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('caseload_by_caseworker')
      .ifNotExists()
      .on('caseload')
      .columns(['caseworker_id', 'case_status'])
      .execute();
    await db.schema
      .createIndex('caseload_by_area')
      .ifNotExists()
      .on('caseload')
      .columns(['kecamatan', 'kelurahan', 'case_status'])
      .execute();
    await db.schema.createIndex('caseload_by_kube').ifNotExists().on('caseload').columns(['kube_id']).execute();
    await db.schema
      .createTable('caseload_courses')
      .ifNotExists()
      .addColumn('course_id', 'text', (c) => c.primaryKey())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('ends_on', 'text', (c) => c.notNull())
      .execute();
  },
  async apply(trx: Trx, event: RecordedEvent) {
    const d = event.data as D;
    const id = event.stream.slice(event.stream.indexOf('-') + 1);
    const occurredAt = String(event.metadata.occurredAt);
    const set = (householdId: string, values: Partial<CaseloadTables['caseload']>) =>
      trx.updateTable('caseload').set(values).where('household_id', '=', householdId).execute();
    const contact = { last_contact_at: occurredAt };
    switch (event.type) {
      case 'HouseholdRegistered': {
        const address = d.address as { kecamatan: string; kelurahan: string };
        const head = (d.members as Array<{ name: string; relationship: string }>).find(
          (m) => m.relationship === 'head',
        );
        await trx
          .insertInto('caseload')
          .values({
            household_id: id,
            caseworker_id: null,
            kecamatan: address.kecamatan,
            kelurahan: address.kelurahan,
            head_name: head?.name ?? '',
            welfare_status: 'unassessed',
            case_status: 'open',
            exit_proposed: 0,
            pkh_status: null,
            pkh_enrolled_on: null,
            pkh_last_stage: null,
            kube_id: null,
            kube_since: null,
            kube_last_report: null,
            trainings: '[]',
            last_contact_at: occurredAt,
            registered_position: event.position,
          })
          .onConflict((oc) => oc.column('household_id').doNothing())
          .execute();
        return;
      }
      case 'HouseholdAssessed':
        return void (await set(id, { welfare_status: String(d.welfareStatus), ...contact }));
      case 'CaseworkerAssigned':
        return void (await set(id, { caseworker_id: String(d.caseworkerId) }));
      case 'CaseNoteRecorded':
      case 'MemberAdded':
      case 'MemberRemoved':
        return void (await set(id, contact));
      case 'ExitProposed':
        return void (await set(id, { exit_proposed: 1, ...contact }));
      case 'ExitRejected':
        return void (await set(id, { exit_proposed: 0 }));
      case 'ExitApproved':
        return void (await set(id, { exit_proposed: 0, case_status: 'closed' }));
      case 'CaseReopened':
        return void (await set(id, { case_status: 'open', ...contact }));
      case 'EnrolledInPkh':
        return void (await set(id, {
          pkh_status: 'active',
          pkh_enrolled_on: String(d.enrolledOn),
          pkh_last_stage: null,
          ...contact,
        }));
      case 'PkhComplianceVerified':
        return void (await set(id, { pkh_last_stage: String(d.stage), ...contact }));
      case 'PkhSuspended':
        return void (await set(id, { pkh_status: 'suspended' }));
      case 'PkhReinstated':
        return void (await set(id, { pkh_status: 'active' }));
      case 'PkhGraduated':
        return void (await set(id, { pkh_status: 'graduated' }));
      case 'PkhTerminated':
        return void (await set(id, { pkh_status: 'terminated' }));
      case 'KubeFormed':
        for (const h of d.householdIds as string[])
          await set(h, { kube_id: id, kube_since: String(d.formedOn).slice(0, 7), kube_last_report: null });
        return;
      case 'KubeMemberJoined':
        return void (await set(String(d.householdId), {
          kube_id: id,
          kube_since: String(d.joinedOn).slice(0, 7),
          kube_last_report: null,
        }));
      case 'KubeMemberLeft':
        return void (await set(String(d.householdId), { kube_id: null, kube_since: null, kube_last_report: null }));
      case 'KubeDissolved':
        await trx
          .updateTable('caseload')
          .set({ kube_id: null, kube_since: null, kube_last_report: null })
          .where('kube_id', '=', id)
          .execute();
        return;
      case 'KubeBusinessReported':
        await trx
          .updateTable('caseload')
          .set({ kube_last_report: String(d.period) })
          .where('kube_id', '=', id)
          .execute();
        return;
      case 'CourseScheduled':
        await trx
          .insertInto('caseload_courses')
          .values({ course_id: id, title: String(d.title), kind: String(d.kind), ends_on: String(d.endsOn) })
          .onConflict((oc) => oc.column('course_id').doNothing())
          .execute();
        return;
      case 'InvitationAccepted':
      case 'TrainingCompleted':
      case 'TrainingDroppedOut': {
        const householdId = String(d.householdId);
        const row = await trx
          .selectFrom('caseload')
          .select('trainings')
          .where('household_id', '=', householdId)
          .executeTakeFirst();
        if (!row) return;
        const open = (JSON.parse(row.trainings) as OpenTraining[]).filter((t) => t.courseId !== id);
        if (event.type === 'InvitationAccepted') {
          const course = await trx
            .selectFrom('caseload_courses')
            .selectAll()
            .where('course_id', '=', id)
            .executeTakeFirst();
          if (course) open.push({ courseId: id, title: course.title, kind: course.kind, endsOn: course.ends_on });
        }
        await set(householdId, { trainings: JSON.stringify(open) });
        return;
      }
    }
  },
};
