import type { Kysely, Transaction } from 'kysely';
import { COMPLAINT_CATEGORY } from '#libs/complaints/index.js';
import { HOUSEHOLD_CATEGORY } from '#libs/households/index.js';
import { KUBE_CATEGORY } from '#libs/kube/index.js';
import { PKH_CATEGORY } from '#libs/pkh/index.js';
import type { RecordedEvent } from '#libs/platform/event-store/index.js';
import { writeRows, recordedAs, type Projection } from '#libs/platform/read-store/index.js';
import { businessDateOf, outcomeFactsOf, type OutcomeEvent } from '#libs/reporting/index.js';
import { TRAINING_CATEGORY } from '#libs/training/index.js';
import { localMonth } from '../shared/periods.js';
import { OutcomeBatch } from './outcome-facts.batch.js';
import { OUTCOME_TABLES, setupOutcomeTables, type OutcomeTables } from './outcome-facts.table.js';

type Trx = Transaction<OutcomeTables>;
type Total = OutcomeTables['outcome_totals'];

/**
 * Programme outcomes summed per basis, month (local time), area, metric and reason: each fact
 * (`outcomeFactsOf`, the same the reporting job folds) adds its value to its row, so a city-wide
 * report reads a few thousand rows however many households and events there are. Exactly once
 * per event: the sums and the checkpoint are written in the same transaction. Each fact is added
 * twice: in the month of its business date (the day the event says it happened, else when it was
 * recorded) and in the month it was recorded, so a report can be asked either way.
 */
export const OUTCOME_FACTS = 'outcome-facts';

export function outcomeFactsProjection(timeZone: string): Projection {
  return {
    name: OUTCOME_FACTS,
    // 4: a basis column (business or recorded month); stocks named …AtEnd. Complaints came later
    // as a category of their own: none were recorded before, so the rows stand (no rebuild).
    // A revoked PKH entry takes its facts back (ADR 0019): no revocation was recorded before, so
    // the rows stand (no rebuild).
    // 5: a household's row takes its new area when it moves. Built live, the row kept the area of
    // its registration (a rebuild, folding both in one batch, did not), so the facts of a family
    // after its move went to its old kelurahan.
    version: 5,
    filter: { categories: [HOUSEHOLD_CATEGORY, PKH_CATEGORY, KUBE_CATEGORY, TRAINING_CATEGORY, COMPLAINT_CATEGORY] },
    tables: OUTCOME_TABLES,
    async setup(db: Kysely<OutcomeTables>) {
      await setupOutcomeTables(db);
    },
    async apply(trx: Trx, event: RecordedEvent) {
      await this.applyBatch!(trx, [event]);
    },
    async applyBatch(trx: Trx, recorded: readonly RecordedEvent[]) {
      const events = recordedAs<OutcomeEvent>(recorded);
      const batch = await OutcomeBatch.load(trx, events);
      const sums = new Map<string, Total>();
      for (const event of events) {
        const recorded = localMonth(String(event.metadata.occurredAt), timeZone);
        const periods = { business: businessDateOf(event)?.slice(0, 7) ?? recorded, recorded } as const;
        for (const { metric, value, reason: why, area } of outcomeFactsOf(batch, event)) {
          // No area: a household never registered before its PKH or training events, which the feed's order rules out.
          if (!area) continue;
          const { kecamatan, kelurahan } = area;
          const reason = why ?? '';
          for (const [basis, period] of Object.entries(periods)) {
            const key = `${basis}|${period}|${kecamatan}|${kelurahan}|${metric}|${reason}`;
            const sum = sums.get(key);
            if (sum) sum.value += value;
            else sums.set(key, { basis, period, kecamatan, kelurahan, metric, reason, value });
          }
        }
      }
      await batch.write(trx);
      await writeRows(trx, [...sums.values()], (chunk) =>
        trx
          .insertInto('outcome_totals')
          .values(chunk)
          .onConflict((oc) =>
            oc
              .columns(['basis', 'period', 'kecamatan', 'kelurahan', 'metric', 'reason'])
              .doUpdateSet((eb) => ({ value: eb(eb.ref('outcome_totals.value'), '+', eb.ref('excluded.value')) })),
          ),
      );
    },
  };
}
