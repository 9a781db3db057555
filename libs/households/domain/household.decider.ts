import {
  conflict,
  notFound,
  revocable,
  ruleBroken,
  unreachable,
  type Decider,
  type RestoredStatus,
  type RevocationRules,
} from '#libs/platform/domain/index.js';
import type { HouseholdCommand } from './household.commands.js';
import type { HouseholdEvent } from './household.events.js';
import { birthDateNotInFuture, dtksRankingAsOf, mustHaveOneHead, pregnantOnlyIfFemale } from './household.rules.js';
import { decideMemberChange, isMemberChangeCommand } from './member-change.decider.js';
import {
  evolveHousehold,
  initialHouseholdState,
  type HouseholdState,
  type RegisteredHousehold,
} from './household.state.js';

const householdRules: Decider<HouseholdCommand, HouseholdEvent, HouseholdState> = {
  initialState: initialHouseholdState,
  evolve: evolveHousehold,
  decide(command, state) {
    if (command.type === 'RegisterHousehold') return register(command.data, state);
    const household = mustNotBeErased(mustBeRegistered(state));
    if (isMemberChangeCommand(command)) return decideMemberChange(command, household);
    switch (command.type) {
      case 'AssessHousehold': {
        const { assessmentId, perCapitaIncome, povertyLine, assessedOn, today } = command.data;
        if (assessedOn > today) {
          throw ruleBroken('HOUSEHOLD.ASSESSMENT_NOT_IN_FUTURE', 'An assessment cannot be dated in the future', {
            assessedOn,
          });
        }
        // The latest assessment by its date is the household's welfare status (an exit rests on
        // it): one dated before it, typed later, would take its place. Correct the latest by
        // revoking it instead (ADR 0019).
        const latest = household.lastAssessment?.assessedOn;
        if (latest !== undefined && assessedOn < latest) {
          throw ruleBroken(
            'HOUSEHOLD.ASSESSMENT_BEFORE_LATEST',
            `The household's latest assessment is dated ${latest}; one dated ${assessedOn} cannot follow it`,
            { assessedOn, latest },
          );
        }
        const welfareStatus = perCapitaIncome < povertyLine ? 'below_poverty_line' : 'above_poverty_line';
        const householdSize = household.members.length;
        return [
          {
            type: 'HouseholdAssessed',
            data: { assessmentId, perCapitaIncome, povertyLine, assessedOn, householdSize, welfareStatus },
          },
        ];
      }
      case 'AssignCaseworker': {
        const { caseworkerId } = command.data;
        if (household.caseworkerId === caseworkerId) {
          throw ruleBroken('HOUSEHOLD.CASEWORKER_ALREADY_ASSIGNED', `Caseworker ${caseworkerId} already has this case`);
        }
        return [{ type: 'CaseworkerAssigned', data: { caseworkerId, previousCaseworkerId: household.caseworkerId } }];
      }
      case 'RecordCaseNote': {
        const { noteId, text, topic } = command.data;
        return [{ type: 'CaseNoteRecorded', data: { noteId, text, topic } }];
      }
      case 'AddMember': {
        const { member, today } = command.data;
        if (household.members.some((m) => m.nik === member.nik)) {
          throw conflict(
            'HOUSEHOLD.MEMBER_ALREADY_IN_HOUSEHOLD',
            `NIK ${member.nik} is already a member of this household`,
            {
              householdId: household.householdId,
            },
          );
        }
        mustHaveOneHead([...household.members, member]);
        birthDateNotInFuture(member, today);
        pregnantOnlyIfFemale(member);
        return [{ type: 'MemberAdded', data: { member } }];
      }
      case 'RemoveMember': {
        const { nik, reason, detail, effectiveOn } = command.data;
        const member = household.members.find((m) => m.nik === nik);
        if (!member) throw notFound('HOUSEHOLD.MEMBER_NOT_FOUND', `NIK ${nik} is not a member of this household`);
        if (household.members.length === 1) {
          throw ruleBroken('HOUSEHOLD.LAST_MEMBER_CANNOT_BE_REMOVED', 'A household keeps at least one member');
        }
        if (member.relationship === 'head') {
          throw ruleBroken(
            'HOUSEHOLD.HEAD_MUST_BE_REPLACED_FIRST',
            'The head of the household cannot be removed; register the new head on the new family card first',
          );
        }
        return [{ type: 'MemberRemoved', data: { nik, reason, detail, effectiveOn } }];
      }
      case 'ProposeExit': {
        const { proposalId, reason, actor } = command.data;
        if (household.caseStatus === 'closed') throw ruleBroken('HOUSEHOLD.CASE_CLOSED', 'The case is closed');
        if (household.pendingExit)
          throw ruleBroken('HOUSEHOLD.EXIT_ALREADY_PROPOSED', 'An exit proposal awaits a decision');
        const assessment = household.lastAssessment;
        if (!assessment || household.welfareStatus !== 'above_poverty_line') {
          throw ruleBroken(
            'HOUSEHOLD.EXIT_NEEDS_ASSESSMENT_ABOVE_POVERTY_LINE',
            'An exit is proposed on the strength of a latest assessment above the poverty line',
          );
        }
        const { assessmentId, perCapitaIncome, povertyLine } = assessment;
        return [
          {
            type: 'ExitProposed',
            data: { proposalId, assessmentId, perCapitaIncome, povertyLine, proposedBy: actor, reason },
          },
        ];
      }
      case 'ApproveExit': {
        const { actor, exitedOn } = command.data;
        const pending = mustHavePendingExit(household);
        if (pending.proposedBy === actor) {
          throw ruleBroken(
            'HOUSEHOLD.CANNOT_APPROVE_OWN_EXIT_PROPOSAL',
            'Someone other than the proposer approves an exit',
          );
        }
        return [
          {
            type: 'ExitApproved',
            data: { proposalId: pending.proposalId, approvedBy: actor, persons: household.members.length, exitedOn },
          },
        ];
      }
      case 'RejectExit': {
        const { actor, reason } = command.data;
        const pending = mustHavePendingExit(household);
        // Four eyes both ways (ADR 0004): a proposer who withdraws by rejecting decides alone.
        if (pending.proposedBy === actor) {
          throw ruleBroken(
            'HOUSEHOLD.CANNOT_REJECT_OWN_EXIT_PROPOSAL',
            'Someone other than the proposer rejects an exit',
          );
        }
        return [{ type: 'ExitRejected', data: { proposalId: pending.proposalId, rejectedBy: actor, reason } }];
      }
      case 'ReopenCase': {
        if (household.caseStatus === 'open') throw ruleBroken('HOUSEHOLD.CASE_ALREADY_OPEN', 'The case is open');
        return [{ type: 'CaseReopened', data: { reason: command.data.reason, reopenedOn: command.data.reopenedOn } }];
      }
      case 'RequestErasure': {
        const { requestId, legalBasis, reason, actor } = command.data;
        if (household.erasure)
          throw ruleBroken('HOUSEHOLD.ERASURE_ALREADY_REQUESTED', 'An erasure request awaits approval', {
            requestId: household.erasure.requestId,
          });
        return [{ type: 'ErasureRequested', data: { requestId, legalBasis, reason, requestedBy: actor } }];
      }
      case 'ApproveErasure': {
        const { actor, today } = command.data;
        const request = household.erasure;
        if (!request) throw ruleBroken('HOUSEHOLD.NO_ERASURE_REQUESTED', 'No erasure request awaits approval');
        if (request.requestedBy === actor)
          throw ruleBroken(
            'HOUSEHOLD.ERASURE_NEEDS_A_SECOND_ADMIN',
            'An erasure is approved by an admin other than the one who requested it',
          );
        const { requestId, requestedBy, legalBasis } = request;
        return [
          {
            type: 'HouseholdErased',
            data: { requestId, legalBasis, requestedBy, approvedBy: actor, erasedOn: today },
          },
        ];
      }
      default:
        return unreachable(command);
    }
  },
};

function register(
  data: Extract<HouseholdCommand, { type: 'RegisterHousehold' }>['data'],
  state: HouseholdState,
): HouseholdEvent[] {
  if (state.status === 'registered') {
    throw conflict('HOUSEHOLD.ALREADY_REGISTERED', `Household ${state.householdId} is already registered`, {
      householdId: state.householdId,
    });
  }
  const seen = new Set<string>();
  for (const member of data.members) {
    if (seen.has(member.nik)) {
      throw ruleBroken('HOUSEHOLD.NIK_REPEATED_IN_HOUSEHOLD', `NIK ${member.nik} appears twice`, { nik: member.nik });
    }
    seen.add(member.nik);
    birthDateNotInFuture(member, data.today);
    pregnantOnlyIfFemale(member);
  }
  mustHaveOneHead(data.members);
  const { householdId, kk, address, members, dtks } = data;
  if (dtks) dtksRankingAsOf(dtks, data.today);
  return [{ type: 'HouseholdRegistered', data: { householdId, kk, address, members, ...(dtks ? { dtks } : {}) } }];
}

function mustBeRegistered(state: HouseholdState): RegisteredHousehold {
  if (state.status !== 'registered')
    throw notFound('HOUSEHOLD.NOT_REGISTERED', 'No household is registered under this id');
  return state;
}

/** An erased household keeps its history and takes no command: there is no one left to act for. */
function mustNotBeErased(household: RegisteredHousehold): RegisteredHousehold {
  if (household.erased)
    throw ruleBroken('HOUSEHOLD.ERASED', 'The personal data of this household is erased; it takes no command');
  return household;
}

function mustHavePendingExit(household: RegisteredHousehold): { proposalId: string; proposedBy: string } {
  if (!household.pendingExit) throw ruleBroken('HOUSEHOLD.NO_EXIT_PROPOSED', 'No exit proposal awaits a decision');
  return household.pendingExit;
}

/**
 * What a household entry's revocation asks (ADR 0019). Irrevocable: the registration and the
 * erasure (the stream's identity and the law's own act), and every entry that reserves or gives
 * back a KK or NIK or moves the case to another area or caseworker: those touched other streams
 * (the reservations, the area's queues, the reach to the family), so a new entry corrects them (a
 * departure, a move back, a transfer). Revocable: the rest, which change only this fold. Those
 * that moved money or status wait for a supervisor when a caseworker asks: an assessment (the
 * welfare status PKH enrols on), an exit's approval or rejection and a reopening (the case status;
 * a rejection is a second person's decision), and every member change left revocable (PKH takes
 * its components from the members on a stage's first day). A case note or an exit proposal is the
 * caseworker's own entry.
 */
export const HOUSEHOLD_REVOCATION_RULES: RevocationRules = {
  irrevocable: [
    'HouseholdRegistered',
    'ErasureRequested',
    'HouseholdErased',
    'CaseworkerAssigned',
    'MemberAdded',
    'MemberRemoved',
    'MemberMovedIn',
    'MemberMovedOut',
    'ChildBorn',
    'MemberNikIssued',
    'HouseholdMoved',
  ],
  needApproval: [
    'HouseholdAssessed',
    'ExitApproved',
    'ExitRejected',
    'CaseReopened',
    'MemberDetailsCorrected',
    'PregnancyBegan',
    'PregnancyEnded',
    'SchoolLevelChanged',
    'DisabilityAssessed',
    'MemberDied',
  ],
  follows: {
    HouseholdAssessed: ['ExitProposed', 'ExitApproved', 'ExitRejected'],
    ExitProposed: ['ExitApproved', 'ExitRejected'],
    ExitApproved: ['CaseReopened'],
    PregnancyBegan: ['PregnancyEnded'],
    PregnancyEnded: ['ChildBorn'],
  },
};

/** The household's status fields after a revocation, as its summary and caseload keep them. */
export function householdRestored(state: HouseholdState): RestoredStatus {
  if (state.status !== 'registered') return {};
  const { welfareStatus, lastAssessment, caseStatus, closedOn, pendingExit, notes } = state;
  return { welfareStatus, lastAssessment, caseStatus, closedOn, pendingExit: pendingExit !== null, notes };
}

/** The household rules with corrections: a revoked entry is folded as if it had not happened. */
export const householdDecider = revocable(householdRules, HOUSEHOLD_REVOCATION_RULES, householdRestored);
