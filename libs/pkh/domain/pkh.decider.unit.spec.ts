import { describe, expect, it } from '@jest/globals';
import { fold as foldWith } from '#libs/platform/domain/index.js';
import { deciderSpecification } from '#libs/platform/testing/decider-specification.js';
import { PKH_BENEFIT_INDEXES, benefitIndexOn } from '#libs/reference-data/index.js';
import { ageOn, eligibleComponents, entitlementPerStage, type PkhMemberFacts } from './pkh-eligibility.js';
import type { HouseholdFacts } from './pkh.commands.js';
import { pkhDecider } from './pkh.decider.js';
import type { PkhEvent } from './pkh.events.js';

const index = PKH_BENEFIT_INDEXES[0]!;
const at = '2026-03-01T08:00:00.000Z';
const h = 'h1';
const person = (nik: string, extra: Partial<PkhMemberFacts> = {}): PkhMemberFacts => ({
  nik,
  birthDate: '1985-01-01',
  pregnant: false,
  severeDisability: false,
  schoolLevel: 'none',
  ...extra,
});
const family: PkhMemberFacts[] = [
  person('1', { pregnant: true }),
  person('2'),
  person('3', { birthDate: '2015-05-05', schoolLevel: 'primary' }),
  person('4', { birthDate: '2022-02-02' }),
];
const household = (extra: Partial<HouseholdFacts> = {}): HouseholdFacts => ({
  registered: true,
  caseOpen: true,
  welfareStatus: 'below_poverty_line',
  members: family,
  ...extra,
});
const enrol = (facts = household()) =>
  ({ type: 'EnrolInPkh', data: { householdId: h, enrolledOn: '2026-01-15', household: facts, index, at } }) as const;
const enrolled = pkhDecider.decide(enrol(), pkhDecider.initialState())[0]!;
const verified = (stage: string, compliant = true): PkhEvent => ({
  type: 'PkhComplianceVerified',
  data: {
    householdId: h,
    stage,
    compliant,
    missed: compliant ? [] : [{ nik: '3', commitment: 'school_attendance', detail: null }],
    verifiedOn: '2026-02-01',
  },
});
const verify = (stage: string, compliant = true) =>
  ({
    type: 'VerifyPkhCompliance',
    data: { ...(verified(stage, compliant) as Extract<PkhEvent, { type: 'PkhComplianceVerified' }>).data, at },
  }) as const;
const disburse = (stage: string, amount = 1_725_000) =>
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

describe('PKH payments confirmed, failed and recalled through a batch (ADR 0013)', () => {
  const failure = (reference: string) =>
    ({
      type: 'RecordPkhPaymentFailure',
      data: {
        householdId: h,
        stage: '2026-1',
        amount: 1_725_000,
        outcome: 'returned',
        reasonCode: 'CARD_NOT_COLLECTED',
        reference,
        failedOn: '2026-03-12',
        at,
      },
    }) as const;
  const failed = (reference: string): PkhEvent => {
    const { at: _at, ...data } = failure(reference).data;
    return { type: 'PkhPaymentFailed', data };
  };
  const reverse = (reference: string) =>
    ({
      type: 'ReversePkhPayment',
      data: { householdId: h, stage: '2026-1', amount: 0, reference, reversedOn: '2026-03-20', at },
    }) as const;
  const disbursed = pkhDecider.decide(disburse('2026-1'), foldWith(pkhDecider, [enrolled, verified('2026-1')]))[0]!;

  it('records a failed or returned payment once per reference, shown apart from disbursements', () => {
    spec
      .given([enrolled, verified('2026-1')])
      .when(failure('R-1'))
      .then([failed('R-1')]);
    spec
      .given([enrolled, verified('2026-1'), failed('R-1')])
      .when(failure('R-1'))
      .then([]);
  });

  it('makes a failed stage payable again', () => {
    spec
      .given([enrolled, verified('2026-1'), failed('R-1')])
      .when(disburse('2026-1'))
      .then([disbursed]);
  });

  it('reverses the disbursement under its reference, with its amount, and the stage is due again', () => {
    const reversed: PkhEvent = {
      type: 'PkhPaymentReversed',
      data: { householdId: h, stage: '2026-1', amount: 1_725_000, reference: 'KKS-1', reversedOn: '2026-03-20' },
    };
    spec
      .given([enrolled, verified('2026-1'), disbursed])
      .when(reverse('KKS-1'))
      .then([reversed]);
    spec
      .given([enrolled, verified('2026-1'), disbursed, reversed])
      .when(reverse('KKS-1'))
      .then([]);
    spec
      .given([enrolled, verified('2026-1'), disbursed])
      .when(reverse('OTHER'))
      .then([]);
    spec
      .given([enrolled, verified('2026-1'), disbursed, reversed])
      .when(disburse('2026-1'))
      .then([disbursed]);
  });

  describe('a payment the channel confirmed', () => {
    const confirm = (reference = 'KKS-1') =>
      ({ type: 'RecordPkhPaymentConfirmed', data: { ...disburse('2026-1').data, reference } }) as const;
    const { at: _at, ...confirmed } = confirm().data;
    const paid: PkhEvent = { type: 'PkhBenefitDisbursed', data: confirmed };

    it('is recorded, once per reference', () => {
      spec
        .given([enrolled, verified('2026-1')])
        .when(confirm())
        .then([paid]);
      spec
        .given([enrolled, verified('2026-1'), paid])
        .when(confirm())
        .then([]);
    });
    it('never pays a stage a second time under another reference', () => {
      spec
        .given([enrolled, verified('2026-1'), paid])
        .when(confirm('KKS-2'))
        .thenRefuses('PKH.STAGE_ALREADY_DISBURSED');
    });
    it('is recorded for a family suspended since its batch was declared, and the stage is marked for review', () => {
      const suspendedSince: PkhEvent = {
        type: 'PkhSuspended',
        data: { householdId: h, stage: '2026-3', consecutiveNonCompliantStages: 2 },
      };
      const given = [
        enrolled,
        verified('2026-1'),
        verified('2026-2', false),
        verified('2026-3', false),
        suspendedSince,
      ];
      spec.given(given).when(confirm()).then([paid]);
      const after = foldWith(pkhDecider, [...given, paid]);
      expect(after.stages['2026-1']).toMatchObject({ disbursed: 1_725_000, paidWhile: 'suspended' });
      expect(after.status).toBe('suspended');
    });
    it('is recorded for a family terminated since, marked for review; an active family is not marked', () => {
      const terminated: PkhEvent = { type: 'PkhTerminated', data: { householdId: h, reason: 'moved away' } };
      expect(foldWith(pkhDecider, [enrolled, verified('2026-1'), terminated, paid]).stages['2026-1']?.paidWhile).toBe(
        'terminated',
      );
      expect(foldWith(pkhDecider, [enrolled, verified('2026-1'), paid]).stages['2026-1']?.paidWhile).toBeUndefined();
    });
  });

  describe("the family's KKS account", () => {
    const record = (account: string, bank: 'BRI' | 'BNI' = 'BRI') =>
      ({ type: 'RecordKksAccount', data: { householdId: h, bank, account, recordedOn: '2026-02-01', at } }) as const;
    const recorded = (account: string, bank: 'BRI' | 'BNI' = 'BRI'): PkhEvent => ({
      type: 'PkhKksAccountRecorded',
      data: { householdId: h, bank, account, recordedOn: '2026-02-01' },
    });
    it('is recorded, and replaced by a new one; the same again is nothing new', () => {
      spec
        .given([enrolled])
        .when(record('6013010000000001'))
        .then([recorded('6013010000000001')]);
      spec
        .given([enrolled, recorded('6013010000000001')])
        .when(record('6013010000000001'))
        .then([]);
      spec
        .given([enrolled, recorded('6013010000000001')])
        .when(record('6013010000000001', 'BNI'))
        .then([recorded('6013010000000001', 'BNI')]);
      expect(
        foldWith(pkhDecider, [enrolled, recorded('6013010000000001'), recorded('6013010000000002')]).kksAccount,
      ).toEqual({ bank: 'BRI', account: '6013010000000002', recordedOn: '2026-02-01' });
    });
    it('is for a family that takes part', () => {
      spec.given([]).when(record('6013010000000001')).thenRefuses('PKH.NOT_ACTIVE');
    });
  });
});
