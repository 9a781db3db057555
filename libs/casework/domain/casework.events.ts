import type { DomainEvent } from '#libs/platform/domain/index.js';

/** Who asked for a transfer: a supervisor, or the caseworker who would receive the case. */
export type TransferRequester = 'supervisor' | 'caseworker';

/** A home visit, or a follow-up of a family's attendance at P2K2 (the PKH family sessions). */
export const VISIT_KINDS = ['home_visit', 'p2k2_follow_up'] as const;
export type VisitKind = (typeof VISIT_KINDS)[number];

/** Why a visit was scheduled: by a caseworker, or by a rule on an event (ADR 0018). */
export const VISIT_ORIGINS = ['manual', 'non_compliant_verification'] as const;
export type VisitOrigin = (typeof VISIT_ORIGINS)[number];

/** What a flag warns of; coded so that caseloads filter and reports count them. */
export const FLAG_CODES = [
  'child_out_of_school',
  'family_at_risk_of_reentry',
  'health_check_missed',
  'domestic_violence_concern',
  'unreachable_family',
  'other',
] as const;
export type FlagCode = (typeof FLAG_CODES)[number];

/** Ordered: a filter by risk level takes that level and above. */
export const RISK_LEVELS = ['low', 'medium', 'high'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

export type TransferRequested = DomainEvent<
  'TransferRequested',
  {
    householdId: string;
    transferId: string;
    fromCaseworkerId: string | null;
    toCaseworkerId: string;
    requestedBy: string;
    requestedAs: TransferRequester;
    reason: string;
  }
>;
/** The case moved: its open visits and follow-ups (listed) go with it, since they belong to the case. */
export type TransferAccepted = DomainEvent<
  'TransferAccepted',
  {
    householdId: string;
    transferId: string;
    fromCaseworkerId: string | null;
    toCaseworkerId: string;
    decidedBy: string;
    movedVisitIds: string[];
  }
>;
export type TransferRejected = DomainEvent<
  'TransferRejected',
  { householdId: string; transferId: string; toCaseworkerId: string; decidedBy: string; reason: string }
>;
export type VisitScheduled = DomainEvent<
  'VisitScheduled',
  { householdId: string; visitId: string; kind: VisitKind; dueOn: string; origin: VisitOrigin; purpose: string }
>;
export type VisitDone = DomainEvent<
  'VisitDone',
  { householdId: string; visitId: string; doneOn: string; note: string }
>;
export type VisitMissed = DomainEvent<
  'VisitMissed',
  { householdId: string; visitId: string; missedOn: string; reason: string }
>;
export type VisitRescheduled = DomainEvent<
  'VisitRescheduled',
  { householdId: string; visitId: string; previousDueOn: string; dueOn: string; reason: string }
>;
export type FlagSet = DomainEvent<'FlagSet', { householdId: string; flag: FlagCode; risk: RiskLevel; reason: string }>;
export type FlagCleared = DomainEvent<'FlagCleared', { householdId: string; flag: FlagCode; reason: string }>;

export type CaseworkEvent =
  | TransferRequested
  | TransferAccepted
  | TransferRejected
  | VisitScheduled
  | VisitDone
  | VisitMissed
  | VisitRescheduled
  | FlagSet
  | FlagCleared;

export const CASEWORK_EVENT_TYPES: readonly CaseworkEvent['type'][] = [
  'TransferRequested',
  'TransferAccepted',
  'TransferRejected',
  'VisitScheduled',
  'VisitDone',
  'VisitMissed',
  'VisitRescheduled',
  'FlagSet',
  'FlagCleared',
];

/** A supervisor's move of part or all of a caseload; each household's own history has its CaseworkerAssigned. */
export type CaseloadReassigned = DomainEvent<
  'CaseloadReassigned',
  { reassignmentId: string; fromCaseworkerId: string; toCaseworkerId: string; householdIds: string[]; reason: string }
>;
export type ReassignmentEvent = CaseloadReassigned;
export const REASSIGNMENT_EVENT_TYPES: readonly ReassignmentEvent['type'][] = ['CaseloadReassigned'];
