import type { Kysely, Transaction } from 'kysely';
import { idOf } from '#libs/platform/event-store/index.js';
import {
  foldedBy,
  keyChunks,
  writeRows,
  recordedAs,
  type BatchFold,
  type Projection,
} from '#libs/platform/read-store/index.js';
import { OUTCOME_CATEGORIES, businessDateOf, type OutcomeEvent } from '#libs/reporting/index.js';
import { localDay } from '../shared/periods.js';
import { kpiFactsOf, type KpiContext, type KpiSubject } from './kpi-facts.js';
import { KPI_TABLES, setupKpiTables, type KpiTables } from './kpi.table.js';

type Trx = Transaction<KpiTables>;
type Total = KpiTables['kpi_totals'];

/**
 * The ids whose subject an event may read: its stream's, a training event's household, and the
 * household a complaint is about (else a complaint's later events, applied in a batch apart from
 * the household's, found no area live but did in a rebuild).
 */
const idsOf = (event: OutcomeEvent & { stream: string }) => [
  idOf(event.stream),
  ...('householdId' in event.data && typeof event.data.householdId === 'string' ? [event.data.householdId] : []),
  ...('aboutHouseholdId' in event.data && typeof event.data.aboutHouseholdId === 'string'
    ? [event.data.aboutHouseholdId]
    : []),
];

/** The subjects a batch reads (and which of them it changed) and the counts its facts add. */
interface KpiState {
  subjects: Map<string, KpiSubject>;
  dirty: Set<string>;
  sums: Map<string, Total>;
}

const noKpiState = (): KpiState => ({ subjects: new Map(), dirty: new Set(), sums: new Map() });

/**
 * The subjects a batch touches are read once before it and written once after it, and its counts
 * summed before they are added; a rebuild keeps both from batch to batch and writes them once
 * (foldAcrossBatches).
 */
function kpiFold(timeZone: string): BatchFold<KpiState> {
  return {
    async load(trx: Trx, recorded) {
      const state = noKpiState();
      for (const ids of keyChunks([...new Set(recordedAs<OutcomeEvent>(recorded).flatMap(idsOf))])) {
        for (const row of await trx.selectFrom('kpi_subjects').selectAll().where('id', 'in', ids).execute()) {
          const { kecamatan, kelurahan, opened_on: openedOn, kind } = row;
          state.subjects.set(row.id, { kecamatan, kelurahan, openedOn, kind });
        }
      }
      return state;
    },
    empty: noKpiState,
    fold({ subjects, dirty, sums }, recorded) {
      const context: KpiContext = {
        subject: (id) => subjects.get(id),
        setSubject: (id, subject) => void (subjects.set(id, subject), dirty.add(id)),
      };
      for (const event of recordedAs<OutcomeEvent>(recorded)) {
        const recordedOn = localDay(String(event.metadata.occurredAt), timeZone);
        const counted = kpiFactsOf(context, event, recordedOn, (instant) => localDay(instant, timeZone));
        const { area, facts } = counted;
        const period = counted.period ?? (businessDateOf(event) ?? recordedOn).slice(0, 7);
        if (!area) continue;
        const { kecamatan, kelurahan } = area;
        for (const { kpi, dimension, bucket, value } of facts) {
          const key = `${period}|${kecamatan}|${kelurahan}|${kpi}|${dimension}|${bucket}`;
          const sum = sums.get(key);
          if (sum) sum.value += value;
          else sums.set(key, { period, kecamatan, kelurahan, kpi, dimension, bucket, value });
        }
      }
    },
    async write(trx: Trx, { subjects, dirty, sums }) {
      const rows = [...dirty].map((id) => {
        const { kecamatan, kelurahan, openedOn, kind } = subjects.get(id)!;
        return { id, kecamatan, kelurahan, opened_on: openedOn, kind };
      });
      await writeRows(trx, rows, (chunk) =>
        trx
          .insertInto('kpi_subjects')
          .values(chunk)
          .onConflict((oc) =>
            oc.column('id').doUpdateSet((eb) => ({
              kecamatan: eb.ref('excluded.kecamatan'),
              kelurahan: eb.ref('excluded.kelurahan'),
              opened_on: eb.ref('excluded.opened_on'),
              kind: eb.ref('excluded.kind'),
            })),
          ),
      );
      await writeRows(trx, [...sums.values()], (chunk) =>
        trx
          .insertInto('kpi_totals')
          .values(chunk)
          .onConflict((oc) =>
            oc
              .columns(['period', 'kecamatan', 'kelurahan', 'kpi', 'dimension', 'bucket'])
              .doUpdateSet((eb) => ({ value: eb(eb.ref('kpi_totals.value'), '+', eb.ref('excluded.value')) })),
          ),
      );
    },
    // The counts written are added to the totals: the next ones start from nothing.
    settle({ dirty, sums }) {
      dirty.clear();
      sums.clear();
    },
    size: ({ subjects, sums }) => subjects.size + sums.size,
  };
}

/**
 * Supervisors' KPIs as counts per month (business date), area, KPI and bucket: time from case
 * open to exit, PKH verifications on time, reporting delay, the training funnel by course kind.
 */
export function kpiProjection(timeZone: string): Projection {
  const fold = kpiFold(timeZone);
  return {
    name: 'kpis',
    // 2: complaints' later events counted live too (idsOf).
    // 3: a revoked entry is taken out of the KPIs it counted in (ADR 0019).
    version: 3,
    filter: { categories: OUTCOME_CATEGORIES },
    tables: KPI_TABLES,
    async setup(db: Kysely<KpiTables>) {
      await setupKpiTables(db);
    },
    ...foldedBy(fold),
  };
}
