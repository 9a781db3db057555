import {
  conflict,
  notFound,
  revocable,
  ruleBroken,
  unreachable,
  type Decider,
  type RevocationRules,
} from '#libs/platform/domain/index.js';
import type { KubeEvent, KubeLeaveReason } from './kube.events.js';

/** Group size rules; the deployment sets them (KUBE_MIN_MEMBERS, KUBE_MAX_MEMBERS). */
export interface KubeSizeRule {
  minMembers: number;
  maxMembers: number;
}

/** What the household registry says of a household that is to be in a group. */
export type KubeHouseholdStanding = 'open_case' | 'closed_case' | 'not_registered';

export type KubeCommand =
  | {
      type: 'FormKube';
      data: {
        kubeId: string;
        name: string;
        businessType: string;
        kecamatan: string;
        kelurahan: string;
        householdIds: string[];
        /** Each listed household's standing in the registry. */
        standing: Record<string, KubeHouseholdStanding>;
        formedOn: string;
        size: KubeSizeRule;
        at: string;
      };
    }
  | {
      type: 'JoinKube';
      data: { householdId: string; standing: KubeHouseholdStanding; joinedOn: string; size: KubeSizeRule; at: string };
    }
  | {
      type: 'LeaveKube';
      data: { householdId: string; reason: KubeLeaveReason; detail: string | null; leftOn: string; at: string };
    }
  | {
      type: 'DisburseKubeGrant';
      data: { amount: number; source: string; reference: string; disbursedOn: string; size: KubeSizeRule; at: string };
    }
  | { type: 'ReportKubeBusiness'; data: { period: string; revenue: number; activeMembers: number; at: string } }
  | { type: 'DissolveKube'; data: { reason: string; dissolvedOn: string; at: string } };

export interface KubeState {
  status: 'none' | 'active' | 'dissolved';
  kubeId: string | null;
  /** Where the group works: whoever covers it reaches the group. */
  area: { kecamatan: string; kelurahan: string } | null;
  members: string[];
  formerMembers: string[];
  grants: number;
  reportedPeriods: string[];
}

const kubeRules: Decider<KubeCommand, KubeEvent, KubeState> = {
  initialState: () => ({
    status: 'none',
    kubeId: null,
    area: null,
    members: [],
    formerMembers: [],
    grants: 0,
    reportedPeriods: [],
  }),
  evolve(state, event) {
    switch (event.type) {
      case 'KubeFormed':
        return {
          ...state,
          status: 'active',
          kubeId: event.data.kubeId,
          area: { kecamatan: event.data.kecamatan, kelurahan: event.data.kelurahan },
          members: [...event.data.householdIds],
        };
      case 'KubeMemberJoined':
        return { ...state, members: [...state.members, event.data.householdId] };
      case 'KubeMemberLeft':
        return {
          ...state,
          members: state.members.filter((m) => m !== event.data.householdId),
          formerMembers: [...state.formerMembers, event.data.householdId],
        };
      case 'KubeGrantDisbursed':
        return { ...state, grants: state.grants + event.data.amount };
      case 'KubeBusinessReported':
        return { ...state, reportedPeriods: [...state.reportedPeriods, event.data.period] };
      case 'KubeDissolved':
        return {
          ...state,
          status: 'dissolved',
          formerMembers: [...state.formerMembers, ...state.members],
          members: [],
        };
      default:
        return state;
    }
  },
  decide(command, state) {
    if (command.type === 'FormKube') {
      const { kubeId, name, businessType, kecamatan, kelurahan, householdIds, standing, formedOn, size } = command.data;
      if (state.status !== 'none') throw conflict('KUBE.ALREADY_FORMED', `Kube ${state.kubeId} already exists`);
      if (new Set(householdIds).size !== householdIds.length) {
        throw ruleBroken('KUBE.MEMBER_LISTED_TWICE', 'A household is listed twice');
      }
      groupSizeWithin(householdIds.length, size);
      for (const householdId of householdIds) householdMayJoin(householdId, standing[householdId] ?? 'not_registered');
      return [
        { type: 'KubeFormed', data: { kubeId, name, businessType, kecamatan, kelurahan, householdIds, formedOn } },
      ];
    }
    if (state.status === 'none') throw notFound('KUBE.NOT_FOUND', 'No Kube is formed under this id');
    if (state.status === 'dissolved') throw ruleBroken('KUBE.DISSOLVED', 'The Kube is dissolved');
    const kubeId = state.kubeId!;
    switch (command.type) {
      case 'JoinKube': {
        const { householdId, standing, joinedOn, size } = command.data;
        householdMayJoin(householdId, standing);
        if (state.members.includes(householdId))
          throw ruleBroken('KUBE.ALREADY_A_MEMBER', 'The household is already a member');
        if (state.members.length >= size.maxMembers) {
          throw ruleBroken('KUBE.GROUP_FULL', `A Kube has at most ${size.maxMembers} member households`);
        }
        return [{ type: 'KubeMemberJoined', data: { kubeId, householdId, joinedOn } }];
      }
      case 'LeaveKube': {
        const { householdId, reason, detail, leftOn } = command.data;
        if (!state.members.includes(householdId))
          throw notFound('KUBE.NOT_A_MEMBER', 'The household is not a member of this Kube');
        return [{ type: 'KubeMemberLeft', data: { kubeId, householdId, reason, detail, leftOn } }];
      }
      case 'DisburseKubeGrant': {
        const { amount, source, reference, disbursedOn, size } = command.data;
        if (state.members.length < size.minMembers) {
          throw ruleBroken(
            'KUBE.TOO_FEW_MEMBERS_FOR_GRANT',
            `A grant needs at least ${size.minMembers} member households`,
          );
        }
        return [{ type: 'KubeGrantDisbursed', data: { kubeId, amount, source, reference, disbursedOn } }];
      }
      case 'ReportKubeBusiness': {
        const { period, revenue, activeMembers } = command.data;
        if (state.reportedPeriods.includes(period))
          throw ruleBroken('KUBE.PERIOD_ALREADY_REPORTED', `${period} is already reported`);
        if (activeMembers > state.members.length) {
          throw ruleBroken('KUBE.MORE_ACTIVE_THAN_MEMBERS', `The Kube has ${state.members.length} member households`);
        }
        return [{ type: 'KubeBusinessReported', data: { kubeId, period, revenue, activeMembers } }];
      }
      case 'DissolveKube': {
        const { reason, dissolvedOn } = command.data;
        return [{ type: 'KubeDissolved', data: { kubeId, reason, householdIds: state.members, dissolvedOn } }];
      }
      default:
        return unreachable(command);
    }
  },
};

/**
 * What a Kube entry's revocation asks (ADR 0019, "Kube and courses"). The forming is the group's
 * identity: it cannot be revoked (the group is dissolved instead). A grant moved money; a
 * dissolution, a joining or a leaving moved a household's place in a group (held in one group
 * at a time, and counted for a grant): a caseworker asks, a supervisor approves. A business
 * report is a mere record: a caseworker revokes it at once. What followed, for review: from a
 * joining, the same household's leaving and the grants given while it was counted; from a
 * leaving, the same household's joining again.
 */
export const KUBE_REVOCATION_RULES: RevocationRules = {
  irrevocable: ['KubeFormed'],
  needApproval: ['KubeMemberJoined', 'KubeMemberLeft', 'KubeGrantDisbursed', 'KubeDissolved'],
  follows: {
    KubeMemberJoined: ['KubeMemberLeft', 'KubeGrantDisbursed'],
    KubeMemberLeft: ['KubeMemberJoined'],
  },
  key: 'householdId',
};

/** The Kube rules with corrections: a revoked entry is folded as if it had not happened. */
export const kubeDecider = revocable(kubeRules, KUBE_REVOCATION_RULES);

/** A household joins a group only while registered with an open case (not after its exit). */
function householdMayJoin(householdId: string, standing: KubeHouseholdStanding): void {
  if (standing === 'not_registered')
    throw notFound('KUBE.HOUSEHOLD_NOT_REGISTERED', `No household ${householdId}`, { householdId });
  if (standing === 'closed_case')
    throw ruleBroken('KUBE.HOUSEHOLD_CASE_CLOSED', `Household ${householdId} has exited poverty`, { householdId });
}

function groupSizeWithin(count: number, size: KubeSizeRule): void {
  if (count < size.minMembers || count > size.maxMembers) {
    throw ruleBroken(
      'KUBE.GROUP_SIZE',
      `A Kube is formed by ${size.minMembers} to ${size.maxMembers} households, not ${count}`,
    );
  }
}
