import { Inject, Injectable } from '@nestjs/common';
import type { Kysely } from 'kysely';
import { APP_CONFIG, type AppConfig } from '#libs/platform/config/index.js';
import { READ_DATABASE, type ReadDatabase } from '#libs/platform/read-store/index.js';
import {
  OUTCOME_STOCKS,
  addOutcome,
  emptyOutcomeTotals,
  type OutcomeMetric,
  type OutcomeSummary,
} from '#libs/reporting/index.js';
import type { OutcomeTables } from './outcome-facts.table.js';

export interface OutcomeFilter {
  from?: string;
  to?: string;
  kecamatan?: string;
  kelurahan?: string;
}

export interface ProgrammeOutcomes {
  from: string | null;
  to: string | null;
  kecamatan: string | null;
  kelurahan: string | null;
  totals: OutcomeSummary;
  trainingCostRupiah: number;
  rows: Array<Record<string, string | number>>;
}

/** Reads the outcome facts: flows summed within the period, stocks up to its end. */
@Injectable()
export class OutcomeReports {
  private readonly db: Kysely<OutcomeTables>;
  constructor(
    @Inject(READ_DATABASE) database: ReadDatabase,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.db = database.reader;
  }

  async programmeOutcomes(filter: OutcomeFilter): Promise<ProgrammeOutcomes> {
    let query = this.db
      .selectFrom('outcome_totals')
      .select(['period', 'kecamatan', 'kelurahan', 'metric', 'reason', (eb) => eb.fn.sum<string>('value').as('total')]);
    if (filter.to) query = query.where('period', '<=', filter.to);
    if (filter.kecamatan) query = query.where('kecamatan', '=', filter.kecamatan);
    if (filter.kelurahan) query = query.where('kelurahan', '=', filter.kelurahan);
    const groups = await query
      .groupBy(['period', 'kecamatan', 'kelurahan', 'metric', 'reason'])
      .orderBy('period')
      .orderBy('kecamatan')
      .orderBy('kelurahan')
      .execute();

    const totals = emptyOutcomeTotals();
    const rows = new Map<string, Record<string, string | number>>();
    for (const g of groups) {
      const value = Number(g.total);
      const inPeriod = !filter.from || g.period >= filter.from;
      if (!OUTCOME_STOCKS.has(g.metric) && !inPeriod) continue;
      // The metrics in the table are those of outcomeFactsOf, summed by the same function as the reporting job's.
      addOutcome(totals, g.metric as OutcomeMetric, value, g.reason);
      if (!inPeriod) continue;
      const key = `${g.period}|${g.kecamatan}|${g.kelurahan}`;
      const row = rows.get(key) ?? { period: g.period, kecamatan: g.kecamatan, kelurahan: g.kelurahan };
      const column = g.metric === 'training.declined' && g.reason ? `training.declined.${g.reason}` : g.metric;
      row[column] = Number(row[column] ?? 0) + value;
      rows.set(key, row);
    }
    return {
      from: filter.from ?? null,
      to: filter.to ?? null,
      kecamatan: filter.kecamatan ?? null,
      kelurahan: filter.kelurahan ?? null,
      totals: totals.summary,
      trainingCostRupiah: totals.trainingCostRupiah,
      rows: [...rows.values()],
    };
  }

  async povertyTarget() {
    const { baselinePersons, baselineRatePercent, targetReductionPercent } = this.config.povertyTarget;
    const { totals, trainingCostRupiah } = await this.programmeOutcomes({});
    const reductionTarget = Math.round((baselinePersons * targetReductionPercent) / 100);
    const netPersonsExited = totals.exits.persons - totals.exits.reenteredPersons;
    const spent = totals.pkh.disbursedRupiah + totals.kube.grantsRupiah + trainingCostRupiah;
    return {
      baseline: {
        persons: baselinePersons,
        ratePercent: baselineRatePercent,
        population: Math.round(baselinePersons / (baselineRatePercent / 100)),
      },
      target: {
        reductionPercent: targetReductionPercent,
        reductionPersons: reductionTarget,
        poorPersons: baselinePersons - reductionTarget,
      },
      exited: { households: totals.exits.approved, persons: totals.exits.persons },
      reentered: { households: totals.exits.reentered, persons: totals.exits.reenteredPersons },
      current: { poorPersons: baselinePersons - netPersonsExited, netPersonsExited },
      progressPercent: Math.round((netPersonsExited / reductionTarget) * 10_000) / 100,
      budget: {
        allocationRupiah: this.config.budget.allocationRupiah,
        sources: this.config.budget.sources,
        spentRupiah: spent,
        pkhDisbursedRupiah: totals.pkh.disbursedRupiah,
        kubeGrantsRupiah: totals.kube.grantsRupiah,
        trainingCostRupiah,
        remainingRupiah: this.config.budget.allocationRupiah - spent,
        usedPercent: Math.round((spent / this.config.budget.allocationRupiah) * 10_000) / 100,
        costPerExitedHousehold: totals.exits.approved ? Math.round(spent / totals.exits.approved) : null,
        costPerExitedPerson: netPersonsExited > 0 ? Math.round(spent / netPersonsExited) : null,
      },
    };
  }
}
