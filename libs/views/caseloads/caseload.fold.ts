import { HOUSEHOLD_CATEGORY, headNameOf } from '#libs/households/index.js';
import { pkhStatusAfter, type PkhStatus } from '#libs/pkh/index.js';
import { ERASED } from '#libs/platform/crypto-shredding/index.js';
import { idOf } from '#libs/platform/event-store/index.js';
import { otherEvent, type Recorded } from '#libs/platform/read-store/index.js';
import type { CaseloadBatch } from './caseload.batch.js';
import type { RevocationTarget } from '#libs/platform/domain/index.js';
import type { CaseloadEvent, OpenTraining } from './caseload.table.js';

export type { CaseloadEvent };

/** The events of the caseloads' categories: every case is handled, or the build fails. */

const NO_KUBE = { kube_id: null, kube_since: null, kube_last_report: null };

/** Folds one event into the batch's rows: what a caseworker follows up for each household. */
export function foldCaseload(batch: CaseloadBatch, event: Recorded<CaseloadEvent>): void {
  const id = idOf(event.stream);
  const contact = { last_contact_at: String(event.metadata.occurredAt) };
  switch (event.type) {
    case 'HouseholdRegistered': {
      if (batch.rows.has(id)) return;
      const { address, members, dtks } = event.data;
      return batch.add({
        household_id: id,
        caseworker_id: null,
        kecamatan: address.kecamatan,
        kelurahan: address.kelurahan,
        head_name: headNameOf(members),
        welfare_status: 'unassessed',
        welfare_decile: dtks?.welfareDecile ?? null,
        case_status: 'open',
        exit_proposed: 0,
        pkh_status: null,
        pkh_enrolled_on: null,
        pkh_last_stage: null,
        kube_id: null,
        kube_since: null,
        kube_last_report: null,
        trainings: '[]',
        last_contact_at: contact.last_contact_at,
        registered_position: event.position,
      });
    }
    case 'HouseholdAssessed':
      return batch.set(id, { welfare_status: event.data.welfareStatus, ...contact });
    case 'CaseworkerAssigned':
      return batch.set(id, { caseworker_id: event.data.caseworkerId });
    case 'HouseholdMoved': {
      const { kecamatan, kelurahan } = event.data.address;
      return batch.set(id, { kecamatan, kelurahan, ...contact });
    }
    case 'MemberDied':
    case 'MemberMovedOut':
      // The head left: the new head's name comes with the event (not with one recorded before it).
      return batch.set(id, { ...(event.data.newHeadName ? { head_name: event.data.newHeadName } : {}), ...contact });
    case 'MemberDetailsCorrected':
    case 'CaseNoteRecorded':
    case 'MemberAdded':
    case 'MemberRemoved':
    case 'PregnancyBegan':
    case 'PregnancyEnded':
    case 'ChildBorn':
    case 'MemberNikIssued':
    case 'SchoolLevelChanged':
    case 'DisabilityAssessed':
    case 'MemberMovedIn':
      return batch.set(id, contact);
    case 'ExitProposed':
      return batch.set(id, { exit_proposed: 1, ...contact });
    case 'ExitRejected':
      return batch.set(id, { exit_proposed: 0 });
    case 'ExitApproved':
      return batch.set(id, { exit_proposed: 0, case_status: 'closed' });
    case 'CaseReopened':
      return batch.set(id, { case_status: 'open', ...contact });
    case 'ErasureRequested':
      return;
    case 'HouseholdErased':
      return batch.set(id, { head_name: ERASED });

    case 'EnrolledInPkh':
    case 'PkhSuspended':
    case 'PkhReinstated':
    case 'PkhGraduated':
    case 'PkhTerminated': {
      const row = batch.rows.get(id);
      if (!row) return;
      const pkh_status = pkhStatusAfter((row.pkh_status ?? 'not_enrolled') as PkhStatus, event);
      if (event.type !== 'EnrolledInPkh') return batch.set(id, { pkh_status });
      return batch.set(id, { pkh_status, pkh_enrolled_on: event.data.enrolledOn, pkh_last_stage: null, ...contact });
    }
    case 'PkhComplianceVerified':
      return batch.set(id, { pkh_last_stage: event.data.stage, ...contact });
    case 'PkhEntitlementReassessed':
    case 'PkhBenefitDisbursed':
    case 'PkhPaymentFailed':
    case 'PkhPaymentReversed':
    case 'PkhKksAccountRecorded':
    case 'RevocationRequested':
    case 'RevocationRejected':
      return;
    case 'EventRevoked': {
      if (revokedKubeOrCourseEntry(batch, id, event.data)) return;
      // A household entry (ADR 0019): the row takes the status the revocation carries, the
      // household's as folded without it. A revoked PKH suspension or reinstatement gives the
      // status back, a revoked graduation or termination the one the revocation carries; other
      // revoked entries leave the row (the last stage verified stays the last one contacted about).
      const row = batch.rows.get(id);
      const { eventType, restored } = event.data;
      if (event.stream.startsWith(`${HOUSEHOLD_CATEGORY}-`)) {
        if (!row || !restored) return;
        const { welfareStatus, caseStatus, pendingExit } = restored;
        return batch.set(id, {
          ...(welfareStatus !== undefined ? { welfare_status: welfareStatus } : {}),
          ...(caseStatus !== undefined ? { case_status: caseStatus } : {}),
          ...(pendingExit !== undefined ? { exit_proposed: pendingExit ? 1 : 0 } : {}),
        });
      }
      if (row?.pkh_status === 'suspended' && eventType === 'PkhSuspended')
        return batch.set(id, { pkh_status: 'active' });
      if (row?.pkh_status === 'active' && eventType === 'PkhReinstated')
        return batch.set(id, { pkh_status: 'suspended' });
      const ended = { PkhGraduated: 'graduated', PkhTerminated: 'terminated' }[eventType];
      if (ended && row?.pkh_status === ended && restored?.pkhStatus)
        return batch.set(id, { pkh_status: restored.pkhStatus });
      return;
    }

    case 'KubeFormed': {
      const kube_since = event.data.formedOn.slice(0, 7);
      for (const h of event.data.householdIds) batch.set(h, { kube_id: id, kube_since, kube_last_report: null });
      return;
    }
    case 'KubeMemberJoined':
      return batch.set(event.data.householdId, {
        kube_id: id,
        kube_since: event.data.joinedOn.slice(0, 7),
        kube_last_report: null,
      });
    case 'KubeMemberLeft':
      return batch.set(event.data.householdId, NO_KUBE);
    case 'KubeDissolved':
      return batch.setWhereKube(id, NO_KUBE);
    case 'KubeBusinessReported':
      return batch.setWhereKube(id, { kube_last_report: event.data.period });
    case 'KubeGrantDisbursed':
      return;

    case 'CourseScheduled':
      if (!batch.courses.has(id)) {
        const { title, kind, endsOn } = event.data;
        batch.addCourse({ course_id: id, title, kind, ends_on: endsOn });
      }
      return;
    case 'InvitationAccepted':
    case 'TrainingCompleted':
    case 'TrainingDroppedOut': {
      const { householdId } = event.data;
      const row = batch.rows.get(householdId);
      if (!row) return;
      const open = (JSON.parse(row.trainings) as OpenTraining[]).filter((t) => t.courseId !== id);
      if (event.type === 'InvitationAccepted') {
        const course = batch.courses.get(id);
        if (course) open.push({ courseId: id, title: course.title, kind: course.kind, endsOn: course.ends_on });
      }
      return batch.set(householdId, { trainings: JSON.stringify(open) });
    }
    case 'ParticipantInvited':
    case 'InvitationDeclined':
    case 'SessionAttendanceRecorded':
      return;

    default:
      return otherEvent(event);
  }
}

/**
 * A revoked Kube or course entry (ADR 0019, "Kube and courses") on the household it was about,
 * from what the revocation carries (`id` is the group's or the course's): a revoked joining takes
 * the household out of the group, a revoked leaving or dissolution puts it back (since when is
 * not carried: left empty); a revoked enrolment closes the course among its open trainings, a
 * revoked completion or drop-out opens it again. False: not such an entry.
 */
function revokedKubeOrCourseEntry(batch: CaseloadBatch, id: string, revoked: RevocationTarget): boolean {
  const { eventType, householdId } = revoked;
  const backInKube = (h: string) => {
    if (batch.rows.get(h)?.kube_id === null) batch.set(h, { ...NO_KUBE, kube_id: id });
  };
  switch (eventType) {
    case 'KubeMemberJoined':
      if (householdId && batch.rows.get(householdId)?.kube_id === id) batch.set(householdId, NO_KUBE);
      return true;
    case 'KubeMemberLeft':
      if (householdId) backInKube(householdId);
      return true;
    case 'KubeDissolved':
      for (const h of revoked.householdIds ?? []) backInKube(h);
      return true;
    case 'InvitationAccepted':
    case 'TrainingCompleted':
    case 'TrainingDroppedOut': {
      const row = householdId ? batch.rows.get(householdId) : undefined;
      if (!row || !householdId) return true;
      const open = (JSON.parse(row.trainings) as OpenTraining[]).filter((t) => t.courseId !== id);
      const course = batch.courses.get(id);
      if (eventType !== 'InvitationAccepted' && course)
        open.push({ courseId: id, title: course.title, kind: course.kind, endsOn: course.ends_on });
      batch.set(householdId, { trainings: JSON.stringify(open) });
      return true;
    }
    default:
      return (
        eventType.startsWith('Kube') ||
        ['ParticipantInvited', 'InvitationDeclined', 'SessionAttendanceRecorded'].includes(eventType)
      );
  }
}
