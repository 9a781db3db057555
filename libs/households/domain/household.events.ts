import type { DomainEvent } from '#libs/platform/domain/index.js';
import { MEMBER_CHANGE_TYPES, type MemberChangeEvent } from './member-change.events.js';

import type { Address, DtksRanking, Member, RemovalReason, WelfareStatus } from './household.vocabulary.js';
export type {
  Address,
  DtksRanking,
  LeavingReason,
  Member,
  Relationship,
  RemovalReason,
  SchoolLevel,
  Sex,
  WelfareStatus,
} from './household.vocabulary.js';

export type HouseholdRegistered = DomainEvent<
  'HouseholdRegistered',
  {
    householdId: string;
    kk: string;
    address: Address;
    members: Member[];
    /** Registered from a DTKS/DTSEN extract (or typed from one): its ranking. Absent otherwise, and before it existed. */
    dtks?: DtksRanking;
  }
>;
export type HouseholdAssessed = DomainEvent<
  'HouseholdAssessed',
  {
    assessmentId: string;
    perCapitaIncome: number;
    povertyLine: number;
    assessedOn: string;
    householdSize: number;
    welfareStatus: Exclude<WelfareStatus, 'unassessed'>;
  }
>;
export type CaseworkerAssigned = DomainEvent<
  'CaseworkerAssigned',
  { caseworkerId: string; previousCaseworkerId: string | null }
>;
export type CaseNoteRecorded = DomainEvent<'CaseNoteRecorded', { noteId: string; text: string; topic: string }>;
export type MemberAdded = DomainEvent<'MemberAdded', { member: Member }>;
export type MemberRemoved = DomainEvent<
  'MemberRemoved',
  { nik: string; reason: RemovalReason; detail: string | null; effectiveOn: string }
>;

export type ExitProposed = DomainEvent<
  'ExitProposed',
  {
    proposalId: string;
    assessmentId: string;
    perCapitaIncome: number;
    povertyLine: number;
    proposedBy: string;
    reason: string;
  }
>;
export type ExitApproved = DomainEvent<
  'ExitApproved',
  { proposalId: string; approvedBy: string; persons: number; exitedOn: string }
>;
export type ExitRejected = DomainEvent<'ExitRejected', { proposalId: string; rejectedBy: string; reason: string }>;
export type CaseReopened = DomainEvent<'CaseReopened', { reason: string; reopenedOn: string }>;

/** Why personal data is erased (UU 27/2022): coded, so that reviews can count them. */
export const ERASURE_LEGAL_BASES = [
  'data_subject_request',
  'consent_withdrawn',
  'retention_period_ended',
  'unlawful_processing',
  'court_order',
] as const;
export type ErasureLegalBasis = (typeof ERASURE_LEGAL_BASES)[number];

/** One admin asks for the household's personal data to be erased; another approves (ADR 0010). */
export type ErasureRequested = DomainEvent<
  'ErasureRequested',
  { requestId: string; legalBasis: ErasureLegalBasis; reason: string; requestedBy: string }
>;
/** Approved by a second admin: the household's key is deleted right after this event. */
export type HouseholdErased = DomainEvent<
  'HouseholdErased',
  { requestId: string; legalBasis: ErasureLegalBasis; requestedBy: string; approvedBy: string; erasedOn: string }
>;

export type HouseholdEvent =
  | HouseholdRegistered
  | HouseholdAssessed
  | CaseworkerAssigned
  | CaseNoteRecorded
  | MemberAdded
  | MemberRemoved
  | ExitProposed
  | ExitApproved
  | ExitRejected
  | CaseReopened
  | ErasureRequested
  | HouseholdErased
  | MemberChangeEvent;

export const HOUSEHOLD_EVENT_TYPES: readonly HouseholdEvent['type'][] = [
  'HouseholdRegistered',
  'HouseholdAssessed',
  'CaseworkerAssigned',
  'CaseNoteRecorded',
  'MemberAdded',
  'MemberRemoved',
  'ExitProposed',
  'ExitApproved',
  'ExitRejected',
  'CaseReopened',
  'ErasureRequested',
  'HouseholdErased',
  ...MEMBER_CHANGE_TYPES,
];

/** After these events the household's key is gone (ADR 0010): every process drops it when it reads one. */
export const HOUSEHOLD_ERASED_BY: readonly HouseholdEvent['type'][] = ['HouseholdErased'];
