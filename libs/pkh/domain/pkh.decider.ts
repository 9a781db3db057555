import {
  notFound,
  revocable,
  ruleBroken,
  unreachable,
  type Decider,
  type RevocationRules,
} from '#libs/platform/domain/index.js';
import { eligibleComponents, entitlementPerStage } from './pkh-eligibility.js';
import type { PkhCommand } from './pkh.commands.js';
import type { PkhEvent } from './pkh.events.js';
import { NON_COMPLIANT_STAGES_BEFORE_SUSPENSION, evolvePkh, initialPkhState, type PkhState } from './pkh.state.js';

const STAGE = /^\d{4}-[1-4]$/;

const pkhRules: Decider<PkhCommand, PkhEvent, PkhState> = {
  initialState: initialPkhState,
  evolve: evolvePkh,
  decide(command, state) {
    switch (command.type) {
      case 'EnrolInPkh': {
        const { householdId, enrolledOn, household, index } = command.data;
        if (!index) throw ruleBroken('PKH.NO_BENEFIT_INDEX', `No PKH benefit index is in force on ${enrolledOn}`);
        if (!household.registered)
          throw notFound('PKH.HOUSEHOLD_NOT_REGISTERED', 'No household is registered under this id');
        if (state.status === 'active' || state.status === 'suspended') {
          throw ruleBroken('PKH.ALREADY_ENROLLED', 'The household already takes part in PKH');
        }
        if (!household.caseOpen)
          throw ruleBroken('PKH.CASE_CLOSED', 'The household has exited poverty; reopen the case first');
        if (household.welfareStatus === 'unassessed') {
          throw ruleBroken('PKH.HOUSEHOLD_NOT_ASSESSED', 'Assess the household before enrolling it');
        }
        if (household.welfareStatus === 'above_poverty_line') {
          throw ruleBroken(
            'PKH.HOUSEHOLD_ABOVE_POVERTY_LINE',
            'The latest assessment puts the household above the poverty line',
          );
        }
        const components = eligibleComponents(household.members, enrolledOn, index);
        if (components.length === 0) {
          throw ruleBroken(
            'PKH.NO_ELIGIBLE_COMPONENT',
            'No member is pregnant, a young or school child, severely disabled or 70 or older',
          );
        }
        const { version, effectiveFrom, stagesPerYear, maxCountedPersonsPerFamily } = index;
        return [
          {
            type: 'EnrolledInPkh',
            data: {
              householdId,
              enrolledOn,
              components,
              entitlementPerStage: entitlementPerStage(components, index),
              benefitIndex: { version, effectiveFrom, stagesPerYear, maxCountedPersonsPerFamily },
            },
          },
        ];
      }
      case 'VerifyPkhCompliance': {
        const { householdId, stage, compliant, missed, verifiedOn } = command.data;
        mustTakePart(state);
        mustBeStage(stage);
        if (state.stages[stage]) throw ruleBroken('PKH.STAGE_ALREADY_VERIFIED', `Stage ${stage} is already verified`);
        if (!compliant && missed.length === 0) {
          throw ruleBroken(
            'PKH.NON_COMPLIANCE_NAMES_MISSED_COMMITMENTS',
            'Say which commitments were missed, and by whom',
          );
        }
        if (compliant && missed.length > 0) {
          throw ruleBroken(
            'PKH.COMPLIANT_STAGE_HAS_NO_MISSED_COMMITMENTS',
            'A compliant stage lists no missed commitments',
          );
        }
        const events: PkhEvent[] = [
          ...reassessed(state, householdId, stage, command.data.reassessment),
          { type: 'PkhComplianceVerified', data: { householdId, stage, compliant, missed, verifiedOn } },
        ];
        const streak = compliant ? 0 : state.consecutiveNonCompliant + 1;
        if (state.status === 'active' && streak >= NON_COMPLIANT_STAGES_BEFORE_SUSPENSION) {
          events.push({ type: 'PkhSuspended', data: { householdId, stage, consecutiveNonCompliantStages: streak } });
        }
        return events;
      }
      case 'DisbursePkhBenefit': {
        const { householdId, stage, amount, channel, reference, disbursedOn } = command.data;
        mustTakePart(state);
        mustBeStage(stage);
        if (state.status === 'suspended')
          throw ruleBroken('PKH.PARTICIPATION_SUSPENDED', 'A suspended family receives no disbursement');
        const record = state.stages[stage];
        if (!record)
          throw ruleBroken('PKH.STAGE_NOT_VERIFIED', `Verify compliance for stage ${stage} before disbursing`);
        if (!record.compliant) throw ruleBroken('PKH.STAGE_NOT_COMPLIANT', `Stage ${stage} was not compliant`);
        if (record.disbursed !== null)
          throw ruleBroken('PKH.STAGE_ALREADY_DISBURSED', `Stage ${stage} is already disbursed`);
        if (amount > state.entitlementPerStage) {
          throw ruleBroken(
            'PKH.AMOUNT_EXCEEDS_ENTITLEMENT',
            `The entitlement per stage is Rp${state.entitlementPerStage}`,
            {
              entitlementPerStage: state.entitlementPerStage,
            },
          );
        }
        return [{ type: 'PkhBenefitDisbursed', data: { householdId, stage, amount, channel, reference, disbursedOn } }];
      }
      case 'RecordPkhPaymentConfirmed': {
        const { at: _at, ...data } = command.data;
        mustBeStage(data.stage);
        const record = state.stages[data.stage];
        // Confirmed once: the same reference again is nothing new.
        if (record?.reference === data.reference && record.disbursed !== null) return [];
        if (record && record.disbursed !== null)
          throw ruleBroken('PKH.STAGE_ALREADY_DISBURSED', `Stage ${data.stage} is already disbursed`);
        // A suspension, termination or graduation since the batch was declared does not undo a
        // payment the channel made: the stage keeps it, marked for review (evolvePkh).
        return [{ type: 'PkhBenefitDisbursed', data }];
      }
      case 'RecordPkhPaymentFailure': {
        const { at: _at, ...data } = command.data;
        mustBeStage(data.stage);
        // The channel's word is a fact: recorded once per reference, whatever the stage shows.
        if (state.stages[data.stage]?.failedReferences?.includes(data.reference)) return [];
        return [{ type: 'PkhPaymentFailed', data }];
      }
      case 'ReversePkhPayment': {
        const { at: _at, ...data } = command.data;
        mustBeStage(data.stage);
        const record = state.stages[data.stage];
        // Nothing disbursed under this reference (already reversed, or paid by another): nothing to do.
        if (!record || record.disbursed === null || record.reference !== data.reference) return [];
        return [{ type: 'PkhPaymentReversed', data: { ...data, amount: record.disbursed } }];
      }
      case 'RecordKksAccount': {
        const { at: _at, ...data } = command.data;
        mustTakePart(state);
        const known = state.kksAccount;
        if (known?.account === data.account && known.bank === data.bank) return [];
        return [{ type: 'PkhKksAccountRecorded', data }];
      }
      case 'ReinstatePkh': {
        if (state.status !== 'suspended')
          throw ruleBroken('PKH.NOT_SUSPENDED', 'Only a suspended family can be reinstated');
        return [
          { type: 'PkhReinstated', data: { householdId: command.data.householdId, reason: command.data.reason } },
        ];
      }
      case 'TerminatePkh': {
        mustTakePart(state);
        return [
          { type: 'PkhTerminated', data: { householdId: command.data.householdId, reason: command.data.reason } },
        ];
      }
      case 'GraduateFromPkh': {
        const { householdId, kind, reason, graduatedOn, members, index } = command.data;
        mustTakePart(state);
        const eligibleComponentsNow = index ? eligibleComponents(members, graduatedOn, index).length : 0;
        if (kind === 'natural' && eligibleComponentsNow > 0) {
          throw ruleBroken(
            'PKH.ELIGIBLE_COMPONENTS_REMAIN',
            `The household still has ${eligibleComponentsNow} eligible component(s)`,
          );
        }
        return [{ type: 'PkhGraduated', data: { householdId, kind, reason, graduatedOn } }];
      }
      default:
        return unreachable(command);
    }
  },
};

/**
 * The stage's components from its members (ADR 0004): an event only when they differ from the
 * family's, so an unchanged family's stage reads as before. Without an index in force the stage
 * keeps what the family had: a gap in the reference data never stops a verification.
 */
function reassessed(
  state: PkhState,
  householdId: string,
  stage: string,
  reassessment: Extract<PkhCommand, { type: 'VerifyPkhCompliance' }>['data']['reassessment'],
): PkhEvent[] {
  if (!reassessment?.index) return [];
  const { on, members, index } = reassessment;
  const components = eligibleComponents(members, on, index);
  const amount = entitlementPerStage(components, index);
  const same =
    index.version === state.benefitIndexVersion &&
    amount === state.entitlementPerStage &&
    JSON.stringify(components) === JSON.stringify(state.components);
  if (same) return [];
  const { version, effectiveFrom, stagesPerYear, maxCountedPersonsPerFamily } = index;
  return [
    {
      type: 'PkhEntitlementReassessed',
      data: {
        householdId,
        stage,
        membersOn: on,
        components,
        entitlementPerStage: amount,
        previousEntitlementPerStage: state.entitlementPerStage,
        benefitIndex: { version, effectiveFrom, stagesPerYear, maxCountedPersonsPerFamily },
      },
    },
  ];
}

function mustTakePart(state: PkhState): void {
  if (state.status !== 'active' && state.status !== 'suspended') {
    throw ruleBroken('PKH.NOT_ACTIVE', `The household does not take part in PKH (${state.status})`);
  }
}

function mustBeStage(stage: string): void {
  if (!STAGE.test(stage)) throw ruleBroken('PKH.UNKNOWN_STAGE', 'A stage is written YYYY-N with N from 1 to 4');
}

/**
 * What a PKH entry's revocation asks (ADR 0019): every PKH decision moved money or status but the
 * KKS account, so a caseworker's request waits for a supervisor; what followed from a revoked
 * entry is listed for review (a stage's suspension, payment or reassessment from its verification).
 */
export const PKH_REVOCATION_RULES: RevocationRules = {
  irrevocable: [],
  needApproval: [
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
  ],
  follows: {
    EnrolledInPkh: '*',
    PkhEntitlementReassessed: ['PkhBenefitDisbursed', 'PkhPaymentFailed'],
    PkhComplianceVerified: ['PkhSuspended', 'PkhTerminated', 'PkhBenefitDisbursed', 'PkhPaymentFailed'],
    PkhBenefitDisbursed: ['PkhPaymentReversed'],
    PkhSuspended: ['PkhReinstated', 'PkhTerminated'],
  },
};

/**
 * The PKH rules with corrections: a revoked entry is folded as if it had not happened. The
 * revocation carries the status the family is back to (`restored.pkhStatus`), so the outcome
 * stocks and the caseloads follow a revoked graduation or termination without reading the stream.
 */
export const pkhDecider = revocable(pkhRules, PKH_REVOCATION_RULES, (state) => ({ pkhStatus: state.status }));
