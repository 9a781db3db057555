import { notFound, ruleBroken, unreachable, type Decider } from '#libs/platform/domain/index.js';
import type { Assigner, StaffCommand } from './staff.commands.js';
import type { Area, StaffEvent } from './staff.events.js';
import { evolveStaff, initialStaffState, type StaffState } from './staff.state.js';

/** A break-the-glass reason says why, in a sentence: at least this many characters. */
export const MINIMUM_REASON_LENGTH = 10;

/**
 * Areas given to caseworkers and supervisors, and break-the-glass openings, on each staff
 * member's stream. Supervisors' areas are given by an admin; a caseworker's by an admin or by a
 * supervisor who covers that kelurahan.
 */
export const staffDecider: Decider<StaffCommand, StaffEvent, StaffState> = {
  initialState: initialStaffState,
  evolve: evolveStaff,
  decide(command, state) {
    switch (command.type) {
      case 'AssignAreas': {
        const { staffId, role, areas, validFrom, validUntil, reason, assigner } = command.data;
        if (validUntil !== null && validUntil < validFrom)
          throw ruleBroken('ACCESS.ENDS_BEFORE_IT_STARTS', 'validUntil is before validFrom');
        if (role === 'supervisor' && assigner.role !== 'admin')
          throw ruleBroken('ACCESS.ONLY_ADMIN_ASSIGNS_SUPERVISORS', "An admin gives a supervisor's area");
        for (const area of areas) {
          if (role === 'caseworker' && area.kelurahan === null)
            throw ruleBroken('ACCESS.CASEWORKER_AREA_IS_A_KELURAHAN', 'A caseworker is given single kelurahan');
          if (!assignerCovers(assigner, area)) {
            throw ruleBroken('ACCESS.OUTSIDE_ASSIGNER_AREA', `${describe(area)} is outside the area you supervise`, {
              kecamatan: area.kecamatan,
              kelurahan: area.kelurahan,
            });
          }
          const held = Object.values(state.assignments).find(
            (a) =>
              a.revokedOn === null &&
              a.role === role &&
              a.kecamatan === area.kecamatan &&
              a.kelurahan === area.kelurahan &&
              a.validFrom <= (validUntil ?? '9999-12-31') &&
              (a.validUntil ?? '9999-12-31') >= validFrom,
          );
          if (held) {
            throw ruleBroken('ACCESS.AREA_ALREADY_ASSIGNED', `${describe(area)} is already given for those dates`, {
              assignmentId: held.assignmentId,
            });
          }
        }
        return areas.map(({ assignmentId, kecamatan, kelurahan }) => ({
          type: 'AreaAssigned' as const,
          data: {
            assignmentId,
            staffId,
            role,
            kecamatan,
            kelurahan,
            validFrom,
            validUntil,
            assignedBy: assigner.staffId,
            reason,
          },
        }));
      }
      case 'RevokeAreaAssignment': {
        const { assignmentId, reason, revokedOn, revoker } = command.data;
        const assignment = state.assignments[assignmentId];
        if (!assignment) throw notFound('ACCESS.ASSIGNMENT_NOT_FOUND', `No area assignment ${assignmentId}`);
        if (assignment.revokedOn !== null)
          throw ruleBroken('ACCESS.ASSIGNMENT_ALREADY_REVOKED', `Assignment ${assignmentId} is already revoked`);
        if (assignment.role === 'supervisor' && revoker.role !== 'admin')
          throw ruleBroken('ACCESS.ONLY_ADMIN_ASSIGNS_SUPERVISORS', "An admin takes back a supervisor's area");
        if (!assignerCovers(revoker, assignment))
          throw ruleBroken('ACCESS.OUTSIDE_ASSIGNER_AREA', `${describe(assignment)} is outside the area you supervise`);
        const { staffId } = command.data;
        return [
          {
            type: 'AreaAssignmentRevoked',
            data: { assignmentId, staffId, revokedBy: revoker.staffId, reason, revokedOn },
          },
        ];
      }
      case 'OpenHousehold': {
        const { openingId, staffId, householdId, household, reason, until } = command.data;
        if (household === 'not_registered')
          throw notFound('HOUSEHOLD.NOT_FOUND', `No household ${householdId}`, { householdId });
        if (household === 'in_reach')
          throw ruleBroken('ACCESS.ALREADY_IN_REACH', 'This household is in your caseload or area already');
        if (reason.trim().length < MINIMUM_REASON_LENGTH) {
          throw ruleBroken(
            'ACCESS.BREAK_GLASS_NEEDS_REASON',
            `Say why you open a household outside your reach, in at least ${MINIMUM_REASON_LENGTH} characters`,
          );
        }
        return [{ type: 'HouseholdOpened', data: { openingId, staffId, householdId, reason, until } }];
      }
      case 'ReviewOpening': {
        const { staffId, openingId, note, reviewer, householdArea } = command.data;
        const opening = state.openings.find((o) => o.openingId === openingId);
        if (!opening) throw notFound('ACCESS.OPENING_NOT_FOUND', `No break-the-glass opening ${openingId}`);
        if (opening.reviewedBy !== null)
          throw ruleBroken('ACCESS.OPENING_ALREADY_REVIEWED', `Reviewed by ${opening.reviewedBy} already`);
        if (reviewer.staffId === staffId)
          throw ruleBroken('ACCESS.CANNOT_REVIEW_OWN_OPENING', 'Someone other than who opened it reviews an opening');
        if (householdArea && !assignerCovers(reviewer, householdArea))
          throw ruleBroken('ACCESS.OUTSIDE_ASSIGNER_AREA', 'The household lives outside the area you supervise');
        const { householdId } = opening;
        return [
          { type: 'OpeningReviewed', data: { openingId, staffId, householdId, reviewedBy: reviewer.staffId, note } },
        ];
      }
      default:
        return unreachable(command);
    }
  },
};

const describe = (area: Area): string => (area.kelurahan ? `${area.kelurahan} (${area.kecamatan})` : area.kecamatan);

function assignerCovers(assigner: Assigner, area: Area): boolean {
  if (assigner.role === 'admin') return true;
  return assigner.covers.some(
    (c) => c.kecamatan === area.kecamatan && (c.kelurahan === null || c.kelurahan === area.kelurahan),
  );
}
