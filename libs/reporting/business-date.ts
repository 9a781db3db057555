import { memberChangeEffectiveOn } from '#libs/households/index.js';
import { otherEvent } from '#libs/platform/read-store/index.js';
import type { OutcomeEvent } from './outcome-facts.js';

/** Whether a report places facts by when they happened (`business`) or when Jejak learned them (`recorded`). */
export type ReportBasis = 'business' | 'recorded';
export const REPORT_BASES: readonly ReportBasis[] = ['business', 'recorded'];

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const day = (value: string | undefined | null): string | null => (value && DAY.test(value) ? value : null);

/**
 * The local calendar day an outcome event happened on, as the event states it (`disbursedOn`,
 * `verifiedOn`, the session's day, the exit's): the day a report places its facts on. null when
 * the event names no day (an invitation, a suspension): such a fact happened when it was recorded.
 * A Kube business report covers its month and counts on the month's first day.
 */
export function businessDateOf(event: OutcomeEvent): string | null {
  switch (event.type) {
    case 'EnrolledInPkh':
      return day(event.data.enrolledOn);
    case 'PkhComplianceVerified':
      return day(event.data.verifiedOn);
    case 'PkhEntitlementReassessed':
      return day(event.data.membersOn);
    case 'PkhBenefitDisbursed':
      return day(event.data.disbursedOn);
    case 'PkhPaymentFailed':
      return day(event.data.failedOn);
    case 'PkhPaymentReversed':
      return day(event.data.reversedOn);
    case 'PkhGraduated':
      return day(event.data.graduatedOn);
    case 'ExitApproved':
      return day(event.data.exitedOn);
    case 'CaseReopened':
      return day(event.data.reopenedOn);
    case 'KubeFormed':
      return day(event.data.formedOn);
    case 'KubeMemberJoined':
      return day(event.data.joinedOn);
    case 'KubeMemberLeft':
      return day(event.data.leftOn);
    case 'KubeDissolved':
      return day(event.data.dissolvedOn);
    case 'KubeGrantDisbursed':
      return day(event.data.disbursedOn);
    case 'KubeBusinessReported':
      return /^\d{4}-\d{2}$/.test(event.data.period) ? `${event.data.period}-01` : null;
    case 'SessionAttendanceRecorded':
      return day(event.data.heldOn);
    case 'ComplaintReceived':
      return day(event.data.receivedOn);
    case 'ComplaintEscalated':
      return day(event.data.escalatedOn);
    case 'ComplaintResolved':
      return day(event.data.resolvedOn);
    case 'ComplainantInformed':
      return day(event.data.informedOn);
    case 'MemberDetailsCorrected':
    case 'PregnancyBegan':
    case 'PregnancyEnded':
    case 'ChildBorn':
    case 'MemberNikIssued':
    case 'SchoolLevelChanged':
    case 'DisabilityAssessed':
    case 'MemberDied':
    case 'MemberMovedOut':
    case 'MemberMovedIn':
    case 'HouseholdMoved':
      return day(memberChangeEffectiveOn(event));
    case 'HouseholdRegistered':
    case 'HouseholdAssessed':
    case 'CaseworkerAssigned':
    case 'CaseNoteRecorded':
    case 'MemberAdded':
    case 'MemberRemoved':
    case 'ExitProposed':
    case 'ExitRejected':
    case 'PkhSuspended':
    case 'PkhReinstated':
    case 'PkhKksAccountRecorded':
    case 'PkhTerminated':
    case 'CourseScheduled':
    case 'ParticipantInvited':
    case 'InvitationAccepted':
    case 'InvitationDeclined':
    case 'TrainingCompleted':
    case 'TrainingDroppedOut':
    case 'ErasureRequested':
    case 'HouseholdErased':
    case 'ComplaintAssigned':
    case 'RevocationRequested':
    case 'EventRevoked':
    case 'RevocationRejected':
      return null;
    default:
      otherEvent(event);
      return null;
  }
}
