import type { EventPrivacy } from '#libs/platform/domain/index.js';
import type { CaseworkEvent, ReassignmentEvent } from './casework.events.js';

/**
 * What a PII-free reader sees of the casework (ADR 0010, ADR 0018): staff ids, codes, dates and
 * risk levels; never a reason, a visit's purpose or note, which are free text about a family.
 */
export const CASEWORK_PRIVACY: EventPrivacy<CaseworkEvent> = {
  TransferRequested: {
    householdId: 'household',
    transferId: 'public',
    fromCaseworkerId: 'public',
    toCaseworkerId: 'public',
    requestedBy: 'public',
    requestedAs: 'public',
    reason: 'personal',
  },
  TransferAccepted: {
    householdId: 'household',
    transferId: 'public',
    fromCaseworkerId: 'public',
    toCaseworkerId: 'public',
    decidedBy: 'public',
    movedVisitIds: 'public',
  },
  TransferRejected: {
    householdId: 'household',
    transferId: 'public',
    toCaseworkerId: 'public',
    decidedBy: 'public',
    reason: 'personal',
  },
  VisitScheduled: {
    householdId: 'household',
    visitId: 'public',
    kind: 'public',
    dueOn: 'public',
    origin: 'public',
    purpose: 'personal',
  },
  VisitDone: { householdId: 'household', visitId: 'public', doneOn: 'public', note: 'personal' },
  VisitMissed: { householdId: 'household', visitId: 'public', missedOn: 'public', reason: 'personal' },
  VisitRescheduled: {
    householdId: 'household',
    visitId: 'public',
    previousDueOn: 'public',
    dueOn: 'public',
    reason: 'personal',
  },
  FlagSet: { householdId: 'household', flag: 'public', risk: 'public', reason: 'personal' },
  FlagCleared: { householdId: 'household', flag: 'public', reason: 'personal' },
};

export const REASSIGNMENT_PRIVACY: EventPrivacy<ReassignmentEvent> = {
  CaseloadReassigned: {
    reassignmentId: 'public',
    fromCaseworkerId: 'public',
    toCaseworkerId: 'public',
    householdIds: 'household',
    reason: 'personal',
  },
};
