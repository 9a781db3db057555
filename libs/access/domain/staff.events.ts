import type { DomainEvent } from '#libs/platform/domain/index.js';

export type AreaRole = 'caseworker' | 'supervisor';

/** A kecamatan, or one kelurahan of it. */
export interface Area {
  kecamatan: string;
  kelurahan: string | null;
}

export type AreaAssigned = DomainEvent<
  'AreaAssigned',
  {
    assignmentId: string;
    staffId: string;
    role: AreaRole;
    kecamatan: string;
    kelurahan: string | null;
    validFrom: string;
    validUntil: string | null;
    assignedBy: string;
    reason: string;
  }
>;
export type AreaAssignmentRevoked = DomainEvent<
  'AreaAssignmentRevoked',
  { assignmentId: string; staffId: string; revokedBy: string; reason: string; revokedOn: string }
>;
/** Break-the-glass: a household outside the caller's reach, opened for reading until a time. */
export type HouseholdOpened = DomainEvent<
  'HouseholdOpened',
  { openingId: string; staffId: string; householdId: string; reason: string; until: string }
>;

/** A supervisor or admin looked at why a household was opened, and says so. */
export type OpeningReviewed = DomainEvent<
  'OpeningReviewed',
  { openingId: string; staffId: string; householdId: string; reviewedBy: string; note: string }
>;

export type StaffEvent = AreaAssigned | AreaAssignmentRevoked | HouseholdOpened | OpeningReviewed;

export const STAFF_EVENT_TYPES: readonly StaffEvent['type'][] = [
  'AreaAssigned',
  'AreaAssignmentRevoked',
  'HouseholdOpened',
  'OpeningReviewed',
];
