import type { DomainEvent } from '#libs/platform/domain/index.js';
import type { EligibleComponent } from './pkh-eligibility.js';

export type Commitment = 'health_check' | 'school_attendance' | 'family_session' | 'other';
export type DisbursementChannel = 'bank_transfer' | 'post_office' | 'e_wallet';
export type GraduationKind = 'natural' | 'self_declared' | 'poverty_exit';

export interface MissedCommitment {
  nik: string;
  commitment: Commitment;
  detail: string | null;
}

export type EnrolledInPkh = DomainEvent<
  'EnrolledInPkh',
  {
    householdId: string;
    enrolledOn: string;
    components: EligibleComponent[];
    entitlementPerStage: number;
    /** The benefit index used, so an auditor can see why a family got what it got. */
    benefitIndex: { version: string; effectiveFrom: string; stagesPerYear: number; maxCountedPersonsPerFamily: number };
  }
>;
/**
 * A stage's members give other components than the family had (a birth, a school level, a death,
 * a new index): recorded with the stage, before its verification, so the stage pays the new amount.
 */
export type PkhEntitlementReassessed = DomainEvent<
  'PkhEntitlementReassessed',
  {
    householdId: string;
    stage: string;
    /** The stage's first day: the members and the index are taken as they were then. */
    membersOn: string;
    components: EligibleComponent[];
    entitlementPerStage: number;
    previousEntitlementPerStage: number;
    benefitIndex: { version: string; effectiveFrom: string; stagesPerYear: number; maxCountedPersonsPerFamily: number };
  }
>;
export type PkhComplianceVerified = DomainEvent<
  'PkhComplianceVerified',
  { householdId: string; stage: string; compliant: boolean; missed: MissedCommitment[]; verifiedOn: string }
>;
export type PkhBenefitDisbursed = DomainEvent<
  'PkhBenefitDisbursed',
  {
    householdId: string;
    stage: string;
    amount: number;
    channel: DisbursementChannel;
    reference: string;
    disbursedOn: string;
  }
>;
/** The channel failed to pay a stage or its money came back (ADR 0013): shown apart, the stage is due again. */
export type PkhPaymentFailed = DomainEvent<
  'PkhPaymentFailed',
  {
    householdId: string;
    stage: string;
    amount: number;
    outcome: 'failed' | 'returned';
    reasonCode: string;
    reference: string;
    failedOn: string;
  }
>;
/** Money reported paid was recalled: no longer disbursed, the stage is due again. */
export type PkhPaymentReversed = DomainEvent<
  'PkhPaymentReversed',
  { householdId: string; stage: string; amount: number; reference: string; reversedOn: string }
>;
export type PkhSuspended = DomainEvent<
  'PkhSuspended',
  { householdId: string; stage: string; consecutiveNonCompliantStages: number }
>;
export type PkhReinstated = DomainEvent<'PkhReinstated', { householdId: string; reason: string }>;
export type PkhTerminated = DomainEvent<'PkhTerminated', { householdId: string; reason: string }>;
export type PkhGraduated = DomainEvent<
  'PkhGraduated',
  { householdId: string; kind: GraduationKind; reason: string; graduatedOn: string }
>;

/** The Himbara banks that pay PKH onto KKS cards. */
export const KKS_BANKS = ['BRI', 'BNI', 'MANDIRI', 'BTN', 'BSI'] as const;
export type KksBank = (typeof KKS_BANKS)[number];
/**
 * The family's KKS card or bank account number (ADR 0013), recorded or replaced: the payment file
 * carries the latest one. Personal: sealed under the household's key, never shown to reporters.
 */
export type PkhKksAccountRecorded = DomainEvent<
  'PkhKksAccountRecorded',
  { householdId: string; bank: KksBank; account: string; recordedOn: string }
>;

export type PkhEvent =
  | EnrolledInPkh
  | PkhEntitlementReassessed
  | PkhComplianceVerified
  | PkhBenefitDisbursed
  | PkhPaymentFailed
  | PkhPaymentReversed
  | PkhSuspended
  | PkhReinstated
  | PkhTerminated
  | PkhGraduated
  | PkhKksAccountRecorded;

export const PKH_EVENT_TYPES: readonly PkhEvent['type'][] = [
  'EnrolledInPkh',
  'PkhEntitlementReassessed',
  'PkhComplianceVerified',
  'PkhBenefitDisbursed',
  'PkhPaymentFailed',
  'PkhPaymentReversed',
  'PkhSuspended',
  'PkhReinstated',
  'PkhTerminated',
  'PkhGraduated',
  'PkhKksAccountRecorded',
];
