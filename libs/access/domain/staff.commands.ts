import type { Area, AreaRole } from './staff.events.js';

/** Who gives or takes back an area, and what they themselves cover today (for a supervisor). */
export interface Assigner {
  staffId: string;
  role: 'supervisor' | 'admin';
  /** The areas a supervisor covers today; an admin covers the city. */
  covers: Area[];
}

/** Every command carries the time it was issued (`at`, ISO 8601): the decider has no clock. */
export type StaffCommand =
  | {
      type: 'AssignAreas';
      data: {
        staffId: string;
        role: AreaRole;
        areas: Array<Area & { assignmentId: string }>;
        validFrom: string;
        validUntil: string | null;
        reason: string;
        assigner: Assigner;
        at: string;
      };
    }
  | {
      type: 'RevokeAreaAssignment';
      data: { staffId: string; assignmentId: string; reason: string; revokedOn: string; revoker: Assigner; at: string };
    }
  | {
      type: 'OpenHousehold';
      data: {
        openingId: string;
        staffId: string;
        householdId: string;
        /** What the registry and the caller's reach say: only a household outside it is opened. */
        household: 'not_registered' | 'in_reach' | 'out_of_reach';
        reason: string;
        until: string;
        at: string;
      };
    }
  | {
      type: 'ReviewOpening';
      data: {
        staffId: string;
        openingId: string;
        note: string;
        reviewer: Assigner;
        /** Where the opened household lives: the reviewer must cover it. */
        householdArea: { kecamatan: string; kelurahan: string } | null;
        at: string;
      };
    };
