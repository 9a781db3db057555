import { describe, expect, it } from '@jest/globals';
import { deciderSpecification } from '#libs/platform/testing/decider-specification.js';
import { benefitIndexOn } from '#libs/reference-data/index.js';
import { ageOn, eligibleComponents, entitlementPerStage, type PkhMemberFacts } from './pkh-eligibility.js';
import { pkhDecider } from './pkh.decider.js';
import type { PkhEvent } from './pkh.events.js';
import {
  at,
  disburse,
  enrol,
  enrolled,
  family,
  h,
  household,
  index,
  person,
  verified,
  verify,
} from './pkh.decider.fixtures.js';

const spec = deciderSpecification(pkhDecider);

describe('PKH eligibility', () => {
  describe('of a family of six', () => {
    const six = [
      person('a', { pregnant: true }),
      person('b', { birthDate: '2023-01-01' }),
      person('c', { severeDisability: true }),
      person('d', { birthDate: '1950-01-01' }),
      person('e', { birthDate: '2012-01-01', schoolLevel: 'junior_high', severeDisability: true }),
      person('f', { birthDate: '2016-01-01', schoolLevel: 'primary' }),
    ];
    const components = eligibleComponents(six, '2026-01-15', index);

    it('counts each member once, for the best-paid component', () => {
      expect(components.map((c) => [c.nik, c.component])).toEqual([
        ['a', 'pregnant_or_postpartum'],
        ['b', 'early_childhood_0_6'],
        ['c', 'severe_disability'],
        ['d', 'elderly_70_plus'],
        ['e', 'severe_disability'],
        ['f', 'primary_school'],
      ]);
    });

    it('counts at most four persons', () => {
      expect(components.map((c) => [c.nik, c.counted])).toEqual([
        ['a', true],
        ['b', true],
        ['c', true],
        ['d', true],
        ['e', false],
        ['f', false],
      ]);
    });

    it('pays per stage the annual amounts of the counted persons, divided by the stages in a year', () => {
      expect(entitlementPerStage(components, index)).toBe((3_000_000 + 3_000_000 + 2_400_000 + 2_400_000) / 4);
    });
  });

  it('computes ages in whole years', () => {
    expect(ageOn('2019-03-02', '2026-03-01')).toBe(6);
    expect(ageOn('2019-03-01', '2026-03-01')).toBe(7);
  });

  it('picks the benefit index in force on a date, and none before the first one', () => {
    expect(benefitIndexOn('2026-01-01')?.version).toBe('pkh-2019');
    expect(benefitIndexOn('2018-12-31')).toBeUndefined();
  });
});

describe('PKH decider', () => {
  it('enrols with the components, the entitlement per stage and the index version', () => {
    expect(enrolled).toEqual({
      type: 'EnrolledInPkh',
      data: {
        householdId: h,
        enrolledOn: '2026-01-15',
        components: [
          { nik: '1', component: 'pregnant_or_postpartum', annualAmount: 3_000_000, counted: true },
          { nik: '4', component: 'early_childhood_0_6', annualAmount: 3_000_000, counted: true },
          { nik: '3', component: 'primary_school', annualAmount: 900_000, counted: true },
        ],
        entitlementPerStage: 1_725_000,
        benefitIndex: {
          version: 'pkh-2019',
          effectiveFrom: '2019-01-01',
          stagesPerYear: 4,
          maxCountedPersonsPerFamily: 4,
        },
      },
    });
  });

  describe('refuses to enrol', () => {
    it('a family that already takes part', () => {
      spec.given([enrolled]).when(enrol()).thenRefuses('PKH.ALREADY_ENROLLED');
    });
    it('a family assessed above the poverty line', () => {
      spec
        .given([])
        .when(enrol(household({ welfareStatus: 'above_poverty_line' })))
        .thenRefuses('PKH.HOUSEHOLD_ABOVE_POVERTY_LINE');
    });
    it('an unassessed family', () => {
      spec
        .given([])
        .when(enrol(household({ welfareStatus: 'unassessed' })))
        .thenRefuses('PKH.HOUSEHOLD_NOT_ASSESSED');
    });
    it('a family whose case is closed', () => {
      spec
        .given([])
        .when(enrol(household({ caseOpen: false })))
        .thenRefuses('PKH.CASE_CLOSED');
    });
    it('an unregistered household', () => {
      spec
        .given([])
        .when(enrol(household({ registered: false })))
        .thenRefuses('PKH.HOUSEHOLD_NOT_REGISTERED');
    });
    it('a family with no eligible component', () => {
      spec
        .given([])
        .when(enrol(household({ members: [person('2')] })))
        .thenRefuses('PKH.NO_ELIGIBLE_COMPONENT');
    });
    it('on a date no benefit index is in force', () => {
      const command = enrol();
      spec
        .given([])
        .when({ ...command, data: { ...command.data, index: null } })
        .thenRefuses('PKH.NO_BENEFIT_INDEX');
    });
  });

  describe('verifying compliance', () => {
    it('records the verification of a stage', () => {
      spec
        .given([enrolled])
        .when(verify('2026-1'))
        .then([verified('2026-1')]);
    });
    it('verifies a stage once', () => {
      spec
        .given([enrolled, verified('2026-1')])
        .when(verify('2026-1'))
        .thenRefuses('PKH.STAGE_ALREADY_VERIFIED');
    });
    it('asks a non-compliant stage to name the commitments missed', () => {
      spec
        .given([enrolled])
        .when({ ...verify('2026-1', false), data: { ...verify('2026-1', false).data, missed: [] } })
        .thenRefuses('PKH.NON_COMPLIANCE_NAMES_MISSED_COMMITMENTS');
    });
    it('knows only stages 1 to 4 of a year', () => {
      spec.given([enrolled]).when(verify('2026-5')).thenRefuses('PKH.UNKNOWN_STAGE');
    });
    it('needs a family that takes part', () => {
      spec.given([]).when(verify('2026-1')).thenRefuses('PKH.NOT_ACTIVE');
    });
  });

  describe('suspension', () => {
    it('does not follow a single non-compliant stage', () => {
      spec
        .given([enrolled])
        .when(verify('2026-1', false))
        .then([verified('2026-1', false)]);
    });
    it('does not count non-compliant stages that a compliant stage separates', () => {
      spec
        .given([enrolled, verified('2026-1', false), verified('2026-2')])
        .when(verify('2026-3', false))
        .then([verified('2026-3', false)]);
    });
    it('follows two non-compliant stages in a row', () => {
      spec
        .given([enrolled, verified('2026-1', false)])
        .when(verify('2026-2', false))
        .then([
          verified('2026-2', false),
          { type: 'PkhSuspended', data: { householdId: h, stage: '2026-2', consecutiveNonCompliantStages: 2 } },
        ]);
    });
  });

  const suspended: PkhEvent = {
    type: 'PkhSuspended',
    data: { householdId: h, stage: '2026-2', consecutiveNonCompliantStages: 2 },
  };

  describe('disbursing a stage', () => {
    it('pays a verified, compliant stage its entitlement', () => {
      spec
        .given([enrolled, verified('2026-1')])
        .when(disburse('2026-1'))
        .then([
          {
            type: 'PkhBenefitDisbursed',
            data: {
              householdId: h,
              stage: '2026-1',
              amount: 1_725_000,
              channel: 'bank_transfer',
              reference: 'KKS-1',
              disbursedOn: '2026-02-10',
            },
          },
        ]);
    });
    it('pays no stage that is not verified', () => {
      spec.given([enrolled]).when(disburse('2026-1')).thenRefuses('PKH.STAGE_NOT_VERIFIED');
    });
    it('pays no stage that was not compliant', () => {
      spec
        .given([enrolled, verified('2026-1', false)])
        .when(disburse('2026-1'))
        .thenRefuses('PKH.STAGE_NOT_COMPLIANT');
    });
    it('pays a stage once', () => {
      const paid = pkhDecider.decide(
        disburse('2026-1'),
        [enrolled, verified('2026-1')].reduce(pkhDecider.evolve, pkhDecider.initialState()),
      )[0]!;
      spec
        .given([enrolled, verified('2026-1'), paid])
        .when(disburse('2026-1'))
        .thenRefuses('PKH.STAGE_ALREADY_DISBURSED');
    });
    it('pays no more than the entitlement per stage', () => {
      spec
        .given([enrolled, verified('2026-1')])
        .when(disburse('2026-1', 1_725_001))
        .thenRefuses('PKH.AMOUNT_EXCEEDS_ENTITLEMENT', {
          entitlementPerStage: 1_725_000,
        });
    });
    it('pays nothing to a suspended family, even for a compliant stage', () => {
      spec
        .given([enrolled, verified('2026-1', false), verified('2026-2', false), suspended, verified('2026-3')])
        .when(disburse('2026-3'))
        .thenRefuses('PKH.PARTICIPATION_SUSPENDED');
    });
  });

  describe('reinstatement', () => {
    it('reinstates a suspended family, with a reason', () => {
      spec
        .given([enrolled, suspended])
        .when({ type: 'ReinstatePkh', data: { householdId: h, reason: 'Child back in school', at } })
        .then([{ type: 'PkhReinstated', data: { householdId: h, reason: 'Child back in school' } }]);
    });
    it('reinstates only a suspended family', () => {
      spec
        .given([enrolled])
        .when({ type: 'ReinstatePkh', data: { householdId: h, reason: 'x', at } })
        .thenRefuses('PKH.NOT_SUSPENDED');
    });
  });

  describe('termination', () => {
    const terminated: PkhEvent = { type: 'PkhTerminated', data: { householdId: h, reason: 'Fraud' } };

    it('is recorded with a reason', () => {
      spec
        .given([enrolled])
        .when({ type: 'TerminatePkh', data: { householdId: h, reason: 'Fraud', at } })
        .then([terminated]);
    });
    it('ends participation: nothing more happens', () => {
      spec.given([enrolled, terminated]).when(verify('2026-1')).thenRefuses('PKH.NOT_ACTIVE');
    });
  });

  describe('graduation', () => {
    const graduate = (kind: 'natural' | 'self_declared', members: PkhMemberFacts[]) =>
      ({
        type: 'GraduateFromPkh',
        data: { householdId: h, kind, reason: 'r', graduatedOn: '2026-12-01', members, index, at },
      }) as const;
    const grownUp = [person('2'), person('5', { birthDate: '1990-01-01' })];

    it('is not natural while eligible components remain', () => {
      spec.given([enrolled]).when(graduate('natural', family)).thenRefuses('PKH.ELIGIBLE_COMPONENTS_REMAIN');
    });
    it('is natural once no eligible component remains', () => {
      spec
        .given([enrolled])
        .when(graduate('natural', grownUp))
        .then([
          { type: 'PkhGraduated', data: { householdId: h, kind: 'natural', reason: 'r', graduatedOn: '2026-12-01' } },
        ]);
    });
    it("is the family's own choice at any time, eligible components or not", () => {
      spec
        .given([enrolled])
        .when(graduate('self_declared', family))
        .then([
          {
            type: 'PkhGraduated',
            data: { householdId: h, kind: 'self_declared', reason: 'r', graduatedOn: '2026-12-01' },
          },
        ]);
    });
    it('needs a family that takes part', () => {
      spec.given([]).when(graduate('self_declared', grownUp)).thenRefuses('PKH.NOT_ACTIVE');
    });
    it('is natural on a date no benefit index covers: no component can be counted then', () => {
      spec
        .given([enrolled])
        .when({
          type: 'GraduateFromPkh',
          data: {
            householdId: h,
            kind: 'natural',
            reason: 'r',
            graduatedOn: '2020-01-01',
            members: family,
            index: null,
            at,
          },
        })
        .then([
          { type: 'PkhGraduated', data: { householdId: h, kind: 'natural', reason: 'r', graduatedOn: '2020-01-01' } },
        ]);
    });
  });
});
