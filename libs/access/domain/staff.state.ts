import type { AreaRole, StaffEvent } from './staff.events.js';

export interface Assignment {
  assignmentId: string;
  role: AreaRole;
  kecamatan: string;
  kelurahan: string | null;
  validFrom: string;
  validUntil: string | null;
  assignedBy: string;
  revokedOn: string | null;
}

export interface Opening {
  openingId: string;
  householdId: string;
  until: string;
  reviewedBy: string | null;
}

export interface StaffState {
  assignments: Record<string, Assignment>;
  openings: Opening[];
}

export const initialStaffState = (): StaffState => ({ assignments: {}, openings: [] });

export function evolveStaff(state: StaffState, event: StaffEvent): StaffState {
  switch (event.type) {
    case 'AreaAssigned': {
      const { assignmentId, role, kecamatan, kelurahan, validFrom, validUntil, assignedBy } = event.data;
      const assignment = {
        assignmentId,
        role,
        kecamatan,
        kelurahan,
        validFrom,
        validUntil,
        assignedBy,
        revokedOn: null,
      };
      return { ...state, assignments: { ...state.assignments, [assignmentId]: assignment } };
    }
    case 'AreaAssignmentRevoked': {
      const assignment = state.assignments[event.data.assignmentId];
      if (!assignment) return state;
      const revoked = { ...assignment, revokedOn: event.data.revokedOn };
      return { ...state, assignments: { ...state.assignments, [assignment.assignmentId]: revoked } };
    }
    case 'HouseholdOpened': {
      const { openingId, householdId, until } = event.data;
      return { ...state, openings: [...state.openings, { openingId, householdId, until, reviewedBy: null }] };
    }
    case 'OpeningReviewed': {
      const { openingId, reviewedBy } = event.data;
      return { ...state, openings: state.openings.map((o) => (o.openingId === openingId ? { ...o, reviewedBy } : o)) };
    }
    default:
      return state;
  }
}

/** In force on a day (YYYY-MM-DD): begun, not ended, not revoked by then. */
export const inForce = (a: Assignment, day: string): boolean =>
  a.validFrom <= day && (a.validUntil === null || day <= a.validUntil) && (a.revokedOn === null || day < a.revokedOn);
