import type { ComplaintEvent } from '#libs/complaints/index.js';
import type { HouseholdEvent } from '#libs/households/index.js';
import type { KubeEvent } from '#libs/kube/index.js';
import { pkhStatusAfter, type PkhEvent, type PkhStatus } from '#libs/pkh/index.js';
import type { EventRevoked, RevocationEvent } from '#libs/platform/domain/index.js';
import { idOf } from '#libs/platform/event-store/index.js';
import { otherEvent } from '#libs/platform/read-store/index.js';
import type { TrainingEvent } from '#libs/training/index.js';
import type { OutcomeMetric } from './outcome-metrics.js';

/** The events that move the programme outcomes: every event of these five capabilities. */
export type OutcomeEvent = HouseholdEvent | PkhEvent | KubeEvent | TrainingEvent | ComplaintEvent | RevocationEvent;

/** The categories whose events move the outcomes (the streams of `OutcomeEvent`). */
export const OUTCOME_CATEGORIES = ['household', 'pkh', 'kube', 'training', 'complaint'] as const;

/**
 * What the fold reads of an event: its stream, type and data. A recorded event is one, and so is
 * the body of a feed message after redaction (no names, NIKs in clear or addresses below the
 * kelurahan), which keeps every field read here.
 */
export type OutcomeInput = OutcomeEvent & { stream: string };

/** Where a fact happened. */
export interface Area {
  kecamatan: string;
  kelurahan: string;
}

/** One change to an outcome, at the household's or the Kube's area. */
export interface OutcomeFact {
  metric: OutcomeMetric;
  value: number;
  /** The decline reason of `training.declined`, the category of `complaints.received`; null otherwise. */
  reason: string | null;
  /**
   * null: a PKH or training event of a household the fold has not seen registered. The feed
   * brings a household's registration before anything about it (the command path makes sure),
   * so the projection drops such a fact. Kafka keeps the order within a stream only, not across
   * topics: the reporting job may read a family's PKH events before its registration, so it
   * counts the fact (its totals need no area).
   */
  area: Area | null;
}

export interface OutcomeHousehold extends Area {
  persons: number;
}

export interface OutcomeKube extends Area {
  members: readonly string[];
}

/**
 * What the fold remembers between events, keyed by household, Kube and course id. The
 * outcome-facts projection keeps it in rows it reads and writes once per batch; the reporting
 * job keeps it in memory.
 */
export interface OutcomeContext {
  household(id: string): OutcomeHousehold | undefined;
  setHousehold(id: string, household: OutcomeHousehold): void;
  /** null until the household's first PKH enrolment. */
  pkhStatus(householdId: string): PkhStatus | null;
  setPkhStatus(householdId: string, status: PkhStatus): void;
  kube(id: string): OutcomeKube | undefined;
  setKube(id: string, kube: OutcomeKube): void;
  courseCost(id: string): number | undefined;
  setCourseCost(id: string, costPerParticipant: number): void;
}

const NONE: readonly OutcomeFact[] = [];

const fact = (metric: OutcomeMetric, value: number, area: Area | null, reason: string | null = null): OutcomeFact => ({
  metric,
  value,
  reason,
  area,
});

const TRAINING_METRIC = {
  ParticipantInvited: 'training.invited',
  InvitationAccepted: 'training.enrolled',
  InvitationDeclined: 'training.declined',
  TrainingCompleted: 'training.completed',
  TrainingDroppedOut: 'training.droppedOut',
} as const satisfies Partial<Record<TrainingEvent['type'], OutcomeMetric>>;

/**
 * The outcome facts of one event, updating the context: the one derivation behind the
 * programme-outcome report (summed per month and area by the outcome-facts projection) and the
 * reporting job (summed in memory). It reads nothing across streams but a household's area, so
 * the job, which sees each stream in order but not the streams' order among each other, counts
 * the same. Flows (enrolments, rupiah) add up; stocks (PKH active and suspended, active Kube,
 * members) come as signed deltas.
 */
export function outcomeFactsOf(context: OutcomeContext, event: OutcomeInput): readonly OutcomeFact[] {
  const id = idOf(event.stream);
  switch (event.type) {
    case 'HouseholdRegistered': {
      if (context.household(id)) return NONE;
      const { address, members } = event.data;
      const { kecamatan, kelurahan } = address;
      context.setHousehold(id, { kecamatan, kelurahan, persons: members.length });
      return NONE;
    }
    case 'MemberAdded':
    case 'MemberRemoved': {
      const h = context.household(id);
      if (h) context.setHousehold(id, { ...h, persons: h.persons + (event.type === 'MemberAdded' ? 1 : -1) });
      return NONE;
    }
    case 'ChildBorn':
    case 'MemberMovedIn':
    case 'MemberDied':
    case 'MemberMovedOut': {
      const h = context.household(id);
      const joined = event.type === 'ChildBorn' || event.type === 'MemberMovedIn';
      if (h) context.setHousehold(id, { ...h, persons: h.persons + (joined ? 1 : -1) });
      return NONE;
    }
    case 'HouseholdMoved': {
      // The family's PKH stock follows it to the new kelurahan; flows stay where they happened.
      const h = context.household(id);
      if (!h) return NONE;
      const { kecamatan, kelurahan } = event.data.address;
      const moved = { ...h, kecamatan, kelurahan };
      context.setHousehold(id, moved);
      const status = context.pkhStatus(id);
      if (status !== 'active' && status !== 'suspended') return NONE;
      return [fact(`pkh.${status}AtEnd`, -1, h), fact(`pkh.${status}AtEnd`, 1, moved)];
    }
    case 'MemberDetailsCorrected':
    case 'PregnancyBegan':
    case 'PregnancyEnded':
    case 'MemberNikIssued':
    case 'SchoolLevelChanged':
    case 'DisabilityAssessed':
      return NONE;
    case 'ExitApproved': {
      const h = context.household(id);
      return h ? [fact('exits.approved', 1, h), fact('exits.persons', event.data.persons, h)] : NONE;
    }
    case 'CaseReopened': {
      const h = context.household(id);
      return h ? [fact('exits.reentered', 1, h), fact('exits.reenteredPersons', h.persons, h)] : NONE;
    }
    case 'HouseholdAssessed':
    case 'CaseworkerAssigned':
    case 'CaseNoteRecorded':
    case 'ExitProposed':
    case 'ExitRejected':
    case 'ErasureRequested':
    case 'HouseholdErased':
    case 'PkhKksAccountRecorded':
      return NONE;

    case 'EnrolledInPkh':
    case 'PkhSuspended':
    case 'PkhReinstated':
    case 'PkhGraduated':
    case 'PkhTerminated': {
      const h = context.household(id) ?? null;
      const before = context.pkhStatus(id);
      const after = pkhStatusAfter(before ?? 'not_enrolled', event);
      const facts: OutcomeFact[] = [];
      if (event.type === 'EnrolledInPkh') facts.push(fact('pkh.enrolled', 1, h));
      // Active and suspended are stocks, moved by signed deltas; graduations and terminations are flows.
      if (before === 'active' || before === 'suspended') facts.push(fact(`pkh.${before}AtEnd`, -1, h));
      if (after === 'active' || after === 'suspended') facts.push(fact(`pkh.${after}AtEnd`, 1, h));
      if (after === 'graduated' || after === 'terminated') facts.push(fact(`pkh.${after}`, 1, h));
      context.setPkhStatus(id, after);
      return facts;
    }
    case 'PkhBenefitDisbursed': {
      const h = context.household(id) ?? null;
      return [fact('pkh.disbursements', 1, h), fact('pkh.disbursedRupiah', event.data.amount, h)];
    }
    // Money counts as disbursed when the channel confirms it (ADR 0013); what failed or came back
    // is shown apart, and a recalled payment leaves the disbursed figures in the month it was recalled.
    case 'PkhPaymentFailed': {
      const h = context.household(id) ?? null;
      return [fact('pkh.failedPayments', 1, h), fact('pkh.failedRupiah', event.data.amount, h)];
    }
    case 'PkhPaymentReversed': {
      const h = context.household(id) ?? null;
      const { amount } = event.data;
      return [
        fact('pkh.disbursements', -1, h),
        fact('pkh.disbursedRupiah', -amount, h),
        fact('pkh.reversals', 1, h),
        fact('pkh.reversedRupiah', amount, h),
      ];
    }
    case 'PkhComplianceVerified':
    case 'PkhEntitlementReassessed':
      return NONE;

    case 'KubeFormed': {
      if (context.kube(id)) return NONE;
      const { kecamatan, kelurahan, householdIds } = event.data;
      const k: OutcomeKube = { kecamatan, kelurahan, members: householdIds };
      context.setKube(id, k);
      return [
        fact('kube.formed', 1, k),
        fact('kube.activeAtEnd', 1, k),
        fact('kube.membersAtEnd', householdIds.length, k),
      ];
    }
    case 'KubeMemberJoined': {
      const k = context.kube(id);
      if (!k) return NONE;
      context.setKube(id, { ...k, members: [...k.members, event.data.householdId] });
      return [fact('kube.membersAtEnd', 1, k)];
    }
    case 'KubeMemberLeft': {
      const k = context.kube(id);
      if (!k) return NONE;
      const { householdId } = event.data;
      context.setKube(id, { ...k, members: k.members.filter((m) => m !== householdId) });
      return [fact('kube.membersAtEnd', -1, k)];
    }
    case 'KubeDissolved': {
      const k = context.kube(id);
      if (!k) return NONE;
      context.setKube(id, { ...k, members: [] });
      return [fact('kube.activeAtEnd', -1, k), fact('kube.membersAtEnd', -k.members.length, k)];
    }
    case 'KubeGrantDisbursed': {
      const k = context.kube(id);
      return k ? [fact('kube.grantsRupiah', event.data.amount, k)] : NONE;
    }
    case 'KubeBusinessReported': {
      const k = context.kube(id);
      return k ? [fact('kube.reportedRevenueRupiah', event.data.revenue, k)] : NONE;
    }

    case 'CourseScheduled':
      if (context.courseCost(id) === undefined) context.setCourseCost(id, event.data.costPerParticipant);
      return NONE;
    case 'ParticipantInvited':
    case 'InvitationAccepted':
    case 'InvitationDeclined':
    case 'TrainingCompleted':
    case 'TrainingDroppedOut': {
      const h = context.household(event.data.householdId) ?? null;
      const metric = TRAINING_METRIC[event.type];
      if (event.type === 'InvitationDeclined') return [fact(metric, 1, h, event.data.reason)];
      if (event.type === 'InvitationAccepted')
        return [fact(metric, 1, h), fact('budget.trainingCostRupiah', context.courseCost(id) ?? 0, h)];
      return [fact(metric, 1, h)];
    }
    case 'SessionAttendanceRecorded':
      return NONE;

    // Counted in the complaint's area (in the event, or its household's), by its business date.
    case 'ComplaintReceived': {
      const { kecamatan, kelurahan, category } = event.data;
      return [fact('complaints.received', 1, { kecamatan, kelurahan }, category)];
    }
    case 'ComplaintEscalated':
      return [fact('complaints.escalated', 1, context.household(event.data.aboutHouseholdId) ?? null)];
    case 'ComplaintResolved':
      return [fact('complaints.resolved', 1, context.household(event.data.aboutHouseholdId) ?? null)];
    case 'ComplaintAssigned':
    case 'ComplainantInformed':
    case 'RevocationRequested':
    case 'RevocationRejected':
      return NONE;
    case 'EventRevoked':
      return revokedFacts(context, id, event.data);

    default:
      otherEvent(event);
      return NONE;
  }
}

/**
 * A revoked entry (ADR 0019) taken back in the month the revocation was recorded, as a recalled
 * payment is: a PKH entry's flows with the opposite sign, and a revoked enrolment, suspension or
 * reinstatement moves the stocks back; a household's exit or re-entry (with the persons the exit
 * carried, and the household's persons now for a re-entry). A revoked graduation or termination
 * comes off its flow and gives the family the status the revocation carries (`restored.pkhStatus`,
 * the PKH stream folded without it) back in the stocks; one recorded before the revocation carried
 * it counts as it stood. Kube and course entries: see below.
 */
function revokedFacts(context: OutcomeContext, id: string, revoked: EventRevoked['data']): readonly OutcomeFact[] {
  const h = context.household(id) ?? null;
  const amount = revoked.amount ?? 0;
  const status = context.pkhStatus(id);
  const moveStock = (from: PkhStatus, to: PkhStatus): OutcomeFact[] => {
    context.setPkhStatus(id, to);
    return [
      fact(`pkh.${from}AtEnd` as OutcomeMetric, -1, h),
      ...(to === 'active' ? [fact('pkh.activeAtEnd', 1, h)] : []),
      ...(to === 'suspended' ? [fact('pkh.suspendedAtEnd', 1, h)] : []),
    ];
  };
  switch (revoked.eventType) {
    case 'PkhBenefitDisbursed':
      return [fact('pkh.disbursements', -1, h), fact('pkh.disbursedRupiah', -amount, h)];
    case 'PkhPaymentFailed':
      return [fact('pkh.failedPayments', -1, h), fact('pkh.failedRupiah', -amount, h)];
    case 'PkhPaymentReversed':
      return [
        fact('pkh.disbursements', 1, h),
        fact('pkh.disbursedRupiah', amount, h),
        fact('pkh.reversals', -1, h),
        fact('pkh.reversedRupiah', -amount, h),
      ];
    case 'PkhSuspended':
      return status === 'suspended' ? moveStock('suspended', 'active') : NONE;
    case 'PkhReinstated':
      return status === 'active' ? moveStock('active', 'suspended') : NONE;
    case 'PkhGraduated':
    case 'PkhTerminated': {
      const back = revoked.restored?.pkhStatus as PkhStatus | undefined;
      if (!back) return NONE;
      const ended = revoked.eventType === 'PkhGraduated' ? 'graduated' : 'terminated';
      if (status !== ended) return [fact(`pkh.${ended}`, -1, h)];
      context.setPkhStatus(id, back);
      return [
        fact(`pkh.${ended}`, -1, h),
        ...(back === 'active' || back === 'suspended' ? [fact(`pkh.${back}AtEnd`, 1, h)] : []),
      ];
    }
    case 'EnrolledInPkh':
      return [
        fact('pkh.enrolled', -1, h),
        ...(status === 'active' || status === 'suspended' ? moveStock(status, 'not_enrolled') : []),
      ];
    // Household entries: an exit or a re-entry taken back; a death revoked counts the member again.
    case 'ExitApproved':
      return h ? [fact('exits.approved', -1, h), fact('exits.persons', -(revoked.persons ?? 0), h)] : NONE;
    case 'CaseReopened':
      return h ? [fact('exits.reentered', -1, h), fact('exits.reenteredPersons', -h.persons, h)] : NONE;
    case 'MemberDied': {
      const household = context.household(id);
      if (household) context.setHousehold(id, { ...household, persons: household.persons + 1 });
      return NONE;
    }
    default:
      return revokedKubeOrCourseFacts(context, id, revoked);
  }
}

/**
 * A revoked Kube or course entry (ADR 0019, "Kube and courses"), from what the revocation carries
 * (`id` is the group's or the course's), in the month it was recorded: a grant's rupiah and a
 * report's revenue come off, a joining, a leaving or a dissolution moves the member and active
 * stocks back, a participant's entry comes off its funnel count (an enrolment with its cost, a
 * decline under its reason). A group with no members left is dissolved as far as the fold knows
 * (it keeps no status): a revoked leaving does not bring a member back to it.
 */
function revokedKubeOrCourseFacts(
  context: OutcomeContext,
  id: string,
  revoked: EventRevoked['data'],
): readonly OutcomeFact[] {
  const { eventType, householdId } = revoked;
  const k = context.kube(id);
  switch (eventType) {
    case 'KubeGrantDisbursed':
      return k ? [fact('kube.grantsRupiah', -(revoked.amount ?? 0), k)] : NONE;
    case 'KubeBusinessReported':
      return k ? [fact('kube.reportedRevenueRupiah', -(revoked.amount ?? 0), k)] : NONE;
    case 'KubeMemberJoined':
      if (!k || !householdId || !k.members.includes(householdId)) return NONE;
      context.setKube(id, { ...k, members: k.members.filter((m) => m !== householdId) });
      return [fact('kube.membersAtEnd', -1, k)];
    case 'KubeMemberLeft':
      if (!k || !householdId || k.members.length === 0 || k.members.includes(householdId)) return NONE;
      context.setKube(id, { ...k, members: [...k.members, householdId] });
      return [fact('kube.membersAtEnd', 1, k)];
    case 'KubeDissolved': {
      const members = revoked.householdIds ?? [];
      if (!k || k.members.length > 0) return NONE;
      context.setKube(id, { ...k, members });
      return [fact('kube.activeAtEnd', 1, k), fact('kube.membersAtEnd', members.length, k)];
    }
    case 'ParticipantInvited':
    case 'InvitationAccepted':
    case 'InvitationDeclined':
    case 'TrainingCompleted':
    case 'TrainingDroppedOut': {
      const h = (householdId && context.household(householdId)) || null;
      const metric = TRAINING_METRIC[eventType];
      if (eventType === 'InvitationDeclined') return [fact(metric, -1, h, revoked.code ?? null)];
      if (eventType === 'InvitationAccepted')
        return [fact(metric, -1, h), fact('budget.trainingCostRupiah', -(context.courseCost(id) ?? 0), h)];
      return [fact(metric, -1, h)];
    }
    default:
      return NONE;
  }
}
