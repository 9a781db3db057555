import { STAFF_EVENT_TYPES, STAFF_PRIVACY, type StaffEvent } from '#libs/access/index.js';
import { COMPLAINT_EVENT_TYPES, COMPLAINT_PRIVACY, type ComplaintEvent } from '#libs/complaints/index.js';
import {
  CASEWORK_EVENT_TYPES,
  CASEWORK_PRIVACY,
  REASSIGNMENT_EVENT_TYPES,
  REASSIGNMENT_PRIVACY,
  type CaseworkEvent,
  type ReassignmentEvent,
} from '#libs/casework/index.js';
import { HOUSEHOLD_EVENT_TYPES, HOUSEHOLD_PRIVACY, type HouseholdEvent } from '#libs/households/index.js';
import { KUBE_EVENT_TYPES, KUBE_PRIVACY, type KubeEvent } from '#libs/kube/index.js';
import {
  DISBURSEMENT_BATCH_EVENT_TYPES,
  DISBURSEMENT_BATCH_PRIVACY,
  PKH_EVENT_TYPES,
  PKH_PRIVACY,
  type DisbursementBatchEvent,
  type PkhEvent,
} from '#libs/pkh/index.js';
import {
  RESERVATION_PRIVACY,
  REVOCATION_EVENT_TYPES,
  REVOCATION_PRIVACY,
  privacyPathsOf,
  type EventPrivacy,
  type PrivacyClass,
  type PrivacyPaths,
  type PrivacyPolicy,
  type ReservationEvent,
  type RevocationEvent,
  type StreamPrivacy,
} from '#libs/platform/domain/index.js';
import type { EventMetadata } from '#libs/platform/event-store/index.js';
import { PERIOD_EVENT_TYPES, type PeriodEvent } from '#libs/reporting/index.js';
import { REFERRAL_EVENT_TYPES, REFERRAL_PRIVACY, type ReferralEvent } from '#libs/referrals/index.js';
import { TRAINING_EVENT_TYPES, TRAINING_PRIVACY, type TrainingEvent } from '#libs/training/index.js';

/** Every event type any capability appends. */
export type AnyEvent =
  | HouseholdEvent
  | PkhEvent
  | DisbursementBatchEvent
  | KubeEvent
  | TrainingEvent
  | ComplaintEvent
  | ReferralEvent
  | StaffEvent
  | CaseworkEvent
  | ReassignmentEvent
  | ReservationEvent
  | RevocationEvent;

/** Every capability's declarations, one registry: a type missing here does not compile. */
export const EVENT_PRIVACY: EventPrivacy<AnyEvent> = {
  ...HOUSEHOLD_PRIVACY,
  ...PKH_PRIVACY,
  ...DISBURSEMENT_BATCH_PRIVACY,
  ...KUBE_PRIVACY,
  ...TRAINING_PRIVACY,
  ...COMPLAINT_PRIVACY,
  ...REFERRAL_PRIVACY,
  ...STAFF_PRIVACY,
  ...CASEWORK_PRIVACY,
  ...REASSIGNMENT_PRIVACY,
  ...RESERVATION_PRIVACY,
  ...REVOCATION_PRIVACY,
};

/** Every event type, by capability (the lists the capabilities keep for their projections). */
export const ALL_EVENT_TYPES: readonly AnyEvent['type'][] = [
  ...HOUSEHOLD_EVENT_TYPES,
  ...PKH_EVENT_TYPES,
  ...DISBURSEMENT_BATCH_EVENT_TYPES,
  ...KUBE_EVENT_TYPES,
  ...TRAINING_EVENT_TYPES,
  ...COMPLAINT_EVENT_TYPES,
  ...REFERRAL_EVENT_TYPES,
  ...STAFF_EVENT_TYPES,
  ...CASEWORK_EVENT_TYPES,
  ...REASSIGNMENT_EVENT_TYPES,
  'ReservationMade',
  'ReservationReleased',
  ...REVOCATION_EVENT_TYPES,
];

/**
 * Event types that never reach a PII-free reader, so they carry no field declarations: their
 * streams are internal below. A reporting month's close holds the frozen report (counts keyed by
 * metric names with dots, served by the period routes) and reopening reasons typed by staff
 * about a month, never about a family; none of it belongs to a household, so nothing of it is
 * encrypted at rest either.
 */
export const INTERNAL_EVENT_TYPES: readonly PeriodEvent['type'][] = [...PERIOD_EVENT_TYPES];

/**
 * Metadata a PII-free reader sees. The business time and schema version place and read a fact.
 * Actor and role are staff acting in public office (token subjects, never a family's), kept for
 * workload figures and because the caseworker's monthly report names them already. Correlation
 * and causation ids are the client's own strings, and a reason is free text: dropped.
 */
export const METADATA_PRIVACY = {
  actor: 'public',
  role: 'public',
  occurredAt: 'public',
  schemaVersion: 'public',
  correlationId: 'personal',
  causationId: 'personal',
  reason: 'personal',
} as const satisfies Record<Exclude<keyof EventMetadata, number>, PrivacyClass>;

/**
 * Stream categories: a household's streams are named by its id, which is pseudonymised; groups,
 * courses, complaints, referrals, staff and disbursement batches are not people in need of protection (a batch's
 * payments name their households inside the events, pseudonymised there); reservations (KK, NIK, a household's
 * place in a Kube) are bookkeeping and never leave.
 */
export const STREAM_PRIVACY: Readonly<Record<string, StreamPrivacy>> = {
  household: 'household',
  pkh: 'household',
  disbursementbatch: 'public',
  stagepayment: 'internal',
  kube: 'public',
  training: 'public',
  complaint: 'public',
  referral: 'public',
  staff: 'public',
  identity: 'internal',
  kubemembership: 'internal',
  period: 'internal',
  casework: 'household',
  reassignment: 'public',
};

/** The one policy every PII-free path redacts by. */
export const PERSONAL_DATA_POLICY: PrivacyPolicy = {
  events: EVENT_PRIVACY,
  metadata: METADATA_PRIVACY,
  streams: STREAM_PRIVACY,
};

/**
 * The paths of an event type by class: `personal` and `special` are what encryption at rest
 * protects, `person` and `household` what PII-free views pseudonymise.
 */
export const privacyPaths = (type: string): PrivacyPaths => privacyPathsOf(EVENT_PRIVACY, type);
