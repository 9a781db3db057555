import { notFound, ruleBroken, unreachable, type Decider } from '#libs/platform/domain/index.js';
import type { DisbursementBatchCommand } from './disbursement-batch.commands.js';
import type { DisbursementBatchEvent } from './disbursement-batch.events.js';
import { drawCheckSample, recordCheck } from './disbursement-batch.checks.js';
import { reconcile } from './disbursement-batch.reconciliation.js';
import {
  approvalsNeeded,
  evolveBatch,
  initialBatchState,
  type DisbursementBatchState,
} from './disbursement-batch.state.js';

const STAGE = /^\d{4}-[1-4]$/;

/** A payment's reference in the bank file: the stage, the batch and its line, stable across exports. */
export const paymentReference = (stage: string, batchId: string, index: number): string =>
  `PKH-${stage}-${batchId.replace(/-/g, '').slice(0, 8).toUpperCase()}-${String(index + 1).padStart(5, '0')}`;

/**
 * A stage's payments as a batch (ADR 0013): declared from the due list with control totals,
 * approved by someone other than the maker (and an admin above the threshold), cancelled before
 * it is sent, exported once, reconciled row by row, reversed payment by payment.
 */
export const disbursementBatchDecider: Decider<
  DisbursementBatchCommand,
  DisbursementBatchEvent,
  DisbursementBatchState
> = {
  initialState: initialBatchState,
  evolve: evolveBatch,
  decide(command, state) {
    switch (command.type) {
      case 'DeclareDisbursementBatch': {
        const {
          batchId,
          stage,
          channel,
          plannedOn,
          householdIds,
          control,
          due,
          reissueOf,
          secondApprovalAbove,
          maker,
        } = command.data;
        if (state.status !== 'none') throw ruleBroken('BATCH.ALREADY_DECLARED', 'This batch is already declared');
        if (!STAGE.test(stage)) throw ruleBroken('PKH.UNKNOWN_STAGE', 'A stage is written YYYY-N with N from 1 to 4');
        if (householdIds.length === 0) throw ruleBroken('BATCH.EMPTY', 'A batch pays at least one household');
        if (new Set(householdIds).size !== householdIds.length) {
          throw ruleBroken('BATCH.HOUSEHOLD_TWICE', 'A household is paid once per batch');
        }
        if (reissueOf) {
          if (reissueOf.stage !== stage) throw ruleBroken('BATCH.REISSUE_OTHER_STAGE', 'A reissue pays the same stage');
          const failed = new Set(reissueOf.failedHouseholdIds);
          const others = householdIds.filter((id) => !failed.has(id));
          if (others.length > 0) {
            throw ruleBroken('BATCH.REISSUE_TAKES_FAILED_ONLY', 'A reissue takes failed or returned payments only', {
              householdIds: others,
            });
          }
        }
        const refused = householdIds.flatMap((householdId) => {
          const fact = due[householdId];
          if (!fact) return [{ householdId, reason: 'NOT_REGISTERED' }];
          return fact.due ? [] : [{ householdId, reason: fact.reason }];
        });
        if (refused.length > 0) {
          throw ruleBroken('BATCH.HOUSEHOLD_NOT_DUE', `${refused.length} household(s) are not due for stage ${stage}`, {
            refused,
          });
        }
        const payments = householdIds.map((householdId, i) => {
          const fact = due[householdId] as Extract<(typeof due)[string], { due: true }>;
          const { nik, name, account, amount } = fact;
          return { batchId, householdId, reference: paymentReference(stage, batchId, i), nik, name, account, amount };
        });
        const rupiah = payments.reduce((sum, p) => sum + p.amount, 0);
        if (control.count !== payments.length || control.rupiah !== rupiah) {
          throw ruleBroken('BATCH.CONTROL_TOTALS_DIFFER', 'The control totals differ from the payments', {
            count: payments.length,
            rupiah,
          });
        }
        return [
          {
            type: 'DisbursementBatchDeclared',
            data: {
              batchId,
              stage,
              channel,
              plannedOn,
              reissueOf: reissueOf?.batchId ?? null,
              count: payments.length,
              rupiah,
              secondApprovalAbove,
              maker,
            },
          },
          ...payments.map((data) => ({ type: 'PaymentAddedToBatch' as const, data })),
        ];
      }
      case 'ApproveDisbursementBatch': {
        const { batchId, approver, role } = command.data;
        mustExist(state);
        mustBeOpen(state);
        if (state.status !== 'declared') throw ruleBroken('BATCH.ALREADY_APPROVED', 'The batch is already approved');
        if (approver === state.maker)
          throw ruleBroken('BATCH.MAKER_CANNOT_APPROVE', 'Someone other than its maker approves a batch');
        if (state.approvers.includes(approver)) {
          throw ruleBroken('BATCH.ALREADY_APPROVED_BY_YOU', 'A second approval comes from another person');
        }
        const needed = approvalsNeeded(state);
        if (needed === 2 && state.approvers.length === 1 && role !== 'admin') {
          throw ruleBroken(
            'BATCH.SECOND_APPROVER_MUST_BE_ADMIN',
            `A batch above Rp${state.secondApprovalAbove} needs an admin's second approval`,
          );
        }
        const given = state.approvers.length + 1;
        return [
          {
            type: 'DisbursementBatchApproved',
            data: { batchId, approver, role, approvalsGiven: given, approvalsNeeded: needed },
          },
        ];
      }
      case 'CancelDisbursementBatch': {
        mustExist(state);
        mustBeOpen(state);
        return [{ type: 'DisbursementBatchCancelled', data: { batchId: command.data.batchId } }];
      }
      case 'ExportDisbursementBatch': {
        const { batchId, format, checksum } = command.data;
        mustExist(state);
        if (state.status === 'cancelled') throw ruleBroken('BATCH.CANCELLED', 'The batch was cancelled');
        if (state.status === 'declared') throw ruleBroken('BATCH.NOT_APPROVED', 'Export an approved batch');
        if (state.status === 'exported') {
          if (state.checksum === checksum) return [];
          throw ruleBroken('BATCH.EXPORT_DIFFERS', 'The batch was exported with other contents', {
            checksum: state.checksum,
          });
        }
        const { count, rupiah } = state.control;
        return [{ type: 'DisbursementBatchExported', data: { batchId, format, checksum, count, rupiah } }];
      }
      case 'RecordPaymentResults': {
        mustExist(state);
        if (state.status !== 'exported') throw ruleBroken('BATCH.NOT_SENT', 'Results come for a batch that was sent');
        return reconcile(state, command.data.rows, command.data.today).events;
      }
      case 'ReverseBatchPayment': {
        const { batchId, reference, reversedOn, today } = command.data;
        mustExist(state);
        if (reversedOn > today)
          throw ruleBroken('BATCH.DATE_IN_FUTURE', `${reversedOn} is after today (${today})`, { reversedOn });
        const payment = state.payments.find((p) => p.reference === reference);
        if (!payment) throw notFound('BATCH.UNKNOWN_REFERENCE', 'No payment of this batch has this reference');
        if (payment.status === 'reversed') return [];
        if (payment.status !== 'paid')
          throw ruleBroken('BATCH.PAYMENT_NOT_PAID', 'Only a paid payment can be reversed');
        const { householdId, amount } = payment;
        return [
          {
            type: 'BatchPaymentReversed',
            data: { batchId, householdId, reference, stage: state.stage, amount, reversedOn },
          },
        ];
      }
      case 'DrawPaymentCheckSample':
        mustExist(state);
        return drawCheckSample(state, command.data);
      case 'RecordPaymentCheck':
        mustExist(state);
        return recordCheck(state, command.data);
      default:
        return unreachable(command);
    }
  },
};

function mustExist(state: DisbursementBatchState): void {
  if (state.status === 'none') throw notFound('BATCH.NOT_FOUND', 'No disbursement batch has this id');
}

function mustBeOpen(state: DisbursementBatchState): void {
  if (state.status === 'cancelled') throw ruleBroken('BATCH.CANCELLED', 'The batch was cancelled');
  if (state.status === 'exported') throw ruleBroken('BATCH.ALREADY_SENT', 'The batch was sent to the channel');
}
