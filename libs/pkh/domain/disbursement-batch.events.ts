import type { DomainEvent } from '#libs/platform/domain/index.js';
import type { DisbursementChannel } from './pkh.events.js';

/** What the paying channel says of one payment in its result file. */
export type PaymentOutcome = 'paid' | 'failed' | 'returned';

/** The batch's header: control totals and who declared it. Recipients follow, one event each. */
export type DisbursementBatchDeclared = DomainEvent<
  'DisbursementBatchDeclared',
  {
    batchId: string;
    stage: string;
    channel: DisbursementChannel;
    plannedOn: string;
    /** The batch whose failed and returned payments this one pays again; null for a stage's first batch. */
    reissueOf: string | null;
    count: number;
    rupiah: number;
    /** Above this total a second approver (an admin) approves too; fixed at declaration. */
    secondApprovalAbove: number;
    /** Who declared it (a staff token subject): the one person who may not approve it. */
    maker: string;
  }
>;
/**
 * One payment of the batch. Its own event so that its recipient's NIK, name and account are
 * sealed under that household's key (ADR 0010), and erased with it.
 */
export type PaymentAddedToBatch = DomainEvent<
  'PaymentAddedToBatch',
  {
    batchId: string;
    householdId: string;
    reference: string;
    nik: string;
    name: string;
    account: string | null;
    amount: number;
  }
>;
export type DisbursementBatchApproved = DomainEvent<
  'DisbursementBatchApproved',
  { batchId: string; approver: string; role: string; approvalsGiven: number; approvalsNeeded: number }
>;
export type DisbursementBatchCancelled = DomainEvent<'DisbursementBatchCancelled', { batchId: string }>;
export type DisbursementBatchExported = DomainEvent<
  'DisbursementBatchExported',
  { batchId: string; format: string; checksum: string; count: number; rupiah: number }
>;
export type BatchPaymentSettled = DomainEvent<
  'BatchPaymentSettled',
  {
    batchId: string;
    householdId: string;
    reference: string;
    stage: string;
    outcome: PaymentOutcome;
    /** The channel's coded reason for a failed or returned payment; null when paid. */
    reasonCode: string | null;
    amount: number;
    settledOn: string;
  }
>;
/** Money recalled after the channel reported it paid: the payment is due again. */
export type BatchPaymentReversed = DomainEvent<
  'BatchPaymentReversed',
  { batchId: string; householdId: string; reference: string; stage: string; amount: number; reversedOn: string }
>;

/** How a sampled family was reached for the post-payment check. */
export type CheckMethod = 'phone' | 'visit';
/** What the family said of its payment. */
export type CheckOutcome = 'received' | 'not_received' | 'problem';
/** The coded finding of a check whose outcome is `problem`. */
export const CHECK_PROBLEM_CODES = [
  'AMOUNT_SHORT',
  'FEE_CHARGED',
  'CARD_HELD_BY_OTHER',
  'LATE',
  'WRONG_RECIPIENT',
  'OTHER',
] as const;
export type CheckProblemCode = (typeof CHECK_PROBLEM_CODES)[number];

/**
 * The post-payment check's sample (ADR 0013): its size from the confidence and margin over the
 * paid families, drawn with `seed`; the households in the batch's order. Anyone can draw it again.
 */
export type PaymentCheckSampleDrawn = DomainEvent<
  'PaymentCheckSampleDrawn',
  {
    batchId: string;
    confidence: number;
    margin: number;
    /** Paid payments when the sample was drawn: the population it was drawn from. */
    population: number;
    size: number;
    seed: number;
    householdIds: string[];
    drawnOn: string;
  }
>;
/** A caseworker's check of one sampled payment. */
export type PaymentCheckRecorded = DomainEvent<
  'PaymentCheckRecorded',
  {
    batchId: string;
    householdId: string;
    method: CheckMethod;
    outcome: CheckOutcome;
    problemCode: CheckProblemCode | null;
    note: string | null;
    checkedOn: string;
    checkedBy: string;
  }
>;

export type DisbursementBatchEvent =
  | DisbursementBatchDeclared
  | PaymentAddedToBatch
  | DisbursementBatchApproved
  | DisbursementBatchCancelled
  | DisbursementBatchExported
  | BatchPaymentSettled
  | BatchPaymentReversed
  | PaymentCheckSampleDrawn
  | PaymentCheckRecorded;

export const DISBURSEMENT_BATCH_EVENT_TYPES: readonly DisbursementBatchEvent['type'][] = [
  'DisbursementBatchDeclared',
  'PaymentAddedToBatch',
  'DisbursementBatchApproved',
  'DisbursementBatchCancelled',
  'DisbursementBatchExported',
  'BatchPaymentSettled',
  'BatchPaymentReversed',
  'PaymentCheckSampleDrawn',
  'PaymentCheckRecorded',
];
