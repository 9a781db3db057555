import { describe, expect, it } from '@jest/globals';
import { fold } from '#libs/platform/domain/index.js';
import { deciderSpecification } from '#libs/platform/testing/decider-specification.js';
import { PKH_BENEFIT_INDEXES } from '#libs/reference-data/index.js';
import { eligibleComponents, entitlementPerStage, stageStartsOn, type PkhMemberFacts } from './pkh-eligibility.js';
import type { PkhCommand } from './pkh.commands.js';
import { pkhDecider } from './pkh.decider.js';
import type { PkhEvent } from './pkh.events.js';

const index = PKH_BENEFIT_INDEXES[0]!;
const at = '2026-07-10T08:00:00.000Z';
const h = 'h1';
const person = (nik: string, extra: Partial<PkhMemberFacts> = {}): PkhMemberFacts => ({
  nik,
  birthDate: '1990-01-01',
  pregnant: false,
  severeDisability: false,
  schoolLevel: 'none',
  ...extra,
});
const mother = person('1', { pregnant: true });
const pupil = person('2', { birthDate: '2014-05-05', schoolLevel: 'primary' });
const atEnrolment = [mother, pupil];
const enrolled = pkhDecider.decide(
  {
    type: 'EnrolInPkh',
    data: {
      householdId: h,
      enrolledOn: '2026-01-15',
      household: { registered: true, caseOpen: true, welfareStatus: 'below_poverty_line', members: atEnrolment },
      index,
      at,
    },
  },
  pkhDecider.initialState(),
)[0]!;
const verify = (stage: string, members: PkhMemberFacts[] | null): PkhCommand => ({
  type: 'VerifyPkhCompliance',
  data: {
    householdId: h,
    stage,
    compliant: true,
    missed: [],
    verifiedOn: '2026-07-10',
    ...(members ? { reassessment: { on: stageStartsOn(stage), members, index } } : {}),
    at,
  },
});
const verifiedEvent = (stage: string): PkhEvent => ({
  type: 'PkhComplianceVerified',
  data: { householdId: h, stage, compliant: true, missed: [], verifiedOn: '2026-07-10' },
});

const spec = deciderSpecification(pkhDecider);

describe('PKH: components re-evaluated from the members as of each stage', () => {
  it('takes a stage on its first day', () => {
    expect(['2026-1', '2026-2', '2026-3', '2026-4'].map(stageStartsOn)).toEqual([
      '2026-01-01',
      '2026-04-01',
      '2026-07-01',
      '2026-10-01',
    ]);
  });

  it('records nothing more when the members give the same components', () =>
    spec
      .given([enrolled])
      .when(verify('2026-3', atEnrolment))
      .then([verifiedEvent('2026-3')]));

  it('records the new components, entitlement and index with the stage, before its verification', () => {
    // Born in May, the pregnancy over, the pupil in junior high: stage 2026-3 (from 1 July).
    const baby = person('3', { birthDate: '2026-05-20' });
    const members = [person('1'), { ...pupil, schoolLevel: 'junior_high' as const }, baby];
    const components = eligibleComponents(members, '2026-07-01', index);
    const events = pkhDecider.decide(verify('2026-3', members), fold(pkhDecider, [enrolled]));
    expect(events).toEqual([
      {
        type: 'PkhEntitlementReassessed',
        data: {
          householdId: h,
          stage: '2026-3',
          membersOn: '2026-07-01',
          components,
          entitlementPerStage: entitlementPerStage(components, index),
          previousEntitlementPerStage: (enrolled as Extract<PkhEvent, { type: 'EnrolledInPkh' }>).data
            .entitlementPerStage,
          benefitIndex: {
            version: index.version,
            effectiveFrom: index.effectiveFrom,
            stagesPerYear: 4,
            maxCountedPersonsPerFamily: 4,
          },
        },
      },
      verifiedEvent('2026-3'),
    ]);
    expect(components.map((c) => c.component).sort()).toEqual(['early_childhood_0_6', 'junior_high_school']);
    const state = fold(pkhDecider, [enrolled, ...events]);
    expect(state.entitlementPerStage).toBe((3_000_000 + 1_500_000) / 4);
  });

  it('a family with no component left gets an entitlement of nothing, and is not graduated by it', () => {
    const events = pkhDecider.decide(verify('2026-3', [person('1')]), fold(pkhDecider, [enrolled]));
    expect(events[0]).toMatchObject({
      type: 'PkhEntitlementReassessed',
      data: { components: [], entitlementPerStage: 0 },
    });
    expect(fold(pkhDecider, [enrolled, ...events]).status).toBe('active');
  });

  it('keeps the components when no members are given (a caller that does not re-evaluate)', () =>
    spec
      .given([enrolled])
      .when(verify('2026-3', null))
      .then([verifiedEvent('2026-3')]));
});
