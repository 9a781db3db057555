import type { EligibleComponent } from './pkh-eligibility.js';
import type { GraduationKind, KksBank, PkhEvent } from './pkh.events.js';

export type PkhStatus = 'not_enrolled' | 'active' | 'suspended' | 'graduated' | 'terminated';

export interface StageRecord {
  compliant: boolean;
  disbursed: number | null;
  /** The reference of the stage's disbursement, and those the channel failed or returned (ADR 0013). */
  reference?: string | null;
  failedReferences?: string[];
  /**
   * Set when a batch's payment was confirmed while the family was no longer active (suspended,
   * terminated or graduated after the batch was declared): paid, and for a supervisor to review.
   */
  paidWhile?: Exclude<PkhStatus, 'active'> | null;
}

export interface PkhState {
  status: PkhStatus;
  enrolledOn: string | null;
  components: EligibleComponent[];
  entitlementPerStage: number;
  benefitIndexVersion: string | null;
  stages: Record<string, StageRecord>;
  consecutiveNonCompliant: number;
  graduation: { kind: GraduationKind; graduatedOn: string } | null;
  totalDisbursed: number;
  /** Where the channel pays the family: the latest KKS card or account recorded. */
  kksAccount: { bank: KksBank; account: string; recordedOn: string } | null;
}

/** Two non-compliant verifications in a row suspend the family. */
export const NON_COMPLIANT_STAGES_BEFORE_SUSPENSION = 2;

export const initialPkhState = (): PkhState => ({
  status: 'not_enrolled',
  enrolledOn: null,
  components: [],
  entitlementPerStage: 0,
  benefitIndexVersion: null,
  stages: {},
  consecutiveNonCompliant: 0,
  graduation: null,
  totalDisbursed: 0,
  kksAccount: null,
});

/**
 * A family's PKH status after one of its PKH events: the one rule the aggregate, the caseloads and
 * the programme outcomes share. Every event type has its case, so a new one fails the build here.
 */
export function pkhStatusAfter(status: PkhStatus, event: PkhEvent): PkhStatus {
  switch (event.type) {
    case 'EnrolledInPkh':
    case 'PkhReinstated':
      return 'active';
    case 'PkhSuspended':
      return 'suspended';
    case 'PkhTerminated':
      return 'terminated';
    case 'PkhGraduated':
      return 'graduated';
    case 'PkhEntitlementReassessed':
    case 'PkhComplianceVerified':
    case 'PkhBenefitDisbursed':
    case 'PkhPaymentFailed':
    case 'PkhPaymentReversed':
    case 'PkhKksAccountRecorded':
      return status;
  }
}

export function evolvePkh(state: PkhState, event: PkhEvent): PkhState {
  switch (event.type) {
    case 'EnrolledInPkh':
      return {
        ...initialPkhState(),
        totalDisbursed: state.totalDisbursed,
        kksAccount: state.kksAccount,
        status: pkhStatusAfter(state.status, event),
        enrolledOn: event.data.enrolledOn,
        components: event.data.components,
        entitlementPerStage: event.data.entitlementPerStage,
        benefitIndexVersion: event.data.benefitIndex.version,
      };
    case 'PkhEntitlementReassessed':
      return {
        ...state,
        components: event.data.components,
        entitlementPerStage: event.data.entitlementPerStage,
        benefitIndexVersion: event.data.benefitIndex.version,
      };
    case 'PkhComplianceVerified':
      return {
        ...state,
        stages: { ...state.stages, [event.data.stage]: { compliant: event.data.compliant, disbursed: null } },
        consecutiveNonCompliant: event.data.compliant ? 0 : state.consecutiveNonCompliant + 1,
      };
    case 'PkhBenefitDisbursed': {
      const stage = state.stages[event.data.stage] ?? { compliant: true, disbursed: null };
      return {
        ...state,
        stages: {
          ...state.stages,
          [event.data.stage]: {
            ...stage,
            disbursed: event.data.amount,
            reference: event.data.reference,
            ...(state.status !== 'active' ? { paidWhile: state.status } : {}),
          },
        },
        totalDisbursed: state.totalDisbursed + event.data.amount,
      };
    }
    case 'PkhPaymentFailed': {
      const stage = state.stages[event.data.stage] ?? { compliant: true, disbursed: null };
      const failedReferences = [...(stage.failedReferences ?? []), event.data.reference];
      return { ...state, stages: { ...state.stages, [event.data.stage]: { ...stage, failedReferences } } };
    }
    case 'PkhPaymentReversed': {
      const stage = state.stages[event.data.stage] ?? { compliant: true, disbursed: null };
      return {
        ...state,
        stages: {
          ...state.stages,
          [event.data.stage]: { ...stage, disbursed: null, reference: null, paidWhile: null },
        },
        totalDisbursed: state.totalDisbursed - event.data.amount,
      };
    }
    case 'PkhKksAccountRecorded': {
      const { bank, account, recordedOn } = event.data;
      return { ...state, kksAccount: { bank, account, recordedOn } };
    }
    case 'PkhSuspended':
      return { ...state, status: pkhStatusAfter(state.status, event) };
    case 'PkhReinstated':
      return { ...state, status: pkhStatusAfter(state.status, event), consecutiveNonCompliant: 0 };
    case 'PkhTerminated':
      return { ...state, status: pkhStatusAfter(state.status, event) };
    case 'PkhGraduated':
      return {
        ...state,
        status: pkhStatusAfter(state.status, event),
        graduation: { kind: event.data.kind, graduatedOn: event.data.graduatedOn },
      };
    default:
      return state;
  }
}
