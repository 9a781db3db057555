/**
 * The figures of the programme outcomes, and the metric names outcome facts carry. A name ending
 * in `AtEnd` is a stock: what stands at the end of the period (active PKH families, active Kube
 * groups and their members). Every other number is a flow: what happened within the period
 * (enrolments, graduations, terminations, rupiah, invitations, exits). A family that graduated and
 * enrolled again within a period counts once in `graduated` and once in `activeAtEnd`.
 */
export interface OutcomeSummary {
  pkh: {
    enrolled: number;
    graduated: number;
    terminated: number;
    disbursements: number;
    disbursedRupiah: number;
    /** Payments the channel failed or returned, and their rupiah: not disbursed, shown apart. */
    failedPayments: number;
    failedRupiah: number;
    /** Payments recalled after they were confirmed (taken out of disbursements in their month). */
    reversals: number;
    reversedRupiah: number;
    activeAtEnd: number;
    suspendedAtEnd: number;
  };
  kube: {
    formed: number;
    grantsRupiah: number;
    reportedRevenueRupiah: number;
    activeAtEnd: number;
    membersAtEnd: number;
  };
  training: {
    invited: number;
    enrolled: number;
    declined: number;
    declinedByReason: Record<string, number>;
    completed: number;
    droppedOut: number;
  };
  exits: { approved: number; persons: number; reentered: number; reenteredPersons: number };
  /** Complaints (pengaduan) received, by coded category, escalated when overdue, and resolved (ADR 0014). */
  complaints: { received: number; receivedByCategory: Record<string, number>; escalated: number; resolved: number };
}

type Counters<Group> = { [K in keyof Group]: Group[K] extends number ? K : never }[keyof Group] & string;
/** 'pkh.enrolled', 'kube.members', ...: one per number of the summary, so a typo fails the build. */
export type SummaryMetric = {
  [G in keyof OutcomeSummary]: `${G}.${Counters<OutcomeSummary[G]>}`;
}[keyof OutcomeSummary];
/** What an outcome fact measures: a number of the summary, or the training cost of the budget. */
export type OutcomeMetric = SummaryMetric | 'budget.trainingCostRupiah';
