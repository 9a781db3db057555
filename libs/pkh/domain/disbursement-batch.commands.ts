import type { DisbursementChannel } from './pkh.events.js';
import type { CheckMethod, CheckOutcome, CheckProblemCode, PaymentOutcome } from './disbursement-batch.events.js';
import type { CheckConfidence } from './payment-check-sample.js';

/** Why a household is not due for a stage (the due list's refusal reasons). */
export type NotDueReason =
  | 'NOT_ACTIVE'
  | 'SUSPENDED'
  | 'STAGE_NOT_VERIFIED'
  | 'STAGE_NOT_COMPLIANT'
  | 'ALREADY_PAID'
  | 'IN_OPEN_BATCH'
  | 'NOT_REGISTERED';

/** What the PKH stream and the household registry say of one household for a stage. */
export type DueFact =
  | { due: true; amount: number; nik: string; name: string; account: string | null }
  | { due: false; reason: NotDueReason };

/** One row of the channel's result file, as parsed; `error` when the row could not be read. */
export type ResultRow =
  | {
      line: number;
      batchId: string | null;
      reference: string;
      outcome: PaymentOutcome;
      reasonCode: string | null;
      amount: number;
      date: string;
    }
  | { line: number; error: string };

export type DisbursementBatchCommand =
  | {
      type: 'DeclareDisbursementBatch';
      data: {
        batchId: string;
        stage: string;
        channel: DisbursementChannel;
        plannedOn: string;
        householdIds: string[];
        /** The control totals the maker typed: the decider checks them against the payments. */
        control: { count: number; rupiah: number };
        due: Readonly<Record<string, DueFact>>;
        /** For a reissue: the batch and the households whose payment in it failed or came back. */
        reissueOf: { batchId: string; stage: string; failedHouseholdIds: string[] } | null;
        secondApprovalAbove: number;
        maker: string;
        at: string;
      };
    }
  | { type: 'ApproveDisbursementBatch'; data: { batchId: string; approver: string; role: string; at: string } }
  | { type: 'CancelDisbursementBatch'; data: { batchId: string; at: string } }
  | {
      type: 'ExportDisbursementBatch';
      data: { batchId: string; format: string; checksum: string; at: string };
    }
  | { type: 'RecordPaymentResults'; data: { batchId: string; rows: ResultRow[]; at: string; today: string } }
  | {
      type: 'ReverseBatchPayment';
      data: { batchId: string; reference: string; reversedOn: string; at: string; today: string };
    }
  | {
      type: 'DrawPaymentCheckSample';
      data: { batchId: string; confidence: CheckConfidence; margin: number; seed: number; drawnOn: string; at: string };
    }
  | {
      type: 'RecordPaymentCheck';
      data: {
        batchId: string;
        householdId: string;
        method: CheckMethod;
        outcome: CheckOutcome;
        problemCode: CheckProblemCode | null;
        note: string | null;
        checkedOn: string;
        checkedBy: string;
        at: string;
      };
    };
