import type { DomainEvent } from '#libs/platform/domain/index.js';
import { MEMBER_CHANGE_TYPES, type MemberChangeEvent } from './member-change.events.js';

export type Sex = 'male' | 'female';
export type Relationship = 'head' | 'spouse' | 'child' | 'parent' | 'grandchild' | 'other_relative' | 'other';
export type SchoolLevel = 'none' | 'early_childhood' | 'primary' | 'junior_high' | 'senior_high';
export type RemovalReason = 'moved' | 'deceased' | 'other';
/** Why a former member left: a removal's reason, or a death or move recorded as such. */
export type LeavingReason = RemovalReason | 'died' | 'moved_out';
export type WelfareStatus = 'unassessed' | 'below_poverty_line' | 'above_poverty_line';

export interface Member {
  /** NIK, 16 digits. */
  nik: string;
  name: string;
  /** YYYY-MM-DD */
  birthDate: string;
  sex: Sex;
  relationship: Relationship;
  pregnant: boolean;
  severeDisability: boolean;
  schoolLevel: SchoolLevel;
}

export interface Address {
  kecamatan: string;
  kelurahan: string;
  street?: string;
  rt?: string;
  rw?: string;
}

export type HouseholdRegistered = DomainEvent<
  'HouseholdRegistered',
  { householdId: string; kk: string; address: Address; members: Member[] }
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
