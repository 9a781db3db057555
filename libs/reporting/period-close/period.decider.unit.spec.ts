import { describe, it } from '@jest/globals';
import { deciderSpecification } from '#libs/platform/testing/decider-specification.js';
import { emptyOutcomeTotals } from '../outcome-summary.js';
import { periodDecider, type PeriodCommand } from './period.decider.js';
import type { FrozenReport, PeriodEvent } from './period.events.js';

const spec = deciderSpecification(periodDecider);
const { summary: totals, trainingCostRupiah } = emptyOutcomeTotals();
const report: FrozenReport = {
  period: '2026-03',
  basis: 'business',
  asOfPosition: 42,
  totals,
  trainingCostRupiah,
  byKecamatan: {},
};
const close = (today: string, actor = 'sv-01'): PeriodCommand => ({
  type: 'ClosePeriod',
  data: { period: '2026-03', actor, today, cutoffDay: 25, report, reportHash: 'h' },
});
const closed: PeriodEvent = {
  type: 'PeriodClosed',
  data: { period: '2026-03', closedBy: 'sv-01', report, reportHash: 'h' },
};
const request = (actor: string): PeriodCommand => ({
  type: 'RequestPeriodReopening',
  data: { period: '2026-03', actor, reason: 'A batch of March payments was never entered' },
});
const requested: PeriodEvent = {
  type: 'PeriodReopeningRequested',
  data: { period: '2026-03', requestedBy: 'sv-01', reason: 'A batch of March payments was never entered' },
};
const approve = (actor: string): PeriodCommand => ({
  type: 'ApprovePeriodReopening',
  data: { period: '2026-03', actor },
});

describe('a reporting month', () => {
  it('closes from the cut-off day of the next month, with its frozen report', () =>
    spec.given([]).when(close('2026-04-25')).then([closed]));

  it('is not closed before the cut-off', () =>
    spec.given([]).when(close('2026-04-24')).thenRefuses('PERIOD.BEFORE_CUTOFF', { cutoff: '2026-04-25' }));

  it('is not closed twice', () => spec.given([closed]).when(close('2026-05-01')).thenRefuses('PERIOD.ALREADY_CLOSED'));

  it('is reopened on request with a reason', () => spec.given([closed]).when(request('sv-01')).then([requested]));

  it('is not asked to reopen while open', () => spec.given([]).when(request('sv-01')).thenRefuses('PERIOD.NOT_CLOSED'));

  it('reopens when someone other than who asked approves', () =>
    spec
      .given([closed, requested])
      .when(approve('admin-01'))
      .then([
        {
          type: 'PeriodReopened',
          data: {
            period: '2026-03',
            requestedBy: 'sv-01',
            approvedBy: 'admin-01',
            reason: 'A batch of March payments was never entered',
          },
        },
      ]));

  it('refuses the approval to who asked (four eyes)', () =>
    spec.given([closed, requested]).when(approve('sv-01')).thenRefuses('PERIOD.CANNOT_APPROVE_OWN_REOPENING'));

  it('refuses an approval nobody asked for', () =>
    spec.given([closed]).when(approve('admin-01')).thenRefuses('PERIOD.NO_REOPENING_REQUESTED'));

  it('closes again after reopening', () =>
    spec
      .given([
        closed,
        requested,
        {
          type: 'PeriodReopened',
          data: { period: '2026-03', requestedBy: 'sv-01', approvedBy: 'admin-01', reason: 'x' },
        },
      ])
      .when(close('2026-06-01'))
      .then([closed]));
});
