import { MEMBER_CHANGE_TYPES, type MemberChangeEvent } from './member-change.events.js';
import { membersAfter } from './member-change.state.js';
import type {
  Address,
  ErasureLegalBasis,
  HouseholdEvent,
  LeavingReason,
  Member,
  WelfareStatus,
} from './household.events.js';

export interface Assessment {
  assessmentId: string;
  perCapitaIncome: number;
  povertyLine: number;
  assessedOn: string;
}

export type HouseholdState =
  | { status: 'unregistered' }
  | {
      status: 'registered';
      householdId: string;
      kk: string;
      address: Address;
      members: Member[];
      formerMembers: Array<Member & { removedFor: LeavingReason }>;
      caseworkerId: string | null;
      welfareStatus: WelfareStatus;
      lastAssessment: Assessment | null;
      notes: number;
      caseStatus: 'open' | 'closed';
      /** The day the case closed (the exit's date) while it is closed. */
      closedOn: string | null;
      pendingExit: { proposalId: string; proposedBy: string } | null;
      exits: number;
      erasure: { requestId: string; requestedBy: string; legalBasis: ErasureLegalBasis } | null;
      /** Erased (ADR 0010): its personal fields read as markers; it takes no command. */
      erased: boolean;
    };

export type RegisteredHousehold = Extract<HouseholdState, { status: 'registered' }>;

export const initialHouseholdState = (): HouseholdState => ({ status: 'unregistered' });

export function evolveHousehold(state: HouseholdState, event: HouseholdEvent): HouseholdState {
  if (event.type === 'HouseholdRegistered') {
    const { householdId, kk, address, members } = event.data;
    return {
      status: 'registered',
      householdId,
      kk,
      address,
      members,
      formerMembers: [],
      caseworkerId: null,
      welfareStatus: 'unassessed',
      lastAssessment: null,
      notes: 0,
      caseStatus: 'open',
      closedOn: null,
      pendingExit: null,
      exits: 0,
      erasure: null,
      erased: false,
    };
  }
  if (state.status !== 'registered') return state;
  if (isMemberChange(event)) return evolveMemberChange(state, event);
  switch (event.type) {
    case 'HouseholdAssessed': {
      const { assessmentId, perCapitaIncome, povertyLine, assessedOn, welfareStatus } = event.data;
      return { ...state, welfareStatus, lastAssessment: { assessmentId, perCapitaIncome, povertyLine, assessedOn } };
    }
    case 'CaseworkerAssigned':
      return { ...state, caseworkerId: event.data.caseworkerId };
    case 'CaseNoteRecorded':
      return { ...state, notes: state.notes + 1 };
    case 'MemberAdded':
      return { ...state, members: [...state.members, event.data.member] };
    case 'MemberRemoved': {
      const removed = state.members.find((m) => m.nik === event.data.nik);
      return {
        ...state,
        members: state.members.filter((m) => m.nik !== event.data.nik),
        formerMembers: removed
          ? [...state.formerMembers, { ...removed, removedFor: event.data.reason }]
          : state.formerMembers,
      };
    }
    case 'ExitProposed':
      return { ...state, pendingExit: { proposalId: event.data.proposalId, proposedBy: event.data.proposedBy } };
    case 'ExitApproved':
      return {
        ...state,
        pendingExit: null,
        caseStatus: 'closed',
        closedOn: event.data.exitedOn,
        exits: state.exits + 1,
      };
    case 'ExitRejected':
      return { ...state, pendingExit: null };
    case 'CaseReopened':
      return { ...state, caseStatus: 'open', closedOn: null };
    case 'ErasureRequested': {
      const { requestId, requestedBy, legalBasis } = event.data;
      return { ...state, erasure: { requestId, requestedBy, legalBasis } };
    }
    case 'HouseholdErased':
      return { ...state, erasure: null, erased: true };
    default:
      return state;
  }
}

const MEMBER_CHANGES = new Set<string>(MEMBER_CHANGE_TYPES);
const isMemberChange = (event: HouseholdEvent): event is MemberChangeEvent => MEMBER_CHANGES.has(event.type);

function evolveMemberChange(household: RegisteredHousehold, event: MemberChangeEvent): RegisteredHousehold {
  const members = membersAfter(household.members, event);
  if (event.type === 'HouseholdMoved') return { ...household, address: event.data.address };
  if (event.type !== 'MemberDied' && event.type !== 'MemberMovedOut') return { ...household, members };
  const leaving = household.members.find((m) => m.nik === event.data.nik);
  const removedFor = event.type === 'MemberDied' ? 'died' : 'moved_out';
  return {
    ...household,
    members,
    formerMembers: leaving ? [...household.formerMembers, { ...leaving, removedFor }] : household.formerMembers,
  };
}
