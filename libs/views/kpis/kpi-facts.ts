import { idOf } from '#libs/platform/event-store/index.js';
import { otherEvent } from '#libs/platform/read-store/index.js';
import type { EventRevoked } from '#libs/platform/domain/index.js';
import { businessDateOf, type OutcomeEvent } from '#libs/reporting/index.js';
import { stageDue } from '../shared/periods.js';

/** A household's, course's or Kube's area, and what the KPIs remember of it. */
export interface KpiSubject {
  kecamatan: string;
  kelurahan: string;
  /** Households: the day the case was (re)opened. */
  openedOn: string | null;
  /** Courses: vocational or family_session. */
  kind: string | null;
}

export interface KpiContext {
  subject(id: string): KpiSubject | undefined;
  setSubject(id: string, subject: KpiSubject): void;
}

/** One count of a supervisor's KPI, at an area, in a month. */
export interface KpiFact {
  kpi:
    | 'exit.daysToExit'
    | 'exit.daysTotal'
    | 'pkh.verification'
    | 'reporting.delay'
    | 'training.funnel'
    | 'training.declined';
  dimension: string;
  bucket: string;
  value: number;
}

/** The facts of one event, where they count and, for a revocation, the month they count in (the entry's). */
export interface KpiFacts {
  area: KpiSubject | undefined;
  facts: KpiFact[];
  period?: string;
}

const DAY_MS = 86_400_000;
const daysBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS);

/** Business date to recorded date, in the buckets a supervisor acts on. */
export const DELAY_BUCKETS = ['same day', '1-7 days', '8-30 days', '31-90 days', 'over 90 days'] as const;
export function delayBucket(days: number): (typeof DELAY_BUCKETS)[number] {
  if (days <= 0) return 'same day';
  if (days <= 7) return '1-7 days';
  if (days <= 30) return '8-30 days';
  if (days <= 90) return '31-90 days';
  return 'over 90 days';
}

/** Case opened to exit approved. */
export const EXIT_BUCKETS = ['up to 6 months', '6-12 months', '1-2 years', 'over 2 years'] as const;
export function exitBucket(days: number): (typeof EXIT_BUCKETS)[number] {
  if (days <= 182) return 'up to 6 months';
  if (days <= 365) return '6-12 months';
  if (days <= 730) return '1-2 years';
  return 'over 2 years';
}

const FUNNEL = {
  ParticipantInvited: 'invited',
  InvitationAccepted: 'enrolled',
  InvitationDeclined: 'declined',
  TrainingCompleted: 'completed',
  TrainingDroppedOut: 'droppedOut',
} as const;

/**
 * The KPI facts of one event and where they count (the subject's area), updating the context.
 * `recordedOn` is the local day the event was recorded. Counts only: no names, NIKs or ids leave.
 */
export function kpiFactsOf(
  context: KpiContext,
  event: OutcomeEvent & { stream: string },
  recordedOn: string,
  /** The local day of an instant (a revoked entry's recording time). */
  dayOf: (instant: string) => string = (instant) => instant.slice(0, 10),
): KpiFacts {
  const id = idOf(event.stream);
  const facts: KpiFact[] = [];
  const businessDate = businessDateOf(event);
  let area: KpiSubject | undefined;
  switch (event.type) {
    case 'HouseholdRegistered': {
      const { kecamatan, kelurahan } = event.data.address;
      area = { kecamatan, kelurahan, openedOn: recordedOn, kind: null };
      context.setSubject(id, area);
      break;
    }
    case 'CaseReopened': {
      area = context.subject(id);
      if (area) context.setSubject(id, { ...area, openedOn: event.data.reopenedOn });
      break;
    }
    case 'ExitApproved': {
      area = context.subject(id);
      if (area?.openedOn) {
        const days = Math.max(0, daysBetween(area.openedOn, event.data.exitedOn ?? recordedOn));
        facts.push({ kpi: 'exit.daysToExit', dimension: '', bucket: exitBucket(days), value: 1 });
        facts.push({ kpi: 'exit.daysTotal', dimension: '', bucket: '', value: days });
      }
      break;
    }
    case 'PkhComplianceVerified': {
      area = context.subject(id);
      const onTime = event.data.verifiedOn <= stageDue(event.data.stage);
      facts.push({ kpi: 'pkh.verification', dimension: '', bucket: onTime ? 'on time' : 'late', value: 1 });
      break;
    }
    case 'KubeFormed': {
      const { kecamatan, kelurahan } = event.data;
      area = { kecamatan, kelurahan, openedOn: null, kind: null };
      context.setSubject(id, area);
      break;
    }
    case 'CourseScheduled': {
      const { kecamatan, kelurahan, kind } = event.data;
      context.setSubject(id, { kecamatan, kelurahan, openedOn: null, kind });
      break;
    }
    case 'ParticipantInvited':
    case 'InvitationAccepted':
    case 'InvitationDeclined':
    case 'TrainingCompleted':
    case 'TrainingDroppedOut': {
      area = context.subject(event.data.householdId);
      const kind = context.subject(id)?.kind ?? 'unknown';
      facts.push({ kpi: 'training.funnel', dimension: kind, bucket: FUNNEL[event.type], value: 1 });
      if (event.type === 'InvitationDeclined')
        facts.push({ kpi: 'training.declined', dimension: kind, bucket: event.data.reason, value: 1 });
      break;
    }
    case 'HouseholdMoved': {
      const before = context.subject(id);
      const { kecamatan, kelurahan } = event.data.address;
      area = { kecamatan, kelurahan, openedOn: before?.openedOn ?? null, kind: before?.kind ?? null };
      context.setSubject(id, area);
      break;
    }
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
    case 'HouseholdAssessed':
    case 'CaseworkerAssigned':
    case 'CaseNoteRecorded':
    case 'MemberAdded':
    case 'MemberRemoved':
    case 'ExitProposed':
    case 'ExitRejected':
    case 'EnrolledInPkh':
    case 'PkhEntitlementReassessed':
    case 'PkhBenefitDisbursed':
    case 'PkhPaymentFailed':
    case 'PkhPaymentReversed':
    case 'PkhSuspended':
    case 'PkhReinstated':
    case 'PkhTerminated':
    case 'PkhGraduated':
    case 'PkhKksAccountRecorded':
    case 'ErasureRequested':
    case 'HouseholdErased':
      area = context.subject(id);
      break;
    case 'ComplaintReceived': {
      // A complaint counts in the reporting delay like any fact (received on, recorded on).
      const { kecamatan, kelurahan } = event.data;
      area = { kecamatan, kelurahan, openedOn: null, kind: null };
      break;
    }
    case 'ComplaintAssigned':
    case 'ComplaintEscalated':
    case 'ComplaintResolved':
    case 'ComplainantInformed':
      area = context.subject(event.data.aboutHouseholdId);
      break;
    case 'KubeMemberJoined':
    case 'KubeMemberLeft':
    case 'KubeGrantDisbursed':
    case 'KubeBusinessReported':
    case 'KubeDissolved':
    case 'SessionAttendanceRecorded':
      area = context.subject(id);
      break;
    // A revocation (ADR 0019): a revoked participant's entry comes off the training funnel (a
    // decline under its reason); a revoked PKH or household entry comes off what it counted.
    case 'RevocationRequested':
    case 'RevocationRejected':
      break;
    case 'EventRevoked': {
      const { eventType, householdId, code } = event.data;
      if (!(eventType in FUNNEL)) return revokedKpiFacts(context, id, event.stream, event.data, dayOf);
      area = householdId ? context.subject(householdId) : undefined;
      const kind = context.subject(id)?.kind ?? 'unknown';
      facts.push({
        kpi: 'training.funnel',
        dimension: kind,
        bucket: FUNNEL[eventType as keyof typeof FUNNEL],
        value: -1,
      });
      if (eventType === 'InvitationDeclined' && code)
        facts.push({ kpi: 'training.declined', dimension: kind, bucket: code, value: -1 });
      break;
    }
    default:
      otherEvent(event);
  }
  if (businessDate) {
    const category = event.stream.slice(0, event.stream.indexOf('-'));
    const bucket = delayBucket(daysBetween(businessDate, recordedOn));
    facts.push({ kpi: 'reporting.delay', dimension: category, bucket, value: 1 });
  }
  return { area, facts };
}

/**
 * A revoked entry (ADR 0019) is taken out of the KPIs it counted in, in the month it counted in
 * (its business date's, else its recording day's), from what the revocation carries: its
 * reporting delay (business date against the day it was recorded), a PKH verification on time or
 * late (its stage and day), an exit's time since the case opened (the case's opening as the KPIs
 * know it now). A revocation without those fields (recorded before they were carried) takes back
 * nothing.
 */
function revokedKpiFacts(
  context: KpiContext,
  id: string,
  stream: string,
  revoked: EventRevoked['data'],
  dayOf: (instant: string) => string,
): KpiFacts {
  const area = context.subject(id);
  const { eventType, businessDate, occurredAt, stage } = revoked;
  if (!occurredAt) return { area, facts: [] };
  const recordedOn = dayOf(occurredAt);
  const facts: KpiFact[] = [];
  if (eventType === 'PkhComplianceVerified' && businessDate && stage) {
    const onTime = businessDate <= stageDue(stage);
    facts.push({ kpi: 'pkh.verification', dimension: '', bucket: onTime ? 'on time' : 'late', value: -1 });
  }
  if (eventType === 'ExitApproved' && area?.openedOn) {
    const days = Math.max(0, daysBetween(area.openedOn, businessDate ?? recordedOn));
    facts.push({ kpi: 'exit.daysToExit', dimension: '', bucket: exitBucket(days), value: -1 });
    facts.push({ kpi: 'exit.daysTotal', dimension: '', bucket: '', value: -days });
  }
  if (businessDate) {
    const category = stream.slice(0, stream.indexOf('-'));
    const bucket = delayBucket(daysBetween(businessDate, recordedOn));
    facts.push({ kpi: 'reporting.delay', dimension: category, bucket, value: -1 });
  }
  return { area, facts, period: (businessDate ?? recordedOn).slice(0, 7) };
}
