import type { MemberChangeCommand } from './member-change.commands.js';
import type { Address, DtksRanking, ErasureLegalBasis, Member, RemovalReason } from './household.events.js';

/** Every command carries the time it was issued (`at`, ISO 8601): the decider has no clock. */
export type HouseholdCommand =
  | {
      type: 'RegisterHousehold';
      data: {
        householdId: string;
        kk: string;
        address: Address;
        members: Member[];
        dtks?: DtksRanking;
        at: string;
        today: string;
      };
    }
  | {
      type: 'AssessHousehold';
      data: {
        assessmentId: string;
        perCapitaIncome: number;
        povertyLine: number;
        assessedOn: string;
        at: string;
        today: string;
      };
    }
  | { type: 'AssignCaseworker'; data: { caseworkerId: string; at: string; today: string } }
  | { type: 'RecordCaseNote'; data: { noteId: string; text: string; topic: string; at: string; today: string } }
  | { type: 'AddMember'; data: { member: Member; at: string; today: string } }
  | {
      type: 'RemoveMember';
      data: {
        nik: string;
        reason: RemovalReason;
        detail: string | null;
        effectiveOn: string;
        at: string;
        today: string;
      };
    }
  | { type: 'ProposeExit'; data: { proposalId: string; reason: string; actor: string; at: string; today: string } }
  | { type: 'ApproveExit'; data: { actor: string; exitedOn: string; at: string; today: string } }
  | { type: 'RejectExit'; data: { actor: string; reason: string; at: string; today: string } }
  | { type: 'ReopenCase'; data: { reason: string; reopenedOn: string; at: string; today: string } }
  | {
      type: 'RequestErasure';
      data: {
        requestId: string;
        legalBasis: ErasureLegalBasis;
        reason: string;
        actor: string;
        at: string;
        today: string;
      };
    }
  | { type: 'ApproveErasure'; data: { actor: string; at: string; today: string } }
  | MemberChangeCommand;
