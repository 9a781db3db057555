import type { EventPrivacy } from './privacy.js';
import type { RevocationEvent } from './revocation.js';

/**
 * A revocation (ADR 0019) names an entry by id and type, which PII-free readers may see so their
 * counts can follow; the reason is typed by staff about a family: personal. A Kube or course
 * entry's household and NIK are pseudonymised as in the entry itself; its code is a coded reason.
 */
export const REVOCATION_PRIVACY: EventPrivacy<RevocationEvent> = {
  RevocationRequested: {
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
    reason: 'personal',
    requestedBy: 'public',
  },
  EventRevoked: {
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
  RevocationRejected: {
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
    reason: 'personal',
    rejectedBy: 'public',
  },
};
