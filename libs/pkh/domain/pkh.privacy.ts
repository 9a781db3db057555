import type { EventPrivacy } from '#libs/platform/domain/index.js';
import type { PkhEvent } from './pkh.events.js';

/**
 * What a PII-free reader sees of each PKH event (ADR 0010). A component (pregnancy, severe
 * disability) and its amount, which names the component, are special categories: counted in
 * reports, never shown per person.
 */
export const PKH_PRIVACY: EventPrivacy<PkhEvent> = {
  EnrolledInPkh: {
    householdId: 'household',
    enrolledOn: 'public',
    'components[].nik': 'person',
    'components[].component': 'special',
    'components[].annualAmount': 'special',
    'components[].counted': 'public',
    entitlementPerStage: 'public',
    'benefitIndex.version': 'public',
    'benefitIndex.effectiveFrom': 'public',
    'benefitIndex.stagesPerYear': 'public',
    'benefitIndex.maxCountedPersonsPerFamily': 'public',
  },
  PkhEntitlementReassessed: {
    householdId: 'household',
    stage: 'public',
    membersOn: 'public',
    'components[].nik': 'person',
    'components[].component': 'special',
    'components[].annualAmount': 'special',
    'components[].counted': 'public',
    entitlementPerStage: 'public',
    previousEntitlementPerStage: 'public',
    'benefitIndex.version': 'public',
    'benefitIndex.effectiveFrom': 'public',
    'benefitIndex.stagesPerYear': 'public',
    'benefitIndex.maxCountedPersonsPerFamily': 'public',
  },
  PkhComplianceVerified: {
    householdId: 'household',
    stage: 'public',
    compliant: 'public',
    'missed[].nik': 'person',
    'missed[].commitment': 'public',
    'missed[].detail': 'personal',
    verifiedOn: 'public',
  },
  PkhBenefitDisbursed: {
    householdId: 'household',
    stage: 'public',
    amount: 'public',
    channel: 'public',
    reference: 'personal',
    disbursedOn: 'public',
  },
  PkhPaymentFailed: {
    householdId: 'household',
    stage: 'public',
    amount: 'public',
    outcome: 'public',
    // The channel's reason, a cell of its result file taken as it is (no coded list): dropped.
    reasonCode: 'personal',
    reference: 'personal',
    failedOn: 'public',
  },
  PkhPaymentReversed: {
    householdId: 'household',
    stage: 'public',
    amount: 'public',
    reference: 'personal',
    reversedOn: 'public',
  },
  PkhSuspended: { householdId: 'household', stage: 'public', consecutiveNonCompliantStages: 'public' },
  PkhReinstated: { householdId: 'household', reason: 'personal' },
  PkhTerminated: { householdId: 'household', reason: 'personal' },
  PkhGraduated: { householdId: 'household', kind: 'public', reason: 'personal', graduatedOn: 'public' },
  PkhKksAccountRecorded: { householdId: 'household', bank: 'public', account: 'personal', recordedOn: 'public' },
};
