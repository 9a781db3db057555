import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { fold } from '#libs/platform/domain/index.js';
import type { DisbursementBatchCommand, DueFact, ResultRow } from './disbursement-batch.commands.js';
import { disbursementBatchDecider as decider, paymentReference } from './disbursement-batch.decider.js';
import type { DisbursementBatchEvent } from './disbursement-batch.events.js';
import { balanceOf } from './disbursement-batch.reconciliation.js';

const at = '2026-03-01T08:00:00.000Z';
// The office's day when results and reversals are recorded: after every date the files carry.
const today = '2026-12-31';
const batchId = 'b0000002-0000-4000-8000-000000000002';
const households = ['h0', 'h1', 'h2', 'h3', 'h4', 'h5'];
const amounts = [750_000, 900_000, 600_000, 1_200_000, 375_000, 2_400_000];
const due: Record<string, DueFact> = Object.fromEntries(
  households.map((h, i) => [h, { due: true, amount: amounts[i]!, nik: String(i), name: h, account: null }]),
);
const sent: DisbursementBatchEvent[] = [
  ...decider.decide(
    {
      type: 'DeclareDisbursementBatch',
      data: {
        batchId,
        stage: '2026-2',
        channel: 'post_office',
        plannedOn: '2026-06-10',
        householdIds: households,
        control: { count: 6, rupiah: amounts.reduce((a, b) => a + b, 0) },
        due,
        reissueOf: null,
        secondApprovalAbove: 100_000_000,
        maker: 'sup-1',
        at,
      },
    },
    decider.initialState(),
  ),
  {
    type: 'DisbursementBatchApproved',
    data: { batchId, approver: 'sup-2', role: 'supervisor', approvalsGiven: 1, approvalsNeeded: 1 },
  },
  { type: 'DisbursementBatchExported', data: { batchId, format: 'f', checksum: 'c', count: 6, rupiah: 0 } },
];

type Row = {
  index: number;
  outcome: 'paid' | 'failed' | 'returned';
  reasonCode: string | null;
  wrongAmount: boolean;
  otherBatch: boolean;
  malformed: boolean;
};
/** A row of a result file from a channel that errs: unknown references, wrong amounts, other batches, repeats. */
const row = fc.record({
  index: fc.integer({ min: 0, max: 7 }),
  outcome: fc.constantFrom('paid' as const, 'failed' as const, 'returned' as const),
  reasonCode: fc.option(fc.constantFrom('ACCOUNT_CLOSED', 'NAME_MISMATCH', 'NOT_COLLECTED'), { nil: null }),
  wrongAmount: fc.boolean(),
  otherBatch: fc.boolean(),
  malformed: fc.boolean(),
});
const toRow = (r: Row, line: number): ResultRow => {
  if (r.malformed && r.index === 7) return { line, error: 'unreadable' };
  return {
    line,
    batchId: r.otherBatch && r.index % 2 === 0 ? 'another-batch' : null,
    reference: paymentReference('2026-2', batchId, r.index),
    outcome: r.outcome,
    reasonCode: r.reasonCode,
    amount: (amounts[r.index] ?? 1) + (r.wrongAmount && r.index % 3 === 0 ? 1 : 0),
    date: '2026-06-12',
  };
};

describe('random result files, imported one after another, with reversals between them', () => {
  it('never make a payment paid twice and never lose one', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(row, { maxLength: 12 }), { minLength: 1, maxLength: 5 }),
        fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 3 }),
        (files, reversals) => {
          let events = [...sent];
          files.forEach((file, f) => {
            const command: DisbursementBatchCommand = {
              type: 'RecordPaymentResults',
              data: { batchId, rows: file.map((r, line) => toRow(r, line + 1)), at, today },
            };
            events = [...events, ...decider.decide(command, fold(decider, events))];
            const reversed = reversals[f];
            if (reversed === undefined) return;
            const reverse: DisbursementBatchCommand = {
              type: 'ReverseBatchPayment',
              data: {
                batchId,
                reference: paymentReference('2026-2', batchId, reversed),
                reversedOn: '2026-06-20',
                at,
                today,
              },
            };
            const state = fold(decider, events);
            if (state.payments[reversed]!.status === 'paid') events = [...events, ...decider.decide(reverse, state)];
          });
          const paidEvents = events.filter((e) => e.type === 'BatchPaymentSettled' && e.data.outcome === 'paid');
          const paidReferences = paidEvents.map((e) => (e.data as { reference: string }).reference);
          expect(new Set(paidReferences).size).toBe(paidReferences.length);
          const settledTwice = events
            .filter((e) => e.type === 'BatchPaymentSettled')
            .map((e) => (e.data as { reference: string }).reference);
          expect(new Set(settledTwice).size).toBe(settledTwice.length);
          const b = balanceOf(fold(decider, events));
          const parts = [b.paid, b.failed, b.returned, b.reversed, b.pending];
          expect(parts.reduce((n, t) => n + t.count, 0)).toBe(b.declared.count);
          expect(parts.reduce((n, t) => n + t.rupiah, 0)).toBe(b.declared.rupiah);
          expect(b.declared.count).toBe(6);
        },
      ),
      { numRuns: 300 },
    );
  });
});
