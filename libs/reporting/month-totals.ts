import { businessDateOf, type ReportBasis } from './business-date.js';
import { outcomeFactsOf, type OutcomeInput } from './outcome-facts.js';
import {
  OUTCOME_STOCKS,
  addOutcome,
  emptyOutcomeState,
  emptyOutcomeTotals,
  inMemory,
  type OutcomeTotals,
} from './outcome-summary.js';

/** An outcome event with when it was recorded (`occurredAt`, the command's time). */
export type DatedOutcomeEvent = OutcomeInput & { metadata: { occurredAt: unknown } };

/**
 * A month's city-wide outcome totals folded straight from the feed, as the report sums them:
 * flows placed in the month, stocks up to its end, each fact by its business date (or, on the
 * recorded basis, by `recordedMonth` of its event), for the city and each kecamatan. A closed
 * month's frozen report is this fold.
 */
export function monthTotals(
  events: Iterable<DatedOutcomeEvent>,
  month: string,
  recordedMonth: (occurredAt: string) => string,
  basis: ReportBasis = 'business',
): OutcomeTotals & { byKecamatan: Record<string, OutcomeTotals> } {
  const context = inMemory(emptyOutcomeState());
  const totals = emptyOutcomeTotals();
  const byKecamatan: Record<string, OutcomeTotals> = {};
  for (const event of events) {
    const recorded = recordedMonth(String(event.metadata.occurredAt));
    const period = basis === 'business' ? (businessDateOf(event)?.slice(0, 7) ?? recorded) : recorded;
    for (const fact of outcomeFactsOf(context, event)) {
      // As the projection: a fact of a household never seen registered has no area and is not counted.
      if (!fact.area) continue;
      if (period === month || (period < month && OUTCOME_STOCKS.has(fact.metric))) {
        addOutcome(totals, fact.metric, fact.value, fact.reason);
        const area = (byKecamatan[fact.area.kecamatan] ??= emptyOutcomeTotals());
        addOutcome(area, fact.metric, fact.value, fact.reason);
      }
    }
  }
  return { ...totals, byKecamatan };
}
