import { PKH_BENEFIT_INDEXES } from '#libs/reference-data/index.js';
import type { PkhMemberFacts } from './pkh-eligibility.js';
import type { HouseholdFacts } from './pkh.commands.js';
import { pkhDecider } from './pkh.decider.js';
import type { PkhEvent } from './pkh.events.js';

/** A family of four enrolled in PKH, and the commands and events the PKH decider's specs share. */
export const index = PKH_BENEFIT_INDEXES[0]!;
export const at = '2026-03-01T08:00:00.000Z';
export const h = 'h1';
export const person = (nik: string, extra: Partial<PkhMemberFacts> = {}): PkhMemberFacts => ({
  nik,
  birthDate: '1985-01-01',
  pregnant: false,
  severeDisability: false,
  schoolLevel: 'none',
  ...extra,
});
export const family: PkhMemberFacts[] = [
  person('1', { pregnant: true }),
  person('2'),
  person('3', { birthDate: '2015-05-05', schoolLevel: 'primary' }),
  person('4', { birthDate: '2022-02-02' }),
];
export const household = (extra: Partial<HouseholdFacts> = {}): HouseholdFacts => ({
  registered: true,
  caseOpen: true,
  welfareStatus: 'below_poverty_line',
  members: family,
  ...extra,
});
export const enrol = (facts = household()) =>
  ({ type: 'EnrolInPkh', data: { householdId: h, enrolledOn: '2026-01-15', household: facts, index, at } }) as const;
export const enrolled = pkhDecider.decide(enrol(), pkhDecider.initialState())[0]!;
export const verified = (stage: string, compliant = true): PkhEvent => ({
  type: 'PkhComplianceVerified',
  data: {
    householdId: h,
    stage,
    compliant,
    missed: compliant ? [] : [{ nik: '3', commitment: 'school_attendance', detail: null }],
    verifiedOn: '2026-02-01',
  },
});
export const verify = (stage: string, compliant = true) =>
  ({
    type: 'VerifyPkhCompliance',
    data: { ...(verified(stage, compliant) as Extract<PkhEvent, { type: 'PkhComplianceVerified' }>).data, at },
  }) as const;
export const disburse = (stage: string, amount = 1_725_000) =>
  ({
    type: 'DisbursePkhBenefit',
    data: {
      householdId: h,
      stage,
      amount,
      channel: 'bank_transfer',
      reference: 'KKS-1',
      disbursedOn: '2026-02-10',
      at,
    },
  }) as const;
