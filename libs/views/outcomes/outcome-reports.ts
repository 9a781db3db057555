import { Inject, Injectable } from '@nestjs/common';
import type { Kysely } from 'kysely';
import { READ_DATABASE, type ReadDatabase } from '#libs/platform/read-store/index.js';
import {
  OUTCOME_STOCKS,
  addOutcome,
  emptyOutcomeTotals,
  type OutcomeMetric,
  type OutcomeSummary,
  type OutcomeTotals,
  type ReportBasis,
} from '#libs/reporting/index.js';
import type { OutcomeTables } from './outcome-facts.table.js';

export interface OutcomeFilter {
  from?: string;
  to?: string;
  kecamatan?: string;
  kelurahan?: string;
  /** business (default): facts in the month they happened; recorded: in the month Jejak learned them. */
  basis?: ReportBasis;
}

export type OutcomeRow = Record<string, string | number>;

export interface ProgrammeOutcomes {
  basis: ReportBasis;
  from: string | null;
  to: string | null;
  kecamatan: string | null;
  kelurahan: string | null;
  /** Flows within from..to; the `…AtEnd` stocks at the end of `to`. */
  totals: OutcomeSummary;
  trainingCostRupiah: number;
  /**
   * One row per month and kelurahan with any fact, each carrying every column: flows within the
   * month, the `…AtEnd` stocks of that kelurahan at the month's end.
   */
  rows: OutcomeRow[];
}

/** One summed group of outcome_totals. */
interface Group {
  period: string;
  kecamatan: string;
  kelurahan: string;
  metric: string;
  reason: string;
  total: string | number;
}

/** A month's row splits declines by reason and complaints by category: a column each. */
const columnOf = (g: Group) =>
  (g.metric === 'training.declined' || g.metric === 'complaints.received') && g.reason
    ? `${g.metric}.${g.reason}`
    : g.metric;

/** Reads the outcome facts: flows summed within the period, stocks up to its end. */
@Injectable()
export class OutcomeReports {
  private readonly db: Kysely<OutcomeTables>;
  constructor(@Inject(READ_DATABASE) database: ReadDatabase) {
    this.db = database.reader;
  }

  /** The outcome totals of a period, for the poverty target and the budget. */
  async totals(filter: OutcomeFilter): Promise<OutcomeTotals> {
    const totals = emptyOutcomeTotals();
    for (const g of await this.groups(filter)) {
      if (!OUTCOME_STOCKS.has(g.metric) && filter.from && g.period < filter.from) continue;
      // The metrics in the table are those of outcomeFactsOf, summed by the same function as the reporting job's.
      addOutcome(totals, g.metric as OutcomeMetric, Number(g.total), g.reason);
    }
    return totals;
  }

  async programmeOutcomes(filter: OutcomeFilter): Promise<ProgrammeOutcomes> {
    const basis = filter.basis ?? 'business';
    const groups = await this.groups(filter);
    const totals = emptyOutcomeTotals();
    const rows = new Map<string, OutcomeRow>();
    const columns = new Set<string>();
    for (const g of groups) {
      const value = Number(g.total);
      const inPeriod = !filter.from || g.period >= filter.from;
      if (!OUTCOME_STOCKS.has(g.metric) && !inPeriod) continue;
      addOutcome(totals, g.metric as OutcomeMetric, value, g.reason);
      const column = columnOf(g);
      columns.add(column);
      const key = `${g.period}|${g.kecamatan}|${g.kelurahan}`;
      const row = rows.get(key) ?? { period: g.period, kecamatan: g.kecamatan, kelurahan: g.kelurahan };
      row[column] = Number(row[column] ?? 0) + value;
      rows.set(key, row);
    }
    return {
      basis,
      from: filter.from ?? null,
      to: filter.to ?? null,
      kecamatan: filter.kecamatan ?? null,
      kelurahan: filter.kelurahan ?? null,
      totals: totals.summary,
      trainingCostRupiah: totals.trainingCostRupiah,
      rows: completeRows([...rows.values()], columns, filter.from),
    };
  }

  private async groups(filter: OutcomeFilter): Promise<Group[]> {
    let query = this.db
      .selectFrom('outcome_totals')
      .select(['period', 'kecamatan', 'kelurahan', 'metric', 'reason', (eb) => eb.fn.sum<string>('value').as('total')])
      .where('basis', '=', filter.basis ?? 'business');
    if (filter.to) query = query.where('period', '<=', filter.to);
    if (filter.kecamatan) query = query.where('kecamatan', '=', filter.kecamatan);
    if (filter.kelurahan) query = query.where('kelurahan', '=', filter.kelurahan);
    return query
      .groupBy(['period', 'kecamatan', 'kelurahan', 'metric', 'reason'])
      .orderBy('period')
      .orderBy('kecamatan')
      .orderBy('kelurahan')
      .execute();
  }
}

/**
 * Gives every row every column (0 where nothing happened) and turns the stocks' monthly deltas
 * into what stood at each month's end in that kelurahan; rows before `from` only carry the
 * stocks forward.
 */
function completeRows(rows: OutcomeRow[], columns: Set<string>, from: string | undefined): OutcomeRow[] {
  const flows = [...columns].filter((c) => !OUTCOME_STOCKS.has(c)).sort();
  const stocks = [...OUTCOME_STOCKS].filter((c) => columns.has(c)).sort();
  const standing = new Map<string, number>();
  const complete: OutcomeRow[] = [];
  for (const row of rows) {
    const area = `${row.kecamatan}|${row.kelurahan}`;
    const out: OutcomeRow = { period: row.period!, kecamatan: row.kecamatan!, kelurahan: row.kelurahan! };
    for (const flow of flows) out[flow] = Number(row[flow] ?? 0);
    for (const stock of stocks) {
      const now = (standing.get(`${area}|${stock}`) ?? 0) + Number(row[stock] ?? 0);
      standing.set(`${area}|${stock}`, now);
      out[stock] = now;
    }
    if (!from || String(row.period) >= from) complete.push(out);
  }
  return complete;
}
