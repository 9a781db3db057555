import { describe, expect, it } from '@jest/globals';
import { fold } from '#libs/platform/domain/index.js';
import { deciderSpecification } from '#libs/platform/testing/decider-specification.js';
import type { DisbursementBatchCommand, DueFact } from './disbursement-batch.commands.js';
import { disbursementBatchDecider as decider, paymentReference } from './disbursement-batch.decider.js';
import type { DisbursementBatchEvent } from './disbursement-batch.events.js';
import { checkSampleSize, drawSample } from './payment-check-sample.js';

const at = '2026-03-20T08:00:00.000Z';
const batchId = 'b0000001-0000-4000-8000-0000000000c1';
const stage = '2026-1';
const households = Array.from({ length: 30 }, (_, i) => `h${i}`);
const due: Record<string, DueFact> = Object.fromEntries(
  households.map((h, i) => [h, { due: true, amount: 750_000, nik: String(i), name: `N${i}`, account: null }]),
);
const declared = decider.decide(
  {
    type: 'DeclareDisbursementBatch',
    data: {
      batchId,
      stage,
      channel: 'bank_transfer',
      plannedOn: '2026-03-10',
      householdIds: households,
      control: { count: 30, rupiah: 30 * 750_000 },
      due,
      reissueOf: null,
      secondApprovalAbove: 100_000_000,
      maker: 'sup-1',
      at,
    },
  },
  decider.initialState(),
);
const sent: DisbursementBatchEvent[] = [
  ...declared,
  {
    type: 'DisbursementBatchApproved',
    data: { batchId, approver: 'sup-2', role: 'supervisor', approvalsGiven: 1, approvalsNeeded: 1 },
  },
  {
    type: 'DisbursementBatchExported',
    data: { batchId, format: 'f', checksum: 'c', count: 30, rupiah: 30 * 750_000 },
  },
];
/** The first 25 paid, the last 5 failed. */
const settled: DisbursementBatchEvent[] = households.map((h, i) => ({
  type: 'BatchPaymentSettled',
  data: {
    batchId,
    householdId: h,
    reference: paymentReference(stage, batchId, i),
    stage,
    outcome: i < 25 ? 'paid' : 'failed',
    reasonCode: i < 25 ? null : 'ACCOUNT_CLOSED',
    amount: 750_000,
    settledOn: '2026-03-12',
  },
}));
const draw = (extra: Partial<{ confidence: 0.8 | 0.9 | 0.95 | 0.99; margin: number; seed: number }> = {}) =>
  ({
    type: 'DrawPaymentCheckSample',
    data: { batchId, confidence: 0.95, margin: 0.1, seed: 1234, drawnOn: '2026-03-20', at, ...extra },
  }) as const;
const paid = households.slice(0, 25);
const drawn: DisbursementBatchEvent = {
  type: 'PaymentCheckSampleDrawn',
  data: {
    batchId,
    confidence: 0.95,
    margin: 0.1,
    population: 25,
    size: checkSampleSize(25, 0.95, 0.1),
    seed: 1234,
    householdIds: drawSample(paid, checkSampleSize(25, 0.95, 0.1), 1234),
    drawnOn: '2026-03-20',
  },
};
const sampled = (drawn.data as { householdIds: string[] }).householdIds;
const check = (extra: Partial<Extract<DisbursementBatchCommand, { type: 'RecordPaymentCheck' }>['data']> = {}) =>
  ({
    type: 'RecordPaymentCheck',
    data: {
      batchId,
      householdId: sampled[0]!,
      method: 'phone',
      outcome: 'received',
      problemCode: null,
      note: null,
      checkedOn: '2026-03-21',
      checkedBy: 'cw-1',
      at,
      ...extra,
    },
  }) as DisbursementBatchCommand;
const spec = deciderSpecification(decider);

describe('the post-payment check of a batch (ADR 0013)', () => {
  it('draws its sample from the paid families, its size from the confidence and margin, the seed recorded', () => {
    spec
      .given([...sent, ...settled])
      .when(draw())
      .then([drawn]);
    expect(sampled).toHaveLength(checkSampleSize(25, 0.95, 0.1));
    expect(sampled.every((h) => paid.includes(h))).toBe(true);
  });
  it("keeps the channel's date of each settled payment: the family's PKH record takes it as the business date", () => {
    const state = fold(decider, [...sent, ...settled]);
    expect(state.payments.map((p) => p.settledOn)).toEqual(households.map(() => '2026-03-12'));
  });
  it('leaves out recalled payments', () => {
    const reversed: DisbursementBatchEvent = {
      type: 'BatchPaymentReversed',
      data: {
        batchId,
        householdId: 'h0',
        reference: paymentReference(stage, batchId, 0),
        stage,
        amount: 750_000,
        reversedOn: '2026-03-15',
      },
    };
    const [event] = decider.decide(draw(), fold(decider, [...sent, ...settled, reversed]));
    expect(event).toMatchObject({ data: { population: 24 } });
    expect((event!.data as { householdIds: string[] }).householdIds).not.toContain('h0');
  });
  it('is drawn once: the same request again is nothing new, another is refused', () => {
    spec
      .given([...sent, ...settled, drawn])
      .when(draw())
      .then([]);
    spec
      .given([...sent, ...settled, drawn])
      .when(draw({ seed: 99 }))
      .thenRefuses('CHECK.SAMPLE_ALREADY_DRAWN', { seed: 1234 });
  });
  it('needs a sent batch with a confirmed payment', () => {
    spec.given(declared).when(draw()).thenRefuses('BATCH.NOT_SENT');
    spec.given(sent).when(draw()).thenRefuses('CHECK.NOTHING_PAID');
    spec.given([]).when(draw()).thenRefuses('BATCH.NOT_FOUND');
  });
  it('takes only the documented confidence levels and margins', () => {
    spec
      .given([...sent, ...settled])
      .when(draw({ confidence: 0.5 as 0.95 }))
      .thenRefuses('CHECK.UNKNOWN_CONFIDENCE');
    spec
      .given([...sent, ...settled])
      .when(draw({ margin: 0.6 }))
      .thenRefuses('CHECK.MARGIN_OUT_OF_RANGE');
  });

  describe('recording a check', () => {
    const given = [...sent, ...settled, drawn];
    const { at: _at, ...recorded } = (check() as { data: Record<string, unknown> }).data;
    it('records what a sampled family said', () => {
      spec
        .given(given)
        .when(check())
        .then([{ type: 'PaymentCheckRecorded', data: recorded } as DisbursementBatchEvent]);
    });
    it('needs the sample, and a family in it', () => {
      spec
        .given([...sent, ...settled])
        .when(check())
        .thenRefuses('CHECK.NO_SAMPLE');
      const outside = paid.find((h) => !sampled.includes(h))!;
      spec
        .given(given)
        .when(check({ householdId: outside }))
        .thenRefuses('CHECK.NOT_IN_SAMPLE');
    });
    it('records a problem with its code and a note, and a code only with a problem', () => {
      spec
        .given(given)
        .when(check({ outcome: 'problem', problemCode: 'FEE_CHARGED', note: null }))
        .thenRefuses('CHECK.PROBLEM_NEEDS_CODE_AND_NOTE');
      spec
        .given(given)
        .when(check({ outcome: 'problem', problemCode: null, note: 'paid Rp50,000 to the agent' }))
        .thenRefuses('CHECK.PROBLEM_NEEDS_CODE_AND_NOTE');
      spec
        .given(given)
        .when(check({ outcome: 'not_received', problemCode: 'LATE' }))
        .thenRefuses('CHECK.CODE_ONLY_FOR_PROBLEM');
      const problem = { outcome: 'problem', problemCode: 'FEE_CHARGED', note: 'paid Rp50,000 to the agent' } as const;
      spec
        .given(given)
        .when(check(problem))
        .then([{ type: 'PaymentCheckRecorded', data: { ...recorded, ...problem } } as DisbursementBatchEvent]);
    });
    it('is dated on or after the draw', () => {
      spec
        .given(given)
        .when(check({ checkedOn: '2026-03-19' }))
        .thenRefuses('CHECK.BEFORE_SAMPLE');
    });
    it('is recorded once per family: the same again is nothing new, another answer is refused', () => {
      const once = [...given, { type: 'PaymentCheckRecorded', data: recorded } as DisbursementBatchEvent];
      spec.given(once).when(check()).then([]);
      spec
        .given(once)
        .when(check({ outcome: 'not_received' }))
        .thenRefuses('CHECK.ALREADY_RECORDED', { outcome: 'received' });
    });
  });
});
