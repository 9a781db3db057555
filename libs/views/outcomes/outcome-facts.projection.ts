import type { Kysely, Transaction } from 'kysely';
import { HOUSEHOLD_CATEGORY } from '#libs/households/index.js';
import { KUBE_CATEGORY } from '#libs/kube/index.js';
import { PKH_CATEGORY } from '#libs/pkh/index.js';
import type { RecordedEvent } from '#libs/platform/event-store/index.js';
import type { Projection } from '#libs/platform/read-store/index.js';
import { TRAINING_CATEGORY } from '#libs/training/index.js';
import { localMonth } from '../shared/periods.js';

/**
 * One row per change to a programme outcome: the month it happened in (local time), the area it
 * belongs to, the metric and the amount. Flows (enrolments, rupiah) are summed over a period;
 * stocks (active, suspended, members) are deltas summed up to the period's end.
 */
export const OUTCOME_TABLES = ['outcome_facts', 'outcome_households', 'outcome_kubes', 'outcome_courses'] as const;

export interface OutcomeTables {
  outcome_facts: {
    position: number;
    seq: number;
    period: string;
    kecamatan: string;
    kelurahan: string;
    metric: string;
    value: number;
    reason: string | null;
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

export function outcomeFactsProjection(timeZone: string): Projection {
  return {
    name: 'outcome-facts',
    version: 1,
    filter: { categories: [HOUSEHOLD_CATEGORY, PKH_CATEGORY, KUBE_CATEGORY, TRAINING_CATEGORY] },
    tables: OUTCOME_TABLES,
    async setup(db: Kysely<OutcomeTables>) {
      await db.schema
        .createTable('outcome_facts')
        .ifNotExists()
        .addColumn('position', 'bigint', (c) => c.notNull())
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('period', 'text', (c) => c.notNull())
        .addColumn('kecamatan', 'text', (c) => c.notNull())
        .addColumn('kelurahan', 'text', (c) => c.notNull())
        .addColumn('metric', 'text', (c) => c.notNull())
        .addColumn('value', 'bigint', (c) => c.notNull())
        .addColumn('reason', 'text')
        .addPrimaryKeyConstraint('outcome_facts_pk', ['position', 'seq'])
        .execute();
      await db.schema
        .createIndex('outcome_facts_by_period')
        .ifNotExists()
        .on('outcome_facts')
        .columns(['period', 'kecamatan', 'kelurahan'])
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
      const facts = await factsOf(trx, event);
      const period = localMonth(String(event.metadata.occurredAt), timeZone);
      for (const [seq, fact] of facts.entries()) {
        if (!fact.area) continue;
        await trx
          .insertInto('outcome_facts')
          .values({
            position: event.position,
            seq,
            period,
            kecamatan: fact.area.kecamatan,
            kelurahan: fact.area.kelurahan,
            metric: fact.metric,
            value: fact.value,
            reason: fact.reason ?? null,
          })
          .onConflict((oc) => oc.columns(['position', 'seq']).doNothing())
          .execute();
      }
    },
  };
}

type D = Record<string, unknown>;

async function householdArea(trx: Trx, householdId: string) {
  return trx.selectFrom('outcome_households').selectAll().where('household_id', '=', householdId).executeTakeFirst();
}

async function factsOf(trx: Trx, event: RecordedEvent): Promise<Fact[]> {
  const d = event.data as D;
  const id = event.stream.slice(event.stream.indexOf('-') + 1);
  switch (event.type) {
    case 'HouseholdRegistered': {
      const address = d.address as { kecamatan: string; kelurahan: string };
      await trx
        .insertInto('outcome_households')
        .values({
          household_id: id,
          kecamatan: address.kecamatan,
          kelurahan: address.kelurahan,
          persons: (d.members as unknown[]).length,
          pkh_status: null,
        })
        .onConflict((oc) => oc.column('household_id').doNothing())
        .execute();
      return [];
    }
    case 'MemberAdded':
    case 'MemberRemoved':
      await trx
        .updateTable('outcome_households')
        .set((eb) => ({ persons: eb('persons', '+', event.type === 'MemberAdded' ? 1 : -1) }))
        .where('household_id', '=', id)
        .execute();
      return [];
    case 'ExitApproved': {
      const h = await householdArea(trx, id);
      return [
        { metric: 'exits.approved', value: 1, area: h },
        { metric: 'exits.persons', value: Number(d.persons), area: h },
      ];
    }
    case 'CaseReopened': {
      const h = await householdArea(trx, id);
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
      const h = await householdArea(trx, id);
      if (!h) return [];
      const next = {
        EnrolledInPkh: 'active',
        PkhSuspended: 'suspended',
        PkhReinstated: 'active',
        PkhGraduated: 'graduated',
        PkhTerminated: 'terminated',
      }[event.type]!;
      await trx.updateTable('outcome_households').set({ pkh_status: next }).where('household_id', '=', id).execute();
      const facts: Fact[] = [];
      if (event.type === 'EnrolledInPkh') facts.push({ metric: 'pkh.enrolled', value: 1, area: h });
      if (h.pkh_status && ['active', 'suspended'].includes(h.pkh_status))
        facts.push({ metric: `pkh.${h.pkh_status}`, value: -1, area: h });
      facts.push({ metric: `pkh.${next}`, value: 1, area: h });
      return facts;
    }
    case 'PkhBenefitDisbursed': {
      const h = await householdArea(trx, id);
      return [
        { metric: 'pkh.disbursements', value: 1, area: h },
        { metric: 'pkh.disbursedRupiah', value: Number(d.amount), area: h },
      ];
    }
    case 'KubeFormed': {
      const members = d.householdIds as string[];
      const area = { kecamatan: String(d.kecamatan), kelurahan: String(d.kelurahan) };
      await trx
        .insertInto('outcome_kubes')
        .values({ kube_id: id, ...area, members: JSON.stringify(members) })
        .onConflict((oc) => oc.column('kube_id').doNothing())
        .execute();
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
      const k = await trx.selectFrom('outcome_kubes').selectAll().where('kube_id', '=', id).executeTakeFirst();
      if (!k) return [];
      const area = { kecamatan: k.kecamatan, kelurahan: k.kelurahan };
      const members = JSON.parse(k.members) as string[];
      const setMembers = (list: string[]) =>
        trx
          .updateTable('outcome_kubes')
          .set({ members: JSON.stringify(list) })
          .where('kube_id', '=', id)
          .execute();
      if (event.type === 'KubeMemberJoined') {
        await setMembers([...members, String(d.householdId)]);
        return [{ metric: 'kube.members', value: 1, area }];
      }
      if (event.type === 'KubeMemberLeft') {
        await setMembers(members.filter((m) => m !== d.householdId));
        return [{ metric: 'kube.members', value: -1, area }];
      }
      if (event.type === 'KubeDissolved') {
        await setMembers([]);
        return [
          { metric: 'kube.active', value: -1, area },
          { metric: 'kube.members', value: -members.length, area },
        ];
      }
      if (event.type === 'KubeGrantDisbursed') return [{ metric: 'kube.grantsRupiah', value: Number(d.amount), area }];
      return [{ metric: 'kube.reportedRevenueRupiah', value: Number(d.revenue), area }];
    }
    case 'CourseScheduled':
      await trx
        .insertInto('outcome_courses')
        .values({ course_id: id, cost: Number(d.costPerParticipant) })
        .onConflict((oc) => oc.column('course_id').doNothing())
        .execute();
      return [];
    case 'ParticipantInvited':
    case 'InvitationAccepted':
    case 'InvitationDeclined':
    case 'TrainingCompleted':
    case 'TrainingDroppedOut': {
      const h = await householdArea(trx, String(d.householdId));
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
      if (event.type === 'InvitationAccepted') {
        const course = await trx
          .selectFrom('outcome_courses')
          .select('cost')
          .where('course_id', '=', id)
          .executeTakeFirst();
        facts.push({ metric: 'budget.trainingCostRupiah', value: Number(course?.cost ?? 0), area: h });
      }
      return facts;
    }
    default:
      return [];
  }
}
