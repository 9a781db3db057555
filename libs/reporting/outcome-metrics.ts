/** The figures of the programme outcomes, and the metric names outcome facts carry. */
export interface OutcomeSummary {
  pkh: {
    enrolled: number;
    active: number;
    suspended: number;
    graduated: number;
    terminated: number;
    disbursements: number;
    disbursedRupiah: number;
  };
  kube: { formed: number; active: number; members: number; grantsRupiah: number; reportedRevenueRupiah: number };
  training: {
    invited: number;
    enrolled: number;
    declined: number;
    declinedByReason: Record<string, number>;
    completed: number;
    droppedOut: number;
  };
  exits: { approved: number; persons: number; reentered: number; reenteredPersons: number };
}

type Counters<Group> = { [K in keyof Group]: Group[K] extends number ? K : never }[keyof Group] & string;
/** 'pkh.enrolled', 'kube.members', ...: one per number of the summary, so a typo fails the build. */
export type SummaryMetric = {
  [G in keyof OutcomeSummary]: `${G}.${Counters<OutcomeSummary[G]>}`;
}[keyof OutcomeSummary];
/** What an outcome fact measures: a number of the summary, or the training cost of the budget. */
export type OutcomeMetric = SummaryMetric | 'budget.trainingCostRupiah';
