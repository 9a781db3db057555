import type { StaffEvent } from './staff.events.js';

/** A break-the-glass reason and its review speak of a household: sealed under its key (ADR 0010). */
export const STAFF_PERSONAL_FIELDS: Record<StaffEvent['type'], readonly string[]> = {
  AreaAssigned: [],
  AreaAssignmentRevoked: [],
  HouseholdOpened: ['reason'],
  OpeningReviewed: ['note'],
};
