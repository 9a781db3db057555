import type { EventPrivacy } from '#libs/platform/domain/index.js';
import type { DisbursementBatchEvent } from './disbursement-batch.events.js';

/**
 * What a PII-free reader sees of a disbursement batch (ADR 0010, 0012): counts, amounts, codes
 * and dates; the household as its pseudonym; never the recipient's NIK, name, account or the
 * payment reference (which the bank file pairs with them).
 */
export const DISBURSEMENT_BATCH_PRIVACY: EventPrivacy<DisbursementBatchEvent> = {
  DisbursementBatchDeclared: {
    batchId: 'public',
    stage: 'public',
    channel: 'public',
    plannedOn: 'public',
    reissueOf: 'public',
    count: 'public',
    rupiah: 'public',
    secondApprovalAbove: 'public',
    maker: 'public',
  },
  PaymentAddedToBatch: {
    batchId: 'public',
    householdId: 'household',
    reference: 'personal',
    nik: 'personal',
    name: 'personal',
    account: 'personal',
    amount: 'public',
  },
  DisbursementBatchApproved: {
    batchId: 'public',
    approver: 'public',
    role: 'public',
    approvalsGiven: 'public',
    approvalsNeeded: 'public',
  },
  DisbursementBatchCancelled: { batchId: 'public' },
  DisbursementBatchExported: {
    batchId: 'public',
    format: 'public',
    checksum: 'public',
    count: 'public',
    rupiah: 'public',
  },
  BatchPaymentSettled: {
    batchId: 'public',
    householdId: 'household',
    reference: 'personal',
    stage: 'public',
    outcome: 'public',
    // The channel's reason, a cell of its result file taken as it is (no coded list): dropped.
    reasonCode: 'personal',
    amount: 'public',
    settledOn: 'public',
  },
  BatchPaymentReversed: {
    batchId: 'public',
    householdId: 'household',
    reference: 'personal',
    stage: 'public',
    amount: 'public',
    reversedOn: 'public',
  },
  PaymentCheckSampleDrawn: {
    batchId: 'public',
    confidence: 'public',
    margin: 'public',
    population: 'public',
    size: 'public',
    seed: 'public',
    householdIds: 'household',
    drawnOn: 'public',
  },
  PaymentCheckRecorded: {
    batchId: 'public',
    householdId: 'household',
    method: 'public',
    outcome: 'public',
    problemCode: 'public',
    note: 'personal',
    checkedOn: 'public',
    checkedBy: 'public',
  },
};
