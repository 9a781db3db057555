import type { Kysely, Transaction } from 'kysely';
import { HOUSEHOLD_CATEGORY } from '#libs/households/index.js';
import { KUBE_CATEGORY } from '#libs/kube/index.js';
import { PKH_CATEGORY } from '#libs/pkh/index.js';
import type { RecordedEvent } from '#libs/platform/event-store/index.js';
import type { Projection } from '#libs/platform/read-store/index.js';
import { TRAINING_CATEGORY } from '#libs/training/index.js';
import { localMonth } from '../shared/periods.js';

/**
 * Programme outcomes summed per month (local time), area, metric and reason: each change adds its
 * amount to its row, so a city-wide report reads a few thousand rows however many households and
 * events there are. Flows (enrolments, rupiah) are summed over a period; stocks (active,
 * suspended, members) are deltas summed up to the period's end. Exactly once per event: the sums
 * and the checkpoint are written in the same transaction.
 */
export const OUTCOME_TABLES = ['outcome_totals', 'outcome_households', 'outcome_kubes', 'outcome_courses'] as const;
/** Version 2 kept one row per fact; the report then read every one of them. */
const RETIRED_TABLES = ['outcome_facts'];

export interface OutcomeTables {
  outcome_totals: {
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
  outcome_kubes: { kube_id: string; kecamatan: string; kelurahan: string; members: string };
  outcome_courses: { course_id: string; cost: number };
}

type Trx = Transaction<OutcomeTables>;
type Fact = { metric: string; value: number; reason?: string | null; area?: { kecamatan: string; kelurahan: string } };
type Household = OutcomeTables['outcome_households'];
type Kube = OutcomeTables['outcome_kubes'];
type D = Record<string, unknown>;

/**
 * The rows a batch touches, read once before it and written once after it: one event costs no
 * SQL of its own (this projection was the slowest one per event).
 */
class BatchState {
  readonly households = new Map<string, Household | null>();
  readonly kubes = new Map<string, Kube | null>();
  readonly courses = new Map<string, number | null>();
  readonly dirtyHouseholds = new Set<string>();
  readonly dirtyKubes = new Set<string>();
  readonly newCourses = new Set<string>();

  household(id: string): Household | undefined {
    return this.households.get(id) ?? undefined;
  }
  putHousehold(row: Household): void {
    this.households.set(row.household_id, row);
    this.dirtyHouseholds.add(row.household_id);
  }
  kube(id: string): Kube | undefined {
    return this.kubes.get(id) ?? undefined;
  }
  putKube(row: Kube): void {
    this.kubes.set(row.kube_id, row);
    this.dirtyKubes.add(row.kube_id);
  }
}

const idOf = (event: RecordedEvent) => event.stream.slice(event.stream.indexOf('-') + 1);
const chunks = <T>(list: T[], size = 300): T[][] =>
  Array.from({ length: Math.ceil(list.length / size) }, (_, i) => list.slice(i * size, i * size + size));

export function outcomeFactsProjection(timeZone: string): Projection {
  return {
    name: 'outcome-facts',
    version: 3,
    filter: { categories: [HOUSEHOLD_CATEGORY, PKH_CATEGORY, KUBE_CATEGORY, TRAINING_CATEGORY] },
    tables: OUTCOME_TABLES,
    async setup(db: Kysely<OutcomeTables>) {
      for (const table of RETIRED_TABLES) await db.schema.dropTable(table).ifExists().execute();
      await db.schema
        .createTable('outcome_totals')
        .ifNotExists()
        .addColumn('period', 'text', (c) => c.notNull())
        .addColumn('kecamatan', 'text', (c) => c.notNull())
        .addColumn('kelurahan', 'text', (c) => c.notNull())
        .addColumn('metric', 'text', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('value', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('outcome_totals_pk', ['period', 'kecamatan', 'kelurahan', 'metric', 'reason'])
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
    },
    async apply(trx: Trx, event: RecordedEvent) {
      await this.applyBatch!(trx, [event]);
    },
    async applyBatch(trx: Trx, events: readonly RecordedEvent[]) {
      const state = await preload(trx, events);
      const sums = new Map<string, OutcomeTables['outcome_totals']>();
      for (const event of events) {
        const period = localMonth(String(event.metadata.occurredAt), timeZone);
        for (const fact of factsOf(state, event)) {
          if (!fact.area) continue;
          const { kecamatan, kelurahan } = fact.area;
          const reason = fact.reason ?? '';
          const key = `${period}|${kecamatan}|${kelurahan}|${fact.metric}|${reason}`;
          const sum = sums.get(key);
          if (sum) sum.value += fact.value;
          else sums.set(key, { period, kecamatan, kelurahan, metric: fact.metric, reason, value: fact.value });
        }
      }
      await writeBack(trx, state);
      for (const chunk of chunks([...sums.values()])) {
        await trx
          .insertInto('outcome_totals')
          .values(chunk)
          .onConflict((oc) =>
            oc
              .columns(['period', 'kecamatan', 'kelurahan', 'metric', 'reason'])
              .doUpdateSet((eb) => ({ value: eb(eb.ref('outcome_totals.value'), '+', eb.ref('excluded.value')) })),
          )
          .execute();
      }
    },
  };
}

async function preload(trx: Trx, events: readonly RecordedEvent[]): Promise<BatchState> {
  const state = new BatchState();
  const households = new Set<string>();
  const kubes = new Set<string>();
  const courses = new Set<string>();
  for (const event of events) {
    const category = event.stream.slice(0, event.stream.indexOf('-'));
    if (category === HOUSEHOLD_CATEGORY || category === PKH_CATEGORY) households.add(idOf(event));
    if (category === KUBE_CATEGORY) kubes.add(idOf(event));
    if (category === TRAINING_CATEGORY) {
      courses.add(idOf(event));
      const householdId = (event.data as D).householdId;
      if (typeof householdId === 'string') households.add(householdId);
    }
  }
  for (const ids of chunks([...households], 500)) {
    for (const row of await trx.selectFrom('outcome_households').selectAll().where('household_id', 'in', ids).execute())
      state.households.set(row.household_id, row);
  }
  for (const ids of chunks([...kubes], 500)) {
    for (const row of await trx.selectFrom('outcome_kubes').selectAll().where('kube_id', 'in', ids).execute())
      state.kubes.set(row.kube_id, row);
  }
  for (const ids of chunks([...courses], 500)) {
    for (const row of await trx.selectFrom('outcome_courses').selectAll().where('course_id', 'in', ids).execute())
      state.courses.set(row.course_id, Number(row.cost));
  }
  return state;
}

async function writeBack(trx: Trx, state: BatchState): Promise<void> {
  const households = [...state.dirtyHouseholds].map((id) => state.households.get(id)!);
  for (const chunk of chunks(households)) {
    await trx
      .insertInto('outcome_households')
      .values(chunk)
      .onConflict((oc) =>
        oc
          .column('household_id')
          .doUpdateSet((eb) => ({ persons: eb.ref('excluded.persons'), pkh_status: eb.ref('excluded.pkh_status') })),
      )
      .execute();
  }
  const kubes = [...state.dirtyKubes].map((id) => state.kubes.get(id)!);
  for (const chunk of chunks(kubes)) {
    await trx
      .insertInto('outcome_kubes')
      .values(chunk)
      .onConflict((oc) => oc.column('kube_id').doUpdateSet((eb) => ({ members: eb.ref('excluded.members') })))
      .execute();
  }
  const courses = [...state.newCourses].map((id) => ({ course_id: id, cost: state.courses.get(id)! }));
  for (const chunk of chunks(courses)) {
    await trx
      .insertInto('outcome_courses')
      .values(chunk)
      .onConflict((oc) => oc.column('course_id').doNothing())
      .execute();
  }
}

function factsOf(state: BatchState, event: RecordedEvent): Fact[] {
  const d = event.data as D;
  const id = idOf(event);
  switch (event.type) {
    case 'HouseholdRegistered': {
      if (state.household(id)) return [];
      const address = d.address as { kecamatan: string; kelurahan: string };
      state.putHousehold({
        household_id: id,
        kecamatan: address.kecamatan,
        kelurahan: address.kelurahan,
        persons: (d.members as unknown[]).length,
        pkh_status: null,
      });
      return [];
    }
    case 'MemberAdded':
    case 'MemberRemoved': {
      const h = state.household(id);
      if (h) state.putHousehold({ ...h, persons: h.persons + (event.type === 'MemberAdded' ? 1 : -1) });
      return [];
    }
    case 'ExitApproved': {
      const h = state.household(id);
      return [
        { metric: 'exits.approved', value: 1, area: h },
        { metric: 'exits.persons', value: Number(d.persons), area: h },
      ];
    }
    case 'CaseReopened': {
      const h = state.household(id);
      return [
        { metric: 'exits.reentered', value: 1, area: h },
        { metric: 'exits.reenteredPersons', value: h?.persons ?? 0, area: h },
      ];
    }
    case 'EnrolledInPkh':
    case 'PkhSuspended':
    case 'PkhReinstated':
    case 'PkhGraduated':
    case 'PkhTerminated': {
      const h = state.household(id);
      if (!h) return [];
      const next = {
        EnrolledInPkh: 'active',
        PkhSuspended: 'suspended',
        PkhReinstated: 'active',
        PkhGraduated: 'graduated',
        PkhTerminated: 'terminated',
      }[event.type]!;
      const facts: Fact[] = [];
      if (event.type === 'EnrolledInPkh') facts.push({ metric: 'pkh.enrolled', value: 1, area: h });
      if (h.pkh_status && ['active', 'suspended'].includes(h.pkh_status))
        facts.push({ metric: `pkh.${h.pkh_status}`, value: -1, area: h });
      facts.push({ metric: `pkh.${next}`, value: 1, area: h });
      state.putHousehold({ ...h, pkh_status: next });
      return facts;
    }
    case 'PkhBenefitDisbursed': {
      const h = state.household(id);
      return [
        { metric: 'pkh.disbursements', value: 1, area: h },
        { metric: 'pkh.disbursedRupiah', value: Number(d.amount), area: h },
      ];
    }
    case 'KubeFormed': {
      if (state.kube(id)) return [];
      const members = d.householdIds as string[];
      const area = { kecamatan: String(d.kecamatan), kelurahan: String(d.kelurahan) };
      state.putKube({ kube_id: id, ...area, members: JSON.stringify(members) });
      return [
        { metric: 'kube.formed', value: 1, area },
        { metric: 'kube.active', value: 1, area },
        { metric: 'kube.members', value: members.length, area },
      ];
    }
    case 'KubeMemberJoined':
    case 'KubeMemberLeft':
    case 'KubeDissolved':
    case 'KubeGrantDisbursed':
    case 'KubeBusinessReported': {
      const k = state.kube(id);
      if (!k) return [];
      const area = { kecamatan: k.kecamatan, kelurahan: k.kelurahan };
      const members = JSON.parse(k.members) as string[];
      const setMembers = (list: string[]) => state.putKube({ ...k, members: JSON.stringify(list) });
      if (event.type === 'KubeMemberJoined') {
        setMembers([...members, String(d.householdId)]);
        return [{ metric: 'kube.members', value: 1, area }];
      }
      if (event.type === 'KubeMemberLeft') {
        setMembers(members.filter((m) => m !== d.householdId));
        return [{ metric: 'kube.members', value: -1, area }];
      }
      if (event.type === 'KubeDissolved') {
        setMembers([]);
        return [
          { metric: 'kube.active', value: -1, area },
          { metric: 'kube.members', value: -members.length, area },
        ];
      }
      if (event.type === 'KubeGrantDisbursed') return [{ metric: 'kube.grantsRupiah', value: Number(d.amount), area }];
      return [{ metric: 'kube.reportedRevenueRupiah', value: Number(d.revenue), area }];
    }
    case 'CourseScheduled':
      if (!state.courses.has(id) || state.courses.get(id) === null) {
        state.courses.set(id, Number(d.costPerParticipant));
        state.newCourses.add(id);
      }
      return [];
    case 'ParticipantInvited':
    case 'InvitationAccepted':
    case 'InvitationDeclined':
    case 'TrainingCompleted':
    case 'TrainingDroppedOut': {
      const h = state.household(String(d.householdId));
      const metric = {
        ParticipantInvited: 'training.invited',
        InvitationAccepted: 'training.enrolled',
        InvitationDeclined: 'training.declined',
        TrainingCompleted: 'training.completed',
        TrainingDroppedOut: 'training.droppedOut',
      }[event.type]!;
      const facts: Fact[] = [
        { metric, value: 1, reason: event.type === 'InvitationDeclined' ? String(d.reason) : null, area: h },
      ];
      if (event.type === 'InvitationAccepted')
        facts.push({ metric: 'budget.trainingCostRupiah', value: Number(state.courses.get(id) ?? 0), area: h });
      return facts;
    }
    default:
      return [];
  }
}
