import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, FUNDING_SOURCES, type AppConfig, type FundingSource } from '#libs/platform/config/index.js';
import type { ReportBasis } from '#libs/reporting/index.js';
import { OutcomeReports } from './outcome-reports.js';

const percent = (part: number, whole: number) => (whole ? Math.round((part / whole) * 10_000) / 100 : null);

/** The city's poverty target for a year, and the year's spending by funding source. */
@Injectable()
export class PovertyTargetReport {
  constructor(
    private readonly outcomes: OutcomeReports,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async forYear(year: number, basis: ReportBasis = 'business') {
    const { baselinePersons, baselineRatePercent, baselineYear, baselineSource, targetReductionPercent } =
      this.config.povertyTarget;
    const { summary, trainingCostRupiah } = await this.outcomes.totals({ from: `${year}-01`, to: `${year}-12`, basis });
    const { exits, pkh, kube } = summary;
    const reductionTarget = Math.round((baselinePersons * targetReductionPercent) / 100);
    const netHouseholds = exits.approved - exits.reentered;
    const netPersons = exits.persons - exits.reenteredPersons;
    const spending: Record<'pkh' | 'kube' | 'training', number> = {
      pkh: pkh.disbursedRupiah,
      kube: kube.grantsRupiah,
      training: trainingCostRupiah,
    };
    const bySource = Object.fromEntries(FUNDING_SOURCES.map((s) => [s, 0])) as Record<FundingSource, number>;
    for (const [programme, rupiah] of Object.entries(spending) as [keyof typeof spending, number][]) {
      bySource[this.config.budget.funding[programme]] += rupiah;
    }
    const spent = spending.pkh + spending.kube + spending.training;
    const citySpent = this.config.budget.sources.reduce((sum, s) => sum + bySource[s], 0);
    const { allocationRupiah } = this.config.budget;
    // One basis for both: exits net of re-entries, so the two figures are null or numbers together.
    const costed = netHouseholds > 0 && netPersons > 0;
    return {
      year,
      basis,
      baseline: {
        year: baselineYear,
        source: baselineSource,
        persons: baselinePersons,
        ratePercent: baselineRatePercent,
        population: Math.round(baselinePersons / (baselineRatePercent / 100)),
      },
      target: {
        byEndOf: `${year}-12-31`,
        reductionPercent: targetReductionPercent,
        reductionPersons: reductionTarget,
        poorPersons: baselinePersons - reductionTarget,
      },
      exited: { households: exits.approved, persons: exits.persons },
      reentered: { households: exits.reentered, persons: exits.reenteredPersons },
      current: {
        poorPersons: baselinePersons - netPersons,
        netHouseholdsExited: netHouseholds,
        netPersonsExited: netPersons,
      },
      progressPercent: percent(netPersons, reductionTarget),
      budget: {
        allocationRupiah,
        allocationSources: this.config.budget.sources,
        funding: this.config.budget.funding,
        spentBySourceRupiah: bySource,
        spentByProgrammeRupiah: spending,
        spentRupiah: spent,
        citySpentRupiah: citySpent,
        remainingRupiah: allocationRupiah - citySpent,
        usedPercent: percent(citySpent, allocationRupiah),
        costPerExit: {
          basis: 'spending of every source in the year / exits net of re-entries in the year',
          perHousehold: costed ? Math.round(spent / netHouseholds) : null,
          perPerson: costed ? Math.round(spent / netPersons) : null,
        },
      },
    };
  }
}

export type PovertyTarget = Awaited<ReturnType<PovertyTargetReport['forYear']>>;
