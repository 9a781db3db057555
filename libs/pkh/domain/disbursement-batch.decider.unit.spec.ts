import { describe, expect, it } from '@jest/globals';
import { fold } from '#libs/platform/domain/index.js';
import { deciderSpecification } from '#libs/platform/testing/decider-specification.js';
import type { DisbursementBatchCommand, DueFact, ResultRow } from './disbursement-batch.commands.js';
import { disbursementBatchDecider as decider, paymentReference } from './disbursement-batch.decider.js';
import type { DisbursementBatchEvent } from './disbursement-batch.events.js';
import { balanceOf, reconcile } from './disbursement-batch.reconciliation.js';

const at = '2026-03-01T08:00:00.000Z';
// The office's day when results and reversals are recorded: after every date the files carry.
const today = '2026-12-31';
const batchId = 'b0000001-0000-4000-8000-000000000001';
const stage = '2026-1';
const due = (amount: number, nik: string): DueFact => ({ due: true, amount, nik, name: `Name ${nik}`, account: null });
const dueList: Record<string, DueFact> = {
  h1: due(750_000, '1'),
  h2: due(900_000, '2'),
  h3: due(600_000, '3'),
  h4: { due: false, reason: 'STAGE_NOT_VERIFIED' },
  h5: { due: false, reason: 'IN_OPEN_BATCH' },
};
type Declare = Extract<DisbursementBatchCommand, { type: 'DeclareDisbursementBatch' }>['data'];
const declare = (extra: Partial<Declare> = {}): DisbursementBatchCommand => ({
  type: 'DeclareDisbursementBatch',
  data: {
    batchId,
    stage,
    channel: 'bank_transfer',
    plannedOn: '2026-03-10',
    householdIds: ['h1', 'h2', 'h3'],
    control: { count: 3, rupiah: 2_250_000 },
    due: dueList,
    reissueOf: null,
    secondApprovalAbove: 10_000_000,
    maker: 'sup-1',
    at,
    ...extra,
  },
});
const declared = decider.decide(declare(), decider.initialState());
const ref = (i: number) => paymentReference(stage, batchId, i);
const approve = (approver: string, role = 'supervisor'): DisbursementBatchCommand => ({
  type: 'ApproveDisbursementBatch',
  data: { batchId, approver, role, at },
});
const approved: DisbursementBatchEvent = {
  type: 'DisbursementBatchApproved',
  data: { batchId, approver: 'sup-2', role: 'supervisor', approvalsGiven: 1, approvalsNeeded: 1 },
};
const exportAs = (checksum: string): DisbursementBatchCommand => ({
  type: 'ExportDisbursementBatch',
  data: { batchId, format: 'jejak-pkh-payment-v1', checksum, at },
});
const exported: DisbursementBatchEvent = {
  type: 'DisbursementBatchExported',
  data: { batchId, format: 'jejak-pkh-payment-v1', checksum: 'c1', count: 3, rupiah: 2_250_000 },
};
const row = (
  line: number,
  i: number,
  outcome: 'paid' | 'failed' | 'returned',
  extra: Partial<ResultRow> = {},
): ResultRow =>
  ({
    line,
    batchId: null,
    reference: ref(i),
    outcome,
    reasonCode: outcome === 'paid' ? null : 'ACCOUNT_CLOSED',
    amount: [750_000, 900_000, 600_000][i]!,
    date: '2026-03-12',
    ...extra,
  }) as ResultRow;
const results = (...rows: ResultRow[]): DisbursementBatchCommand => ({
  type: 'RecordPaymentResults',
  data: { batchId, rows, at, today },
});
const settled = (i: number, outcome: 'paid' | 'failed' | 'returned'): DisbursementBatchEvent => ({
  type: 'BatchPaymentSettled',
  data: {
    batchId,
    householdId: `h${i + 1}`,
    reference: ref(i),
    stage,
    outcome,
    reasonCode: outcome === 'paid' ? null : 'ACCOUNT_CLOSED',
    amount: [750_000, 900_000, 600_000][i]!,
    settledOn: '2026-03-12',
  },
});
const reverse = (i: number): DisbursementBatchCommand => ({
  type: 'ReverseBatchPayment',
  data: { batchId, reference: ref(i), reversedOn: '2026-03-20', at, today },
});
const sent = [...declared, approved, exported];
const spec = deciderSpecification(decider);

describe('a disbursement batch', () => {
  describe('is declared from the due list', () => {
    it('with its control totals, one payment event per household, references stable by line', () => {
      expect(declared[0]).toEqual({
        type: 'DisbursementBatchDeclared',
        data: {
          batchId,
          stage,
          channel: 'bank_transfer',
          plannedOn: '2026-03-10',
          reissueOf: null,
          count: 3,
          rupiah: 2_250_000,
          secondApprovalAbove: 10_000_000,
          maker: 'sup-1',
        },
      });
      expect(declared.slice(1)).toEqual([
        {
          type: 'PaymentAddedToBatch',
          data: {
            batchId,
            householdId: 'h1',
            reference: 'PKH-2026-1-B0000001-00001',
            nik: '1',
            name: 'Name 1',
            account: null,
            amount: 750_000,
          },
        },
        expect.objectContaining({ data: expect.objectContaining({ householdId: 'h2', reference: ref(1) }) }),
        expect.objectContaining({ data: expect.objectContaining({ householdId: 'h3', reference: ref(2) }) }),
      ]);
    });
    it('refuses control totals that differ from the payments, saying what they are', () => {
      spec
        .given([])
        .when(declare({ control: { count: 3, rupiah: 2_000_000 } }))
        .thenRefuses('BATCH.CONTROL_TOTALS_DIFFER', { count: 3, rupiah: 2_250_000 });
      spec
        .given([])
        .when(declare({ control: { count: 2, rupiah: 2_250_000 } }))
        .thenRefuses('BATCH.CONTROL_TOTALS_DIFFER');
    });
    it('refuses households that are not due, each with its reason (an open batch of the stage is one)', () => {
      spec
        .given([])
        .when(declare({ householdIds: ['h1', 'h4', 'h5', 'h9'] }))
        .thenRefuses('BATCH.HOUSEHOLD_NOT_DUE', {
          refused: [
            { householdId: 'h4', reason: 'STAGE_NOT_VERIFIED' },
            { householdId: 'h5', reason: 'IN_OPEN_BATCH' },
            { householdId: 'h9', reason: 'NOT_REGISTERED' },
          ],
        });
    });
    it('pays a household once per batch, and at least one', () => {
      spec
        .given([])
        .when(declare({ householdIds: ['h1', 'h1'] }))
        .thenRefuses('BATCH.HOUSEHOLD_TWICE');
      spec
        .given([])
        .when(declare({ householdIds: [] }))
        .thenRefuses('BATCH.EMPTY');
    });
    it('is declared once, for a stage written YYYY-N', () => {
      spec.given(declared).when(declare()).thenRefuses('BATCH.ALREADY_DECLARED');
      spec
        .given([])
        .when(declare({ stage: '2026-5' }))
        .thenRefuses('PKH.UNKNOWN_STAGE');
    });
    it('as a reissue, takes the failed or returned payments of the same stage only', () => {
      const reissueOf = { batchId: 'b-old', stage, failedHouseholdIds: ['h1'] };
      spec
        .given([])
        .when(declare({ reissueOf, householdIds: ['h1', 'h2'], control: { count: 2, rupiah: 1_650_000 } }))
        .thenRefuses('BATCH.REISSUE_TAKES_FAILED_ONLY', { householdIds: ['h2'] });
      spec
        .given([])
        .when(
          declare({
            reissueOf: { ...reissueOf, stage: '2026-2' },
            householdIds: ['h1'],
            control: { count: 1, rupiah: 750_000 },
          }),
        )
        .thenRefuses('BATCH.REISSUE_OTHER_STAGE');
      const events = decider.decide(
        declare({ reissueOf, householdIds: ['h1'], control: { count: 1, rupiah: 750_000 } }),
        decider.initialState(),
      );
      expect(events[0]).toMatchObject({ data: { reissueOf: 'b-old', count: 1 } });
    });
  });

  describe('is approved by someone other than its maker', () => {
    it('refuses the maker', () =>
      spec.given(declared).when(approve('sup-1')).thenRefuses('BATCH.MAKER_CANNOT_APPROVE'));
    it('takes one approval up to the threshold', () => {
      spec.given(declared).when(approve('sup-2')).then([approved]);
      spec
        .given([...declared, approved])
        .when(approve('adm-1', 'admin'))
        .thenRefuses('BATCH.ALREADY_APPROVED');
    });
    it('above the threshold takes a second approver, another person, who is an admin', () => {
      const big = decider.decide(declare({ secondApprovalAbove: 2_000_000 }), decider.initialState());
      const first: DisbursementBatchEvent = {
        type: 'DisbursementBatchApproved',
        data: { ...approved.data, approvalsNeeded: 2 },
      };
      spec.given(big).when(approve('sup-2')).then([first]);
      spec
        .given([...big, first])
        .when(approve('sup-2'))
        .thenRefuses('BATCH.ALREADY_APPROVED_BY_YOU');
      spec
        .given([...big, first])
        .when(approve('sup-3'))
        .thenRefuses('BATCH.SECOND_APPROVER_MUST_BE_ADMIN');
      spec
        .given([...big, first])
        .when(exportAs('c1'))
        .thenRefuses('BATCH.NOT_APPROVED');
      spec
        .given([...big, first])
        .when(approve('adm-1', 'admin'))
        .then([
          {
            type: 'DisbursementBatchApproved',
            data: { batchId, approver: 'adm-1', role: 'admin', approvalsGiven: 2, approvalsNeeded: 2 },
          },
        ]);
    });
    it('is unknown before it is declared', () => spec.given([]).when(approve('sup-2')).thenRefuses('BATCH.NOT_FOUND'));
  });

  describe('is cancelled before it is sent', () => {
    const cancel: DisbursementBatchCommand = { type: 'CancelDisbursementBatch', data: { batchId, at } };
    it('declared or approved', () => {
      spec
        .given(declared)
        .when(cancel)
        .then([{ type: 'DisbursementBatchCancelled', data: { batchId } }]);
      spec
        .given([...declared, approved])
        .when(cancel)
        .then([{ type: 'DisbursementBatchCancelled', data: { batchId } }]);
    });
    it('never once sent, and a cancelled batch is neither approved nor exported', () => {
      spec.given(sent).when(cancel).thenRefuses('BATCH.ALREADY_SENT');
      const cancelled = [...declared, { type: 'DisbursementBatchCancelled', data: { batchId } } as const];
      spec.given(cancelled).when(approve('sup-2')).thenRefuses('BATCH.CANCELLED');
      spec.given(cancelled).when(exportAs('c1')).thenRefuses('BATCH.CANCELLED');
    });
  });

  describe('is exported once, with a checksum', () => {
    it('after approval', () => {
      spec.given(declared).when(exportAs('c1')).thenRefuses('BATCH.NOT_APPROVED');
      spec
        .given([...declared, approved])
        .when(exportAs('c1'))
        .then([exported]);
    });
    it('again with the same bytes changes nothing; other bytes are refused', () => {
      spec.given(sent).when(exportAs('c1')).then([]);
      spec.given(sent).when(exportAs('c2')).thenRefuses('BATCH.EXPORT_DIFFERS', { checksum: 'c1' });
    });
  });

  describe("reconciles the channel's result file row by row", () => {
    it('only once the batch was sent', () =>
      spec
        .given([...declared, approved])
        .when(results(row(1, 0, 'paid')))
        .thenRefuses('BATCH.NOT_SENT'));
    it('records paid, failed and returned rows', () => {
      spec
        .given(sent)
        .when(results(row(1, 0, 'paid'), row(2, 1, 'failed'), row(3, 2, 'returned')))
        .then([settled(0, 'paid'), settled(1, 'failed'), settled(2, 'returned')]);
    });
    it('refuses bad rows with their reason and keeps the good ones', () => {
      const state = fold(decider, sent);
      const { events, report } = reconcile(
        state,
        [
          { line: 1, error: 'amount is not a whole number' },
          row(2, 0, 'paid', { reference: 'NOPE' }),
          row(3, 0, 'paid', { amount: 1 }),
          row(4, 0, 'paid', { batchId: 'another' }),
          row(5, 1, 'failed', { reasonCode: null }),
          row(6, 0, 'paid'),
          row(7, 0, 'paid'),
          row(8, 1, 'paid', { date: '2027-01-05' }),
        ],
        today,
      );
      expect(events).toEqual([settled(0, 'paid')]);
      expect(report.map((r) => [r.line, r.result, r.code])).toEqual([
        [1, 'refused', 'RESULT.MALFORMED_ROW'],
        [2, 'refused', 'RESULT.UNKNOWN_REFERENCE'],
        [3, 'refused', 'RESULT.AMOUNT_DIFFERS'],
        [4, 'refused', 'RESULT.OTHER_BATCH'],
        [5, 'refused', 'RESULT.REASON_REQUIRED'],
        [6, 'matched', null],
        [7, 'refused', 'RESULT.DUPLICATE_ROW'],
        [8, 'refused', 'RESULT.DATE_IN_FUTURE'],
      ]);
    });
    it('is idempotent: the same file again changes nothing', () => {
      spec
        .given([...sent, settled(0, 'paid'), settled(1, 'failed')])
        .when(results(row(1, 0, 'paid'), row(2, 1, 'failed')))
        .then([]);
    });
    it('never pays a settled payment again, nor turns it into another outcome', () => {
      const state = fold(decider, [...sent, settled(1, 'failed')]);
      const { events, report } = reconcile(state, [row(1, 1, 'paid')], today);
      expect(events).toEqual([]);
      expect(report[0]).toMatchObject({ result: 'refused', code: 'RESULT.ALREADY_SETTLED' });
    });
  });

  describe('reverses a paid payment', () => {
    const reversed: DisbursementBatchEvent = {
      type: 'BatchPaymentReversed',
      data: { batchId, householdId: 'h1', reference: ref(0), stage, amount: 750_000, reversedOn: '2026-03-20' },
    };
    it('once', () => {
      spec
        .given([...sent, settled(0, 'paid')])
        .when(reverse(0))
        .then([reversed]);
      spec
        .given([...sent, settled(0, 'paid'), reversed])
        .when(reverse(0))
        .then([]);
    });
    it('and nothing else', () => {
      spec
        .given([...sent, settled(1, 'failed')])
        .when(reverse(1))
        .thenRefuses('BATCH.PAYMENT_NOT_PAID');
      spec.given(sent).when(reverse(0)).thenRefuses('BATCH.PAYMENT_NOT_PAID');
      spec
        .given(sent)
        .when({
          type: 'ReverseBatchPayment',
          data: { batchId, reference: 'NOPE', reversedOn: '2026-03-20', at, today },
        })
        .thenRefuses('BATCH.UNKNOWN_REFERENCE');
    });
    it("not dated after the office's today", () => {
      spec
        .given([...sent, settled(0, 'paid')])
        .when({
          type: 'ReverseBatchPayment',
          data: { batchId, reference: ref(0), reversedOn: '2027-01-01', at, today },
        })
        .thenRefuses('BATCH.DATE_IN_FUTURE');
    });
  });

  it('balances: declared = sent = paid + failed + returned + reversed + pending, in count and rupiah', () => {
    const state = fold(decider, [...sent, settled(0, 'paid'), settled(1, 'failed')]);
    const b = balanceOf(state);
    expect(b.declared).toEqual({ count: 3, rupiah: 2_250_000 });
    expect(b.sent).toEqual(b.declared);
    expect(b.paid).toEqual({ count: 1, rupiah: 750_000 });
    expect(b.failed).toEqual({ count: 1, rupiah: 900_000 });
    expect(b.pending).toEqual({ count: 1, rupiah: 600_000 });
    expect(balanceOf(fold(decider, declared)).sent).toEqual({ count: 0, rupiah: 0 });
  });
});
