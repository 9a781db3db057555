import type { DomainEvent } from '#libs/platform/domain/index.js';
import type { Address, Member, SchoolLevel, Sex } from './household.vocabulary.js';

/**
 * A household's members change as their own events, each with the business date it happened on
 * (ADR 0004, "Households that change"): never a removal and a new addition, which would muddy the
 * history and lose the member's continuity for PKH.
 */

/** A child born before Dukcapil issued its NIK is keyed `pending-<uuid>` until `MemberNikIssued`. */
export const PENDING_NIK = /^pending-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const isPendingNik = (nik: string): boolean => PENDING_NIK.test(nik);

export type DeathSource = 'family' | 'dukcapil';
export type PregnancyOutcome = 'birth' | 'loss';

/** A spelling or date put right: it was always so, so it applies at every date. */
export type MemberDetailsCorrected = DomainEvent<
  'MemberDetailsCorrected',
  { nik: string; name: string | null; birthDate: string | null; sex: Sex | null; reason: string }
>;
export type PregnancyBegan = DomainEvent<
  'PregnancyBegan',
  { nik: string; reportedOn: string; expectedDeliveryOn: string | null }
>;
export type PregnancyEnded = DomainEvent<'PregnancyEnded', { nik: string; endedOn: string; outcome: PregnancyOutcome }>;
/** Follows `PregnancyEnded` with outcome `birth`, once per child; the child's birth date is the day. */
export type ChildBorn = DomainEvent<'ChildBorn', { motherNik: string; child: Member; nikPending: boolean }>;
export type MemberNikIssued = DomainEvent<'MemberNikIssued', { pendingNik: string; nik: string }>;
export type SchoolLevelChanged = DomainEvent<
  'SchoolLevelChanged',
  { nik: string; schoolLevel: SchoolLevel; previousSchoolLevel: SchoolLevel; changedOn: string }
>;
export type DisabilityAssessed = DomainEvent<
  'DisabilityAssessed',
  { nik: string; severeDisability: boolean; assessedOn: string; assessedBy: string | null }
>;
/**
 * `newHeadNik` names who heads the family when the head died or left; null otherwise. The new
 * head's name comes with it (`newHeadName`, personal), so the caseloads, which keep no members,
 * follow; events recorded before it carry none.
 */
export type MemberDied = DomainEvent<
  'MemberDied',
  {
    nik: string;
    diedOn: string;
    source: DeathSource;
    reference: string | null;
    newHeadNik: string | null;
    newHeadName?: string;
  }
>;
export type MemberMovedOut = DomainEvent<
  'MemberMovedOut',
  { nik: string; movedOn: string; destination: string | null; newHeadNik: string | null; newHeadName?: string }
>;
export type MemberMovedIn = DomainEvent<'MemberMovedIn', { member: Member; movedOn: string; origin: string | null }>;
/** A move within the city: a new kelurahan puts the case in that area's queues (ADR 0009). */
export type HouseholdMoved = DomainEvent<
  'HouseholdMoved',
  { address: Address; previousAddress: Address; movedOn: string }
>;

export type MemberChangeEvent =
  | MemberDetailsCorrected
  | PregnancyBegan
  | PregnancyEnded
  | ChildBorn
  | MemberNikIssued
  | SchoolLevelChanged
  | DisabilityAssessed
  | MemberDied
  | MemberMovedOut
  | MemberMovedIn
  | HouseholdMoved;

/** Part of HOUSEHOLD_EVENT_TYPES, which the personal-data policy registers. */
export const MEMBER_CHANGE_TYPES: readonly MemberChangeEvent['type'][] = [
  'MemberDetailsCorrected',
  'PregnancyBegan',
  'PregnancyEnded',
  'ChildBorn',
  'MemberNikIssued',
  'SchoolLevelChanged',
  'DisabilityAssessed',
  'MemberDied',
  'MemberMovedOut',
  'MemberMovedIn',
  'HouseholdMoved',
];

/**
 * The business date a member change took effect on, for the members as of a date (PKH's stages):
 * null for a correction, which holds at every date.
 */
export function effectiveOn(event: MemberChangeEvent): string | null {
  switch (event.type) {
    case 'MemberDetailsCorrected':
    case 'MemberNikIssued':
      return null;
    case 'PregnancyBegan':
      return event.data.reportedOn;
    case 'PregnancyEnded':
      return event.data.endedOn;
    case 'ChildBorn':
      return event.data.child.birthDate;
    case 'SchoolLevelChanged':
      return event.data.changedOn;
    case 'DisabilityAssessed':
      return event.data.assessedOn;
    case 'MemberDied':
      return event.data.diedOn;
    case 'MemberMovedOut':
    case 'MemberMovedIn':
    case 'HouseholdMoved':
      return event.data.movedOn;
  }
}
