import type { DomainEvent } from '#libs/platform/domain/index.js';
import type { OutcomeSummary } from '../outcome-metrics.js';

/** A month's city-wide outcome figures as they stood when it was closed (business dates). */
export interface FrozenReport {
  period: string;
  basis: 'business';
  /** The last global position the figures fold; anything recorded later is a late entry. */
  asOfPosition: number;
  totals: OutcomeSummary;
  trainingCostRupiah: number;
  /** The same figures per kecamatan (those with any fact up to the month's end). */
  byKecamatan: Record<string, { totals: OutcomeSummary; trainingCostRupiah: number }>;
}

/**
 * A reporting month's close, on the stream `period-<yyyy-mm>`. The frozen report is the event's
 * data, so the audit chain hashes it with the event; `reportHash` names it in the report.
 */
export type PeriodEvent =
  | DomainEvent<'PeriodClosed', { period: string; closedBy: string; report: FrozenReport; reportHash: string }>
  | DomainEvent<'PeriodReopeningRequested', { period: string; requestedBy: string; reason: string }>
  | DomainEvent<'PeriodReopened', { period: string; requestedBy: string; approvedBy: string; reason: string }>;

export const PERIOD_EVENT_TYPES: readonly PeriodEvent['type'][] = [
  'PeriodClosed',
  'PeriodReopeningRequested',
  'PeriodReopened',
];

export const PERIOD_CATEGORY = 'period';
export const periodStream = (period: string): string => `${PERIOD_CATEGORY}-${period}`;
