import { describe, it } from '@jest/globals';
import { deciderSpecification } from '#libs/platform/testing/decider-specification.js';
import type { Assigner, StaffCommand } from './staff.commands.js';
import { staffDecider } from './staff.decider.js';
import type { Area, StaffEvent } from './staff.events.js';

const at = '2026-03-01T08:00:00.000Z';
const admin: Assigner = { staffId: 'admin-01', role: 'admin', covers: [] };
const supervisor: Assigner = {
  staffId: 'sv-01',
  role: 'supervisor',
  covers: [{ kecamatan: 'Bekasi Utara', kelurahan: null }],
};
const harapanJaya: Area & { assignmentId: string } = {
  assignmentId: 'a1',
  kecamatan: 'Bekasi Utara',
  kelurahan: 'Harapan Jaya',
};
const assign = (
  assigner: Assigner,
  areas = [harapanJaya],
  role: 'caseworker' | 'supervisor' = 'caseworker',
  validUntil: string | null = null,
): StaffCommand => ({
  type: 'AssignAreas',
  data: { staffId: 'cw-01', role, areas, validFrom: '2026-03-01', validUntil, reason: 'New posting', assigner, at },
});
const assigned = (assignedBy = 'sv-01'): StaffEvent => ({
  type: 'AreaAssigned',
  data: {
    assignmentId: 'a1',
    staffId: 'cw-01',
    role: 'caseworker',
    kecamatan: 'Bekasi Utara',
    kelurahan: 'Harapan Jaya',
    validFrom: '2026-03-01',
    validUntil: null,
    assignedBy,
    reason: 'New posting',
  },
});
const revoke = (revoker: Assigner, assignmentId = 'a1'): StaffCommand => ({
  type: 'RevokeAreaAssignment',
  data: { staffId: 'cw-01', assignmentId, reason: 'Moved to Medan Satria', revokedOn: '2026-04-01', revoker, at },
});
const open = (household: 'not_registered' | 'in_reach' | 'out_of_reach', reason = 'Covering for Bu Rina on leave') =>
  ({
    type: 'OpenHousehold',
    data: {
      openingId: 'o1',
      staffId: 'cw-01',
      householdId: 'h1',
      household,
      reason,
      until: '2026-03-01T11:00:00.000Z',
      at,
    },
  }) as const;

describe('staff decider', () => {
  const spec = deciderSpecification(staffDecider);

  describe('giving an area', () => {
    it('a supervisor gives a caseworker a kelurahan of the kecamatan they supervise', () => {
      spec.given([]).when(assign(supervisor)).then([assigned()]);
    });
    it('a supervisor cannot give a kelurahan outside their area', () => {
      spec
        .given([])
        .when(assign(supervisor, [{ assignmentId: 'a2', kecamatan: 'Medan Satria', kelurahan: 'Harapan Mulya' }]))
        .thenRefuses('ACCESS.OUTSIDE_ASSIGNER_AREA', { kecamatan: 'Medan Satria' });
    });
    it('an admin gives any area', () => {
      spec
        .given([])
        .when(assign(admin))
        .then([assigned('admin-01')]);
    });
    it("only an admin gives a supervisor's area", () => {
      spec
        .given([])
        .when(assign(supervisor, [{ assignmentId: 'a2', kecamatan: 'Bekasi Utara', kelurahan: null }], 'supervisor'))
        .thenRefuses('ACCESS.ONLY_ADMIN_ASSIGNS_SUPERVISORS');
    });
    it('a caseworker is given single kelurahan, not a whole kecamatan', () => {
      spec
        .given([])
        .when(assign(admin, [{ assignmentId: 'a2', kecamatan: 'Bekasi Utara', kelurahan: null }]))
        .thenRefuses('ACCESS.CASEWORKER_AREA_IS_A_KELURAHAN');
    });
    it('ends on or after the day it starts', () => {
      spec
        .given([])
        .when(assign(admin, [harapanJaya], 'caseworker', '2026-02-01'))
        .thenRefuses('ACCESS.ENDS_BEFORE_IT_STARTS');
    });
    it('is not given twice for overlapping dates', () => {
      spec.given([assigned()]).when(assign(admin)).thenRefuses('ACCESS.AREA_ALREADY_ASSIGNED', { assignmentId: 'a1' });
    });
  });

  describe('taking an area back', () => {
    it('a supervisor revokes a caseworker assignment in their area', () => {
      spec
        .given([assigned()])
        .when(revoke(supervisor))
        .then([
          {
            type: 'AreaAssignmentRevoked',
            data: {
              assignmentId: 'a1',
              staffId: 'cw-01',
              revokedBy: 'sv-01',
              reason: 'Moved to Medan Satria',
              revokedOn: '2026-04-01',
            },
          },
        ]);
    });
    it('names an assignment that exists', () => {
      spec.given([]).when(revoke(admin, 'nope')).thenRefuses('ACCESS.ASSIGNMENT_NOT_FOUND');
    });
    it('happens once', () => {
      const revoked: StaffEvent = {
        type: 'AreaAssignmentRevoked',
        data: { assignmentId: 'a1', staffId: 'cw-01', revokedBy: 'sv-01', reason: 'r', revokedOn: '2026-04-01' },
      };
      spec.given([assigned(), revoked]).when(revoke(admin)).thenRefuses('ACCESS.ASSIGNMENT_ALREADY_REVOKED');
    });
    it('a supervisor cannot revoke outside their area', () => {
      const elsewhere: Assigner = { ...supervisor, covers: [{ kecamatan: 'Medan Satria', kelurahan: null }] };
      spec.given([assigned()]).when(revoke(elsewhere)).thenRefuses('ACCESS.OUTSIDE_ASSIGNER_AREA');
    });
  });

  describe('break the glass', () => {
    it('opens a household outside the caller’s reach until a time, with the reason', () => {
      spec
        .given([])
        .when(open('out_of_reach'))
        .then([
          {
            type: 'HouseholdOpened',
            data: {
              openingId: 'o1',
              staffId: 'cw-01',
              householdId: 'h1',
              reason: 'Covering for Bu Rina on leave',
              until: '2026-03-01T11:00:00.000Z',
            },
          },
        ]);
    });
    it('needs a reason of a sentence', () => {
      spec.given([]).when(open('out_of_reach', 'because')).thenRefuses('ACCESS.BREAK_GLASS_NEEDS_REASON');
    });
    it('is not for a household already in reach', () => {
      spec.given([]).when(open('in_reach')).thenRefuses('ACCESS.ALREADY_IN_REACH');
    });
    it('cannot open a household that is not registered', () => {
      spec.given([]).when(open('not_registered')).thenRefuses('HOUSEHOLD.NOT_FOUND');
    });
  });

  describe('reviewing an opening', () => {
    const opened: StaffEvent = {
      type: 'HouseholdOpened',
      data: {
        openingId: 'o1',
        staffId: 'cw-01',
        householdId: 'h1',
        reason: 'Covering',
        until: '2026-03-01T11:00:00.000Z',
      },
    };
    const review = (reviewer: Assigner, openingId = 'o1'): StaffCommand => ({
      type: 'ReviewOpening',
      data: {
        staffId: 'cw-01',
        openingId,
        note: 'Justified: covering a colleague',
        reviewer,
        householdArea: { kecamatan: 'Bekasi Utara', kelurahan: 'Harapan Jaya' },
        at,
      },
    });
    const reviewed: StaffEvent = {
      type: 'OpeningReviewed',
      data: {
        openingId: 'o1',
        staffId: 'cw-01',
        householdId: 'h1',
        reviewedBy: 'sv-01',
        note: 'Justified: covering a colleague',
      },
    };
    it('is recorded by a supervisor of the household’s area', () => {
      spec.given([opened]).when(review(supervisor)).then([reviewed]);
    });
    it('names an opening that exists', () => {
      spec.given([opened]).when(review(supervisor, 'nope')).thenRefuses('ACCESS.OPENING_NOT_FOUND');
    });
    it('happens once', () => {
      spec.given([opened, reviewed]).when(review(admin)).thenRefuses('ACCESS.OPENING_ALREADY_REVIEWED');
    });
    it('is not done by the one who opened the household', () => {
      spec
        .given([opened])
        .when(review({ staffId: 'cw-01', role: 'supervisor', covers: supervisor.covers }))
        .thenRefuses('ACCESS.CANNOT_REVIEW_OWN_OPENING');
    });
    it('is done by a supervisor of the household’s area only', () => {
      const elsewhere: Assigner = { ...supervisor, covers: [{ kecamatan: 'Medan Satria', kelurahan: null }] };
      spec.given([opened]).when(review(elsewhere)).thenRefuses('ACCESS.OUTSIDE_ASSIGNER_AREA');
    });
  });
});
