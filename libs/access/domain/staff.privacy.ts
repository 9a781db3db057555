import type { EventPrivacy } from '#libs/platform/domain/index.js';
import type { StaffEvent } from './staff.events.js';

/**
 * What a PII-free reader sees of each staff event (ADR 0010): staff ids, roles and areas (public
 * office, needed for workload figures), never the reasons and notes, which often name families.
 */
export const STAFF_PRIVACY: EventPrivacy<StaffEvent> = {
  AreaAssigned: {
    assignmentId: 'public',
    staffId: 'public',
    role: 'public',
    kecamatan: 'public',
    kelurahan: 'public',
    validFrom: 'public',
    validUntil: 'public',
    assignedBy: 'public',
    reason: 'personal',
  },
  AreaAssignmentRevoked: {
    assignmentId: 'public',
    staffId: 'public',
    revokedBy: 'public',
    reason: 'personal',
    revokedOn: 'public',
  },
  HouseholdOpened: {
    openingId: 'public',
    staffId: 'public',
    householdId: 'household',
    reason: 'personal',
    until: 'public',
  },
  OpeningReviewed: {
    openingId: 'public',
    staffId: 'public',
    householdId: 'household',
    reviewedBy: 'public',
    note: 'personal',
  },
};
