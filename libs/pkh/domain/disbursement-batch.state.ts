import type { DisbursementChannel } from './pkh.events.js';
import type {
  DisbursementBatchEvent,
  PaymentCheckRecorded,
  PaymentCheckSampleDrawn,
  PaymentOutcome,
} from './disbursement-batch.events.js';

export type BatchStatus = 'none' | 'declared' | 'approved' | 'cancelled' | 'exported';
export type PaymentStatus = 'pending' | PaymentOutcome | 'reversed';

export interface BatchPayment {
  householdId: string;
  reference: string;
  nik: string;
  name: string;
  account: string | null;
  amount: number;
  status: PaymentStatus;
  reasonCode: string | null;
  /** The channel's date for a settled payment. */
  settledOn: string | null;
  reversedOn: string | null;
}

/** The post-payment check: its sample and what was found, by household. */
export interface PaymentCheck {
  sample: Omit<PaymentCheckSampleDrawn['data'], 'batchId'>;
  results: Record<string, Omit<PaymentCheckRecorded['data'], 'batchId' | 'householdId'>>;
}

export interface DisbursementBatchState {
  status: BatchStatus;
  batchId: string | null;
  stage: string;
  channel: DisbursementChannel | null;
  plannedOn: string | null;
  reissueOf: string | null;
  maker: string | null;
  control: { count: number; rupiah: number };
  secondApprovalAbove: number;
  approvers: string[];
  checksum: string | null;
  /** In declaration order; the bank file lists them so. */
  payments: BatchPayment[];
  check: PaymentCheck | null;
}

export const initialBatchState = (): DisbursementBatchState => ({
  status: 'none',
  batchId: null,
  stage: '',
  channel: null,
  plannedOn: null,
  reissueOf: null,
  maker: null,
  control: { count: 0, rupiah: 0 },
  secondApprovalAbove: 0,
  approvers: [],
  checksum: null,
  payments: [],
  check: null,
});

/** Approvals a batch needs: one by someone other than its maker, two above the threshold. */
export const approvalsNeeded = (state: Pick<DisbursementBatchState, 'control' | 'secondApprovalAbove'>): number =>
  state.control.rupiah > state.secondApprovalAbove ? 2 : 1;

const withPayment = (
  state: DisbursementBatchState,
  reference: string,
  change: Partial<BatchPayment>,
): DisbursementBatchState => ({
  ...state,
  payments: state.payments.map((p) => (p.reference === reference ? { ...p, ...change } : p)),
});

export function evolveBatch(state: DisbursementBatchState, event: DisbursementBatchEvent): DisbursementBatchState {
  switch (event.type) {
    case 'DisbursementBatchDeclared': {
      const { batchId, stage, channel, plannedOn, reissueOf, count, rupiah, secondApprovalAbove, maker } = event.data;
      return {
        ...initialBatchState(),
        status: 'declared',
        batchId,
        stage,
        channel,
        plannedOn,
        reissueOf,
        maker,
        control: { count, rupiah },
        secondApprovalAbove,
      };
    }
    case 'PaymentAddedToBatch': {
      const { householdId, reference, nik, name, account, amount } = event.data;
      const payment: BatchPayment = {
        householdId,
        reference,
        nik,
        name,
        account,
        amount,
        status: 'pending',
        reasonCode: null,
        settledOn: null,
        reversedOn: null,
      };
      return { ...state, payments: [...state.payments, payment] };
    }
    case 'DisbursementBatchApproved': {
      const approvers = [...state.approvers, event.data.approver];
      return { ...state, approvers, status: approvers.length >= approvalsNeeded(state) ? 'approved' : state.status };
    }
    case 'DisbursementBatchCancelled':
      return { ...state, status: 'cancelled' };
    case 'DisbursementBatchExported':
      return { ...state, status: 'exported', checksum: event.data.checksum };
    case 'BatchPaymentSettled':
      return withPayment(state, event.data.reference, {
        status: event.data.outcome,
        reasonCode: event.data.reasonCode,
        settledOn: event.data.settledOn,
      });
    case 'BatchPaymentReversed':
      return withPayment(state, event.data.reference, { status: 'reversed', reversedOn: event.data.reversedOn });
    case 'PaymentCheckSampleDrawn': {
      const { batchId: _b, ...sample } = event.data;
      return { ...state, check: { sample, results: {} } };
    }
    case 'PaymentCheckRecorded': {
      if (!state.check) return state;
      const { batchId: _b, householdId, ...result } = event.data;
      return { ...state, check: { ...state.check, results: { ...state.check.results, [householdId]: result } } };
    }
    default:
      return state;
  }
}
