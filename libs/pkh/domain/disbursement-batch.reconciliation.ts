import type { ResultRow } from './disbursement-batch.commands.js';
import type { BatchPaymentSettled } from './disbursement-batch.events.js';
import type { DisbursementBatchState } from './disbursement-batch.state.js';

/** What became of one row of a result file. */
export interface RowReport {
  line: number;
  reference: string | null;
  /** matched: recorded now; unchanged: already recorded so (a re-import); refused: see code. */
  result: 'matched' | 'unchanged' | 'refused';
  code: string | null;
  message: string | null;
}

const refused = (line: number, reference: string | null, code: string, message: string): RowReport => ({
  line,
  reference,
  result: 'refused',
  code,
  message,
});

/**
 * Matches every row of a result file to a payment of the batch, row by row: a bad row is refused
 * with its reason and the good rows are kept. A row that says what the batch already records
 * changes nothing, so importing the same file again is harmless. A settled payment is never
 * settled again by a file (a reversal is its own command), so no file pays a payment twice. A
 * row dated after the office's today is refused: reports place the payment by that date.
 */
export function reconcile(
  state: DisbursementBatchState,
  rows: readonly ResultRow[],
  today: string,
): { events: BatchPaymentSettled[]; report: RowReport[] } {
  const events: BatchPaymentSettled[] = [];
  const report: RowReport[] = [];
  const seen = new Set<string>();
  const byReference = new Map(state.payments.map((p) => [p.reference, p]));
  for (const row of rows) {
    if ('error' in row) {
      report.push(refused(row.line, null, 'RESULT.MALFORMED_ROW', row.error));
      continue;
    }
    const { line, reference } = row;
    if (row.batchId !== null && row.batchId !== state.batchId) {
      report.push(refused(line, reference, 'RESULT.OTHER_BATCH', `The row is for batch ${row.batchId}`));
      continue;
    }
    if (row.date > today) {
      report.push(refused(line, reference, 'RESULT.DATE_IN_FUTURE', `${row.date} is after today (${today})`));
      continue;
    }
    const payment = byReference.get(reference);
    if (!payment) {
      report.push(refused(line, reference, 'RESULT.UNKNOWN_REFERENCE', 'No payment of this batch has this reference'));
      continue;
    }
    // Only an accepted row claims its payment: a wrong row followed by a corrected one is not a duplicate.
    if (seen.has(reference)) {
      report.push(refused(line, reference, 'RESULT.DUPLICATE_ROW', 'An earlier row of the file settles this payment'));
      continue;
    }
    if (row.amount !== payment.amount) {
      report.push(
        refused(
          line,
          reference,
          'RESULT.AMOUNT_DIFFERS',
          `The batch pays Rp${payment.amount}, the row says Rp${row.amount}`,
        ),
      );
      continue;
    }
    if (row.outcome !== 'paid' && !row.reasonCode) {
      report.push(
        refused(line, reference, 'RESULT.REASON_REQUIRED', 'A failed or returned payment names its reason code'),
      );
      continue;
    }
    const reasonCode = row.outcome === 'paid' ? null : row.reasonCode;
    if (payment.status === row.outcome && payment.reasonCode === reasonCode) {
      seen.add(reference);
      report.push({ line, reference, result: 'unchanged', code: null, message: null });
      continue;
    }
    if (payment.status !== 'pending') {
      report.push(
        refused(line, reference, 'RESULT.ALREADY_SETTLED', `The payment is already recorded as ${payment.status}`),
      );
      continue;
    }
    seen.add(reference);
    events.push({
      type: 'BatchPaymentSettled',
      data: {
        batchId: state.batchId!,
        householdId: payment.householdId,
        reference,
        stage: state.stage,
        outcome: row.outcome,
        reasonCode,
        amount: payment.amount,
        settledOn: row.date,
      },
    });
    report.push({ line, reference, result: 'matched', code: null, message: null });
  }
  return { events, report };
}

/** A batch's balance: declared = paid + failed + returned + reversed + pending, in count and rupiah. */
export interface BatchBalance {
  declared: Tally;
  sent: Tally;
  paid: Tally;
  failed: Tally;
  returned: Tally;
  reversed: Tally;
  pending: Tally;
}
export interface Tally {
  count: number;
  rupiah: number;
}

export function balanceOf(state: DisbursementBatchState): BatchBalance {
  const tally = (status?: string): Tally => {
    const payments = state.payments.filter((p) => status === undefined || p.status === status);
    return { count: payments.length, rupiah: payments.reduce((sum, p) => sum + p.amount, 0) };
  };
  const declared = tally();
  return {
    declared,
    sent: state.status === 'exported' ? declared : { count: 0, rupiah: 0 },
    paid: tally('paid'),
    failed: tally('failed'),
    returned: tally('returned'),
    reversed: tally('reversed'),
    pending: tally('pending'),
  };
}
