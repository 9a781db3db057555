/**
 * Programme outcomes folded from the event feed: the numbers the programme-outcome report and
 * the example reporting job both show. Pure: it reads event types and fields that the feed keeps
 * after redaction (ids, stages, amounts, reasons), never names or NIKs in clear.
 */
export interface OutcomeEvent {
  eventId: string;
  stream: string;
  revision: number;
  type: string;
  data: unknown;
}

export interface OutcomeSummary {
  pkh: {
    enrolled: number;
    active: number;
    suspended: number;
    graduated: number;
    terminated: number;
    disbursements: number;
    disbursedRupiah: number;
  };
  kube: { formed: number; active: number; members: number; grantsRupiah: number; reportedRevenueRupiah: number };
  training: {
    invited: number;
    enrolled: number;
    declined: number;
    declinedByReason: Record<string, number>;
    completed: number;
    droppedOut: number;
  };
  exits: { approved: number; persons: number; reentered: number; reenteredPersons: number };
}

export interface OutcomeState {
  summary: OutcomeSummary;
  /** Last revision applied per stream: a repeated delivery (at least once) is dropped. */
  revisions: Record<string, number>;
  pkhStatus: Record<string, 'active' | 'suspended' | 'graduated' | 'terminated'>;
  kubeMembers: Record<string, string[]>;
  householdPersons: Record<string, number>;
}

export const emptyOutcomeState = (): OutcomeState => ({
  summary: {
    pkh: { enrolled: 0, active: 0, suspended: 0, graduated: 0, terminated: 0, disbursements: 0, disbursedRupiah: 0 },
    kube: { formed: 0, active: 0, members: 0, grantsRupiah: 0, reportedRevenueRupiah: 0 },
    training: { invited: 0, enrolled: 0, declined: 0, declinedByReason: {}, completed: 0, droppedOut: 0 },
    exits: { approved: 0, persons: 0, reentered: 0, reenteredPersons: 0 },
  },
  revisions: {},
  pkhStatus: {},
  kubeMembers: {},
  householdPersons: {},
});

type Data = Record<string, unknown>;

/** Applies one event (mutating the state); returns false for a duplicate it dropped. */
export function applyOutcomeEvent(state: OutcomeState, event: OutcomeEvent): boolean {
  const seen = state.revisions[event.stream];
  if (seen !== undefined && event.revision <= seen) return false;
  state.revisions[event.stream] = event.revision;
  const d = event.data as Data;
  const s = state.summary;
  const householdId = String(d.householdId ?? '');
  const setPkh = (status: OutcomeState['pkhStatus'][string]) => {
    state.pkhStatus[householdId] = status;
    const counts = Object.values(state.pkhStatus);
    s.pkh.active = counts.filter((c) => c === 'active').length;
    s.pkh.suspended = counts.filter((c) => c === 'suspended').length;
    s.pkh.graduated = counts.filter((c) => c === 'graduated').length;
    s.pkh.terminated = counts.filter((c) => c === 'terminated').length;
  };
  const kubeId = String(d.kubeId ?? '');
  const setMembers = (members: string[]) => {
    state.kubeMembers[kubeId] = members;
    s.kube.members = Object.values(state.kubeMembers).reduce((n, m) => n + m.length, 0);
  };
  switch (event.type) {
    case 'EnrolledInPkh':
      s.pkh.enrolled += 1;
      setPkh('active');
      break;
    case 'PkhSuspended':
      setPkh('suspended');
      break;
    case 'PkhReinstated':
      setPkh('active');
      break;
    case 'PkhGraduated':
      setPkh('graduated');
      break;
    case 'PkhTerminated':
      setPkh('terminated');
      break;
    case 'PkhBenefitDisbursed':
      s.pkh.disbursements += 1;
      s.pkh.disbursedRupiah += Number(d.amount);
      break;
    case 'KubeFormed':
      s.kube.formed += 1;
      s.kube.active += 1;
      setMembers([...(d.householdIds as string[])]);
      break;
    case 'KubeMemberJoined':
      setMembers([...(state.kubeMembers[kubeId] ?? []), householdId]);
      break;
    case 'KubeMemberLeft':
      setMembers((state.kubeMembers[kubeId] ?? []).filter((h) => h !== householdId));
      break;
    case 'KubeDissolved':
      s.kube.active -= 1;
      setMembers([]);
      break;
    case 'KubeGrantDisbursed':
      s.kube.grantsRupiah += Number(d.amount);
      break;
    case 'KubeBusinessReported':
      s.kube.reportedRevenueRupiah += Number(d.revenue);
      break;
    case 'ParticipantInvited':
      s.training.invited += 1;
      break;
    case 'InvitationAccepted':
      s.training.enrolled += 1;
      break;
    case 'InvitationDeclined': {
      s.training.declined += 1;
      const reason = String(d.reason);
      s.training.declinedByReason[reason] = (s.training.declinedByReason[reason] ?? 0) + 1;
      break;
    }
    case 'TrainingCompleted':
      s.training.completed += 1;
      break;
    case 'TrainingDroppedOut':
      s.training.droppedOut += 1;
      break;
    case 'ExitApproved':
      s.exits.approved += 1;
      s.exits.persons += Number(d.persons);
      break;
    case 'HouseholdRegistered':
      state.householdPersons[householdOf(event.stream)] = (d.members as unknown[]).length;
      break;
    case 'MemberAdded':
    case 'MemberRemoved': {
      const id = householdOf(event.stream);
      state.householdPersons[id] = (state.householdPersons[id] ?? 0) + (event.type === 'MemberAdded' ? 1 : -1);
      break;
    }
    case 'CaseReopened':
      s.exits.reentered += 1;
      s.exits.reenteredPersons += state.householdPersons[householdOf(event.stream)] ?? 0;
      break;
  }
  return true;
}

const householdOf = (stream: string): string => stream.slice(stream.indexOf('-') + 1);

/** The categories whose events move the outcomes. */
export const OUTCOME_CATEGORIES = ['household', 'pkh', 'kube', 'training'] as const;
