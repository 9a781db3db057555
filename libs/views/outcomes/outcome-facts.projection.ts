import type { Kysely, Transaction } from 'kysely';
import { COMPLAINT_CATEGORY } from '#libs/complaints/index.js';
import { HOUSEHOLD_CATEGORY } from '#libs/households/index.js';
import { KUBE_CATEGORY } from '#libs/kube/index.js';
import { PKH_CATEGORY } from '#libs/pkh/index.js';
import { foldedBy, writeRows, recordedAs, type BatchFold, type Projection } from '#libs/platform/read-store/index.js';
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

/** A batch's outcome rows (households, Kubes, courses) and the sums its facts add. */
interface OutcomeState {
  batch: OutcomeBatch;
  sums: Map<string, Total>;
}

/**
 * The households, Kubes and courses a batch touches are read once and written once, and its facts
 * summed before they are added to the totals; a rebuild keeps both from batch to batch and writes
 * them once (foldAcrossBatches).
 */
function outcomeFold(timeZone: string): BatchFold<OutcomeState> {
  return {
    load: async (trx: Trx, events) => ({
      batch: await OutcomeBatch.load(trx, recordedAs<OutcomeEvent>(events)),
      sums: new Map(),
    }),
    empty: () => ({ batch: new OutcomeBatch(), sums: new Map() }),
    fold({ batch, sums }, events) {
      for (const event of recordedAs<OutcomeEvent>(events)) {
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
    },
    async write(trx: Trx, { batch, sums }) {
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
    // The sums written are added to the totals: the next ones start from nothing.
    settle({ batch, sums }) {
      batch.settle();
      sums.clear();
    },
    size: ({ batch, sums }) => batch.size + sums.size,
  };
}

export function outcomeFactsProjection(timeZone: string): Projection {
  const fold = outcomeFold(timeZone);
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
    ...foldedBy(fold),
  };
}
