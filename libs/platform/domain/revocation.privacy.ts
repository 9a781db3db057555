import type { EventPrivacy, FieldPrivacy } from './privacy.js';
import type { RevocationEvent, RevocationTarget } from './revocation.js';

/**
 * What every revocation event carries of its entry: ids and type, which PII-free readers may see so
 * their counts can follow; a Kube or course entry's household and NIK, pseudonymised as in the entry
 * itself; its code, a coded reason.
 */
const TARGET = {
  eventId: 'public',
  eventType: 'public',
  revision: 'public',
  stage: 'public',
  amount: 'public',
  householdId: 'household',
  householdIds: 'household',
  nik: 'person',
  code: 'public',
  persons: 'public',
  businessDate: 'public',
  occurredAt: 'public',
} as const satisfies FieldPrivacy<RevocationTarget>;

/** A revocation (ADR 0019): the reason is typed by staff about a family, so personal. */
export const REVOCATION_PRIVACY: EventPrivacy<RevocationEvent> = {
  RevocationRequested: { ...TARGET, reason: 'personal', requestedBy: 'public' },
  EventRevoked: {
    ...TARGET,
    reason: 'personal',
    requestedBy: 'public',
    approvedBy: 'public',
    'restored.welfareStatus': 'public',
    'restored.lastAssessment.assessmentId': 'public',
    'restored.lastAssessment.perCapitaIncome': 'public',
    'restored.lastAssessment.povertyLine': 'public',
    'restored.lastAssessment.assessedOn': 'public',
    'restored.caseStatus': 'public',
    'restored.closedOn': 'public',
    'restored.pendingExit': 'public',
    'restored.notes': 'public',
    'restored.pkhStatus': 'public',
  },
  RevocationRejected: { ...TARGET, reason: 'personal', rejectedBy: 'public' },
};
