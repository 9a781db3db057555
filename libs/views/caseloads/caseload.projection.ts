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
    await this.applyBatch!(trx, [event]);
  },

  /** The rows a batch touches (by household, and by Kube for group events) are read once and written once. */
  async applyBatch(trx: Trx, events: readonly RecordedEvent[]) {
    const state = await preload(trx, events);
    for (const event of events) fold(state, event);
    const rows = [...state.dirty].map((id) => state.rows.get(id)!);
    for (let i = 0; i < rows.length; i += 200) {
      await trx
        .insertInto('caseload')
        .values(rows.slice(i, i + 200))
        .onConflict((oc) =>
          oc
            .column('household_id')
            .doUpdateSet((eb) =>
              Object.fromEntries(
                CASELOAD_COLUMNS.filter((c) => c !== 'household_id').map((c) => [c, eb.ref(`excluded.${c}`)]),
              ),
            ),
        )
        .execute();
    }
    const courses = [...state.newCourses].map((id) => state.courses.get(id)!);
    for (let i = 0; i < courses.length; i += 200) {
      await trx
        .insertInto('caseload_courses')
        .values(courses.slice(i, i + 200))
        .onConflict((oc) => oc.column('course_id').doNothing())
        .execute();
    }
  },
};

type Row = CaseloadTables['caseload'];
type Course = CaseloadTables['caseload_courses'];

const CASELOAD_COLUMNS: readonly (keyof Row)[] = [
  'household_id',
  'caseworker_id',
  'kecamatan',
  'kelurahan',
  'head_name',
  'welfare_status',
  'case_status',
  'exit_proposed',
  'pkh_status',
  'pkh_enrolled_on',
  'pkh_last_stage',
  'kube_id',
  'kube_since',
  'kube_last_report',
  'trainings',
  'last_contact_at',
  'registered_position',
];

interface State {
  rows: Map<string, Row>;
  /** The households of each Kube among the rows: group events reach their members without a scan. */
  byKube: Map<string, Set<string>>;
  courses: Map<string, Course>;
  dirty: Set<string>;
  newCourses: Set<string>;
}

function indexByKube(state: State, householdId: string, from: string | null, to: string | null): void {
  if (from === to) return;
  if (from !== null) state.byKube.get(from)?.delete(householdId);
  if (to === null) return;
  let members = state.byKube.get(to);
  if (!members) state.byKube.set(to, (members = new Set()));
  members.add(householdId);
}

const idOf = (event: RecordedEvent) => event.stream.slice(event.stream.indexOf('-') + 1);
const categoryOf = (event: RecordedEvent) => event.stream.slice(0, event.stream.indexOf('-'));

async function preload(trx: Trx, events: readonly RecordedEvent[]): Promise<State> {
  const households = new Set<string>();
  const kubes = new Set<string>();
  const courses = new Set<string>();
  for (const event of events) {
    const d = event.data as D;
    const category = categoryOf(event);
    if (category === HOUSEHOLD_CATEGORY || category === PKH_CATEGORY) households.add(idOf(event));
    if (category === KUBE_CATEGORY) kubes.add(idOf(event));
    if (category === TRAINING_CATEGORY) courses.add(idOf(event));
    if (typeof d.householdId === 'string') households.add(d.householdId);
    if (Array.isArray(d.householdIds)) for (const h of d.householdIds) households.add(String(h));
  }
  const state: State = {
    rows: new Map(),
    byKube: new Map(),
    courses: new Map(),
    dirty: new Set(),
    newCourses: new Set(),
  };
  const load = async (column: 'household_id' | 'kube_id', ids: string[]) => {
    for (let i = 0; i < ids.length; i += 500) {
      for (const row of await trx
        .selectFrom('caseload')
        .selectAll()
        .where(column, 'in', ids.slice(i, i + 500))
        .execute()) {
        state.rows.set(row.household_id, row);
        indexByKube(state, row.household_id, null, row.kube_id);
      }
    }
  };
  await load('household_id', [...households]);
  await load('kube_id', [...kubes]);
  const courseIds = [...courses];
  for (let i = 0; i < courseIds.length; i += 500) {
    for (const c of await trx
      .selectFrom('caseload_courses')
      .selectAll()
      .where('course_id', 'in', courseIds.slice(i, i + 500))
      .execute())
      state.courses.set(c.course_id, c);
  }
  return state;
}

function fold(state: State, event: RecordedEvent): void {
  const d = event.data as D;
  const id = idOf(event);
  const occurredAt = String(event.metadata.occurredAt);
  const set = (householdId: string, values: Partial<Row>) => {
    const row = state.rows.get(householdId);
    if (!row) return;
    if (values.kube_id !== undefined) indexByKube(state, householdId, row.kube_id, values.kube_id);
    state.rows.set(householdId, { ...row, ...values });
    state.dirty.add(householdId);
  };
  const setWhereKube = (kubeId: string, values: Partial<Row>) => {
    for (const householdId of [...(state.byKube.get(kubeId) ?? [])]) set(householdId, values);
  };
  const contact = { last_contact_at: occurredAt };
  switch (event.type) {
    case 'HouseholdRegistered': {
      if (state.rows.has(id)) return;
      const address = d.address as { kecamatan: string; kelurahan: string };
      const head = (d.members as Array<{ name: string; relationship: string }>).find((m) => m.relationship === 'head');
      state.rows.set(id, {
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
      });
      state.dirty.add(id);
      return;
    }
    case 'HouseholdAssessed':
      return set(id, { welfare_status: String(d.welfareStatus), ...contact });
    case 'CaseworkerAssigned':
      return set(id, { caseworker_id: String(d.caseworkerId) });
    case 'CaseNoteRecorded':
    case 'MemberAdded':
    case 'MemberRemoved':
      return set(id, contact);
    case 'ExitProposed':
      return set(id, { exit_proposed: 1, ...contact });
    case 'ExitRejected':
      return set(id, { exit_proposed: 0 });
    case 'ExitApproved':
      return set(id, { exit_proposed: 0, case_status: 'closed' });
    case 'CaseReopened':
      return set(id, { case_status: 'open', ...contact });
    case 'EnrolledInPkh':
      return set(id, { pkh_status: 'active', pkh_enrolled_on: String(d.enrolledOn), pkh_last_stage: null, ...contact });
    case 'PkhComplianceVerified':
      return set(id, { pkh_last_stage: String(d.stage), ...contact });
    case 'PkhSuspended':
      return set(id, { pkh_status: 'suspended' });
    case 'PkhReinstated':
      return set(id, { pkh_status: 'active' });
    case 'PkhGraduated':
      return set(id, { pkh_status: 'graduated' });
    case 'PkhTerminated':
      return set(id, { pkh_status: 'terminated' });
    case 'KubeFormed':
      for (const h of d.householdIds as string[])
        set(h, { kube_id: id, kube_since: String(d.formedOn).slice(0, 7), kube_last_report: null });
      return;
    case 'KubeMemberJoined':
      return set(String(d.householdId), {
        kube_id: id,
        kube_since: String(d.joinedOn).slice(0, 7),
        kube_last_report: null,
      });
    case 'KubeMemberLeft':
      return set(String(d.householdId), { kube_id: null, kube_since: null, kube_last_report: null });
    case 'KubeDissolved':
      return setWhereKube(id, { kube_id: null, kube_since: null, kube_last_report: null });
    case 'KubeBusinessReported':
      return setWhereKube(id, { kube_last_report: String(d.period) });
    case 'CourseScheduled':
      if (!state.courses.has(id)) {
        state.courses.set(id, {
          course_id: id,
          title: String(d.title),
          kind: String(d.kind),
          ends_on: String(d.endsOn),
        });
        state.newCourses.add(id);
      }
      return;
    case 'InvitationAccepted':
    case 'TrainingCompleted':
    case 'TrainingDroppedOut': {
      const householdId = String(d.householdId);
      const row = state.rows.get(householdId);
      if (!row) return;
      const open = (JSON.parse(row.trainings) as OpenTraining[]).filter((t) => t.courseId !== id);
      if (event.type === 'InvitationAccepted') {
        const course = state.courses.get(id);
        if (course) open.push({ courseId: id, title: course.title, kind: course.kind, endsOn: course.ends_on });
      }
      return set(householdId, { trainings: JSON.stringify(open) });
    }
  }
}
