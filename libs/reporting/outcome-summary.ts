/**
 * Programme outcomes summed from their facts (outcome-facts.ts): the numbers the
 * programme-outcome report and the example reporting job both show, by the same two functions.
 */
import type { PkhStatus } from '#libs/pkh/index.js';
import {
  outcomeFactsOf,
  type OutcomeContext,
  type OutcomeHousehold,
  type OutcomeInput,
  type OutcomeKube,
} from './outcome-facts.js';
import type { OutcomeMetric, OutcomeSummary } from './outcome-metrics.js';

export type { OutcomeMetric, OutcomeSummary, SummaryMetric } from './outcome-metrics.js';

/**
 * Stocks (the `…AtEnd` numbers) are signed deltas summed up to a period's end; every other metric
 * is a flow, summed within the period.
 */
export const OUTCOME_STOCKS: ReadonlySet<string> = new Set<OutcomeMetric>([
  'pkh.activeAtEnd',
  'pkh.suspendedAtEnd',
  'kube.activeAtEnd',
  'kube.membersAtEnd',
]);

export interface OutcomeTotals {
  summary: OutcomeSummary;
  /** Cost per participant of every accepted invitation (the budget's training share). */
  trainingCostRupiah: number;
}

export const emptyOutcomeTotals = (): OutcomeTotals => ({
  summary: {
    pkh: {
      enrolled: 0,
      graduated: 0,
      terminated: 0,
      disbursements: 0,
      disbursedRupiah: 0,
      failedPayments: 0,
      failedRupiah: 0,
      reversals: 0,
      reversedRupiah: 0,
      activeAtEnd: 0,
      suspendedAtEnd: 0,
    },
    kube: { formed: 0, grantsRupiah: 0, reportedRevenueRupiah: 0, activeAtEnd: 0, membersAtEnd: 0 },
    training: { invited: 0, enrolled: 0, declined: 0, declinedByReason: {}, completed: 0, droppedOut: 0 },
    exits: { approved: 0, persons: 0, reentered: 0, reenteredPersons: 0 },
    complaints: { received: 0, receivedByCategory: {}, escalated: 0, resolved: 0 },
  },
  trainingCostRupiah: 0,
});

/**
 * Adds a fact's value, or a sum of facts of one metric and reason, to the totals: how both the
 * report (over its monthly sums) and the reporting job (over each fact) add up.
 */
export function addOutcome(totals: OutcomeTotals, metric: OutcomeMetric, value: number, reason: string | null): void {
  if (metric === 'budget.trainingCostRupiah') {
    totals.trainingCostRupiah += value;
    return;
  }
  const dot = metric.indexOf('.');
  const group = totals.summary[metric.slice(0, dot) as keyof OutcomeSummary] as unknown as Record<string, number>;
  const field = metric.slice(dot + 1);
  // The fact's coded reason splits two flows: declines by reason, complaints by category.
  const split =
    metric === 'training.declined'
      ? totals.summary.training.declinedByReason
      : metric === 'complaints.received'
        ? totals.summary.complaints.receivedByCategory
        : undefined;
  if (split && reason) split[reason] = (split[reason] ?? 0) + value;
  group[field] = Number(group[field] ?? 0) + value;
}

/** The reporting job's state: the totals, and what the fold remembers, as plain JSON. */
export interface OutcomeState extends OutcomeTotals {
  /** The shape of this state; a file of another shape cannot be folded on. */
  version: typeof OUTCOME_STATE_VERSION;
  /** Last revision applied per stream: a repeated delivery (at least once) is dropped. */
  revisions: Record<string, number>;
  households: Record<string, OutcomeHousehold>;
  pkhStatus: Record<string, PkhStatus>;
  kubes: Record<string, OutcomeKube>;
  /** Cost per participant by course. */
  courses: Record<string, number>;
  /** The key whose pseudonyms this state joins (null until the first PII-free event). */
  pseudonymKey: string | null;
  /** Keys rotated away from: their messages are left, their pseudonyms join nothing of the new key. */
  retiredKeys: string[];
}

/**
 * 2: the job folds the facts of the report (until then its own counts, kept per household).
 * 3: households are keyed pseudonyms, and the state says under which key; stocks are named
 *    `…AtEnd`, graduations and terminations are flows.
 */
export const OUTCOME_STATE_VERSION = 3;

export const emptyOutcomeState = (): OutcomeState => ({
  version: OUTCOME_STATE_VERSION,
  ...emptyOutcomeTotals(),
  revisions: {},
  households: {},
  pkhStatus: {},
  kubes: {},
  courses: {},
  pseudonymKey: null,
  retiredKeys: [],
});

/**
 * An event as a reporting job reads it off a topic: the fold's input, the stream revision and,
 * PII-free, the key that made its pseudonyms.
 */
export type OutcomeFeedEvent = OutcomeInput & { revision: number; pseudonymKey?: string };

/** The fold's context kept in the state itself (the reporting job's, and a fold over the feed). */
export const inMemory = (state: OutcomeState): OutcomeContext => ({
  household: (id) => state.households[id],
  setHousehold: (id, household) => void (state.households[id] = household),
  pkhStatus: (id) => state.pkhStatus[id] ?? null,
  setPkhStatus: (id, status) => void (state.pkhStatus[id] = status),
  kube: (id) => state.kubes[id],
  setKube: (id, kube) => void (state.kubes[id] = kube),
  courseCost: (id) => state.courses[id],
  setCourseCost: (id, cost) => void (state.courses[id] = cost),
});

/**
 * Applies one event (mutating the state); returns false for a duplicate or a message of a retired
 * key, which it dropped. A message under a new pseudonym key means the key was rotated and the
 * relay publishes the whole feed again under it (ADR 0010): pseudonyms of the two keys never
 * join, so the state starts over with the new key and leaves the old key's messages still queued.
 */
export function applyOutcomeEvent(state: OutcomeState, event: OutcomeFeedEvent): boolean {
  const key = event.pseudonymKey;
  if (key !== undefined && key !== state.pseudonymKey) {
    if (state.retiredKeys.includes(key)) return false;
    const retiredKeys = state.pseudonymKey === null ? state.retiredKeys : [...state.retiredKeys, state.pseudonymKey];
    Object.assign(state, emptyOutcomeState(), { pseudonymKey: key, retiredKeys });
  }
  const seen = state.revisions[event.stream];
  if (seen !== undefined && event.revision <= seen) return false;
  state.revisions[event.stream] = event.revision;
  for (const fact of outcomeFactsOf(inMemory(state), event)) addOutcome(state, fact.metric, fact.value, fact.reason);
  return true;
}
