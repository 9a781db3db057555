import { describe, expect, it } from '@jest/globals';
import { deciderSpecification } from '#libs/platform/testing/decider-specification.js';
import { fold as foldWith } from '#libs/platform/domain/index.js';
import { pkhDecider } from './pkh.decider.js';
import type { PkhEvent } from './pkh.events.js';
import { at, disburse, enrolled, h, verified } from './pkh.decider.fixtures.js';

const spec = deciderSpecification(pkhDecider);

describe('PKH payments confirmed, failed and recalled through a batch (ADR 0013)', () => {
  const failure = (reference: string) =>
    ({
      type: 'RecordPkhPaymentFailure',
      data: {
        householdId: h,
        stage: '2026-1',
        amount: 1_725_000,
        outcome: 'returned',
        reasonCode: 'CARD_NOT_COLLECTED',
        reference,
        failedOn: '2026-03-12',
        at,
      },
    }) as const;
  const failed = (reference: string): PkhEvent => {
    const { at: _at, ...data } = failure(reference).data;
    return { type: 'PkhPaymentFailed', data };
  };
  const reverse = (reference: string) =>
    ({
      type: 'ReversePkhPayment',
      data: { householdId: h, stage: '2026-1', amount: 0, reference, reversedOn: '2026-03-20', at },
    }) as const;
  const disbursed = pkhDecider.decide(disburse('2026-1'), foldWith(pkhDecider, [enrolled, verified('2026-1')]))[0]!;

  it('records a failed or returned payment once per reference, shown apart from disbursements', () => {
    spec
      .given([enrolled, verified('2026-1')])
      .when(failure('R-1'))
      .then([failed('R-1')]);
    spec
      .given([enrolled, verified('2026-1'), failed('R-1')])
      .when(failure('R-1'))
      .then([]);
  });

  it('makes a failed stage payable again', () => {
    spec
      .given([enrolled, verified('2026-1'), failed('R-1')])
      .when(disburse('2026-1'))
      .then([disbursed]);
  });

  it('reverses the disbursement under its reference, with its amount, and the stage is due again', () => {
    const reversed: PkhEvent = {
      type: 'PkhPaymentReversed',
      data: { householdId: h, stage: '2026-1', amount: 1_725_000, reference: 'KKS-1', reversedOn: '2026-03-20' },
    };
    spec
      .given([enrolled, verified('2026-1'), disbursed])
      .when(reverse('KKS-1'))
      .then([reversed]);
    spec
      .given([enrolled, verified('2026-1'), disbursed, reversed])
      .when(reverse('KKS-1'))
      .then([]);
    spec
      .given([enrolled, verified('2026-1'), disbursed])
      .when(reverse('OTHER'))
      .then([]);
    spec
      .given([enrolled, verified('2026-1'), disbursed, reversed])
      .when(disburse('2026-1'))
      .then([disbursed]);
  });

  describe('a payment the channel confirmed', () => {
    const confirm = (reference = 'KKS-1') =>
      ({ type: 'RecordPkhPaymentConfirmed', data: { ...disburse('2026-1').data, reference } }) as const;
    const { at: _at, ...confirmed } = confirm().data;
    const paid: PkhEvent = { type: 'PkhBenefitDisbursed', data: confirmed };

    it('is recorded, once per reference', () => {
      spec
        .given([enrolled, verified('2026-1')])
        .when(confirm())
        .then([paid]);
      spec
        .given([enrolled, verified('2026-1'), paid])
        .when(confirm())
        .then([]);
    });
    it('never pays a stage a second time under another reference', () => {
      spec
        .given([enrolled, verified('2026-1'), paid])
        .when(confirm('KKS-2'))
        .thenRefuses('PKH.STAGE_ALREADY_DISBURSED');
    });
    it('is recorded for a family suspended since its batch was declared, and the stage is marked for review', () => {
      const suspendedSince: PkhEvent = {
        type: 'PkhSuspended',
        data: { householdId: h, stage: '2026-3', consecutiveNonCompliantStages: 2 },
      };
      const given = [
        enrolled,
        verified('2026-1'),
        verified('2026-2', false),
        verified('2026-3', false),
        suspendedSince,
      ];
      spec.given(given).when(confirm()).then([paid]);
      const after = foldWith(pkhDecider, [...given, paid]);
      expect(after.stages['2026-1']).toMatchObject({ disbursed: 1_725_000, paidWhile: 'suspended' });
      expect(after.status).toBe('suspended');
    });
    it('is recorded for a family terminated since, marked for review; an active family is not marked', () => {
      const terminated: PkhEvent = { type: 'PkhTerminated', data: { householdId: h, reason: 'moved away' } };
      expect(foldWith(pkhDecider, [enrolled, verified('2026-1'), terminated, paid]).stages['2026-1']?.paidWhile).toBe(
        'terminated',
      );
      expect(foldWith(pkhDecider, [enrolled, verified('2026-1'), paid]).stages['2026-1']?.paidWhile).toBeUndefined();
    });
  });

  describe("the family's KKS account", () => {
    const record = (account: string, bank: 'BRI' | 'BNI' = 'BRI') =>
      ({ type: 'RecordKksAccount', data: { householdId: h, bank, account, recordedOn: '2026-02-01', at } }) as const;
    const recorded = (account: string, bank: 'BRI' | 'BNI' = 'BRI'): PkhEvent => ({
      type: 'PkhKksAccountRecorded',
      data: { householdId: h, bank, account, recordedOn: '2026-02-01' },
    });
    it('is recorded, and replaced by a new one; the same again is nothing new', () => {
      spec
        .given([enrolled])
        .when(record('6013010000000001'))
        .then([recorded('6013010000000001')]);
      spec
        .given([enrolled, recorded('6013010000000001')])
        .when(record('6013010000000001'))
        .then([]);
      spec
        .given([enrolled, recorded('6013010000000001')])
        .when(record('6013010000000001', 'BNI'))
        .then([recorded('6013010000000001', 'BNI')]);
      expect(
        foldWith(pkhDecider, [enrolled, recorded('6013010000000001'), recorded('6013010000000002')]).kksAccount,
      ).toEqual({ bank: 'BRI', account: '6013010000000002', recordedOn: '2026-02-01' });
    });
    it('is for a family that takes part', () => {
      spec.given([]).when(record('6013010000000001')).thenRefuses('PKH.NOT_ACTIVE');
    });
  });
});
