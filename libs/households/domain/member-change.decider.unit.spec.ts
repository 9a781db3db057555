import { describe, expect, it } from '@jest/globals';
import { fold } from '#libs/platform/domain/index.js';
import { deciderSpecification } from '#libs/platform/testing/decider-specification.js';
import { householdDecider } from './household.decider.js';
import type { HouseholdEvent, Member } from './household.events.js';

const at = '2026-06-01T08:00:00.000Z';
// The office's day of `at` (08:00 UTC is 15:00 in Jakarta, the same day).
const today = at.slice(0, 10);
const member = (nik: string, relationship: Member['relationship'], extra: Partial<Member> = {}): Member => ({
  nik,
  name: `Warga ${nik.slice(-4)}`,
  birthDate: '1990-04-12',
  sex: 'female',
  relationship,
  pregnant: false,
  severeDisability: false,
  schoolLevel: 'none',
  ...extra,
});
const head = member('3275010101900001', 'head', { sex: 'male' });
const mother = member('3275010101900002', 'spouse');
const child = member('3275010101150003', 'child', { birthDate: '2019-01-01', schoolLevel: 'primary' });
const address = { kecamatan: 'Bekasi Utara', kelurahan: 'Harapan Jaya' };
const registered: HouseholdEvent = {
  type: 'HouseholdRegistered',
  data: { householdId: 'h1', kk: '3275010101010001', address, members: [head, mother, child] },
};
const pregnant: HouseholdEvent = {
  type: 'PregnancyBegan',
  data: { nik: mother.nik, reportedOn: '2026-01-10', expectedDeliveryOn: '2026-08-01' },
};
const pendingNik = 'pending-0b5e1c1e-0000-4000-8000-000000000001';

const spec = deciderSpecification(householdDecider);
const membersAfter = (events: HouseholdEvent[]) => {
  const state = fold(householdDecider, events);
  return state.status === 'registered' ? state.members : [];
};

describe('household decider: members that change', () => {
  describe('CorrectMemberDetails', () => {
    it('records only the details that differ, with the reason', () =>
      spec
        .given([registered])
        .when({
          type: 'CorrectMemberDetails',
          data: {
            nik: child.nik,
            name: 'Putri Aminah',
            birthDate: child.birthDate,
            sex: null,
            reason: 'KK spelling',
            at,
            today,
          },
        })
        .then([
          {
            type: 'MemberDetailsCorrected',
            data: { nik: child.nik, name: 'Putri Aminah', birthDate: null, sex: null, reason: 'KK spelling' },
          },
        ]));

    it('refuses a correction that changes nothing, a future birth date and an unknown member', () => {
      const correct = (data: Partial<{ nik: string; name: string | null; birthDate: string | null }>) =>
        spec.given([registered]).when({
          type: 'CorrectMemberDetails',
          data: { nik: child.nik, name: null, birthDate: null, sex: null, reason: 'r', at, today, ...data },
        });
      correct({ name: child.name }).thenRefuses('HOUSEHOLD.NOTHING_TO_CORRECT', { nik: child.nik });
      correct({ birthDate: '2026-06-02' }).thenRefuses('HOUSEHOLD.BIRTH_DATE_NOT_IN_FUTURE');
      correct({ nik: '3275010101909999', name: 'X' }).thenRefuses('HOUSEHOLD.MEMBER_NOT_FOUND');
    });

    it('refuses a man recorded as pregnant by a correction of sex', () =>
      spec
        .given([registered, pregnant])
        .when({
          type: 'CorrectMemberDetails',
          data: { nik: mother.nik, name: null, birthDate: null, sex: 'male', reason: 'r', at, today },
        })
        .thenRefuses('HOUSEHOLD.PREGNANCY_NEEDS_A_WOMAN'));
  });

  describe('pregnancy and birth', () => {
    it('records a pregnancy once, for a woman', () => {
      spec
        .given([registered])
        .when({
          type: 'RecordPregnancy',
          data: { nik: mother.nik, reportedOn: '2026-01-10', expectedDeliveryOn: '2026-08-01', at, today },
        })
        .then([pregnant]);
      spec
        .given([registered, pregnant])
        .when({
          type: 'RecordPregnancy',
          data: { nik: mother.nik, reportedOn: '2026-02-10', expectedDeliveryOn: null, at, today },
        })
        .thenRefuses('HOUSEHOLD.ALREADY_PREGNANT');
      spec
        .given([registered])
        .when({
          type: 'RecordPregnancy',
          data: { nik: head.nik, reportedOn: '2026-02-10', expectedDeliveryOn: null, at, today },
        })
        .thenRefuses('HOUSEHOLD.PREGNANCY_NEEDS_A_WOMAN');
      spec
        .given([registered])
        .when({
          type: 'RecordPregnancy',
          data: { nik: mother.nik, reportedOn: '2026-06-02', expectedDeliveryOn: null, at, today },
        })
        .thenRefuses('HOUSEHOLD.DATE_NOT_IN_FUTURE', { field: 'reportedOn' });
    });

    it('a birth ends the pregnancy and registers the child, its NIK pending', () => {
      const baby = { nik: pendingNik, name: 'Bayi Aminah', sex: 'female' as const };
      const events: HouseholdEvent[] = [
        { type: 'PregnancyEnded', data: { nik: mother.nik, endedOn: '2026-05-20', outcome: 'birth' } },
        {
          type: 'ChildBorn',
          data: {
            motherNik: mother.nik,
            child: { ...member(pendingNik, 'child'), name: 'Bayi Aminah', birthDate: '2026-05-20' },
            nikPending: true,
          },
        },
      ];
      spec
        .given([registered, pregnant])
        .when({
          type: 'EndPregnancy',
          data: { nik: mother.nik, endedOn: '2026-05-20', outcome: 'birth', children: [baby], at, today },
        })
        .then(events);
      const after = membersAfter([registered, pregnant, ...events]);
      expect(after.find((m) => m.nik === mother.nik)?.pregnant).toBe(false);
      expect(after.map((m) => m.nik)).toContain(pendingNik);
    });

    it('refuses a birth without a child, a loss with one, and the end of no pregnancy', () => {
      const end = (outcome: 'birth' | 'loss', children: { nik: string; name: string; sex: 'male' }[]) =>
        spec.given([registered, pregnant]).when({
          type: 'EndPregnancy',
          data: { nik: mother.nik, endedOn: '2026-05-20', outcome, children, at, today },
        });
      end('birth', []).thenRefuses('HOUSEHOLD.BIRTH_NAMES_THE_CHILD');
      end('loss', [{ nik: pendingNik, name: 'B', sex: 'male' }]).thenRefuses('HOUSEHOLD.LOSS_HAS_NO_CHILD');
      end('birth', [{ nik: child.nik, name: 'B', sex: 'male' }]).thenRefuses('HOUSEHOLD.MEMBER_ALREADY_IN_HOUSEHOLD');
      spec
        .given([registered])
        .when({
          type: 'EndPregnancy',
          data: { nik: mother.nik, endedOn: '2026-05-20', outcome: 'loss', children: [], at, today },
        })
        .thenRefuses('HOUSEHOLD.NOT_PREGNANT');
    });

    it('gives a pending child its NIK once', () => {
      const born: HouseholdEvent = {
        type: 'ChildBorn',
        data: {
          motherNik: mother.nik,
          child: member(pendingNik, 'child', { birthDate: '2026-05-20' }),
          nikPending: true,
        },
      };
      spec
        .given([registered, born])
        .when({ type: 'IssueMemberNik', data: { pendingNik, nik: '3275016005260004', at, today } })
        .then([{ type: 'MemberNikIssued', data: { pendingNik, nik: '3275016005260004' } }]);
      spec
        .given([registered])
        .when({ type: 'IssueMemberNik', data: { pendingNik: child.nik, nik: '3275016005260004', at, today } })
        .thenRefuses('HOUSEHOLD.MEMBER_NIK_NOT_PENDING');
      spec
        .given([registered, born])
        .when({ type: 'IssueMemberNik', data: { pendingNik, nik: head.nik, at, today } })
        .thenRefuses('HOUSEHOLD.MEMBER_ALREADY_IN_HOUSEHOLD');
    });
  });

  it('changes a school level with the one before, and refuses the same level', () => {
    spec
      .given([registered])
      .when({
        type: 'ChangeSchoolLevel',
        data: { nik: child.nik, schoolLevel: 'junior_high', changedOn: '2026-05-15', at, today },
      })
      .then([
        {
          type: 'SchoolLevelChanged',
          data: { nik: child.nik, schoolLevel: 'junior_high', previousSchoolLevel: 'primary', changedOn: '2026-05-15' },
        },
      ]);
    spec
      .given([registered])
      .when({
        type: 'ChangeSchoolLevel',
        data: { nik: child.nik, schoolLevel: 'primary', changedOn: '2026-05-15', at, today },
      })
      .thenRefuses('HOUSEHOLD.SCHOOL_LEVEL_UNCHANGED');
  });

  it('records a disability assessment even when it confirms the record', () =>
    spec
      .given([registered])
      .when({
        type: 'AssessDisability',
        data: { nik: head.nik, severeDisability: false, assessedOn: '2026-05-01', assessedBy: 'puskesmas', at, today },
      })
      .then([
        {
          type: 'DisabilityAssessed',
          data: { nik: head.nik, severeDisability: false, assessedOn: '2026-05-01', assessedBy: 'puskesmas' },
        },
      ]));

  describe('death and moves', () => {
    it('a death keeps the member among the former members, with its source', () => {
      const died: HouseholdEvent = {
        type: 'MemberDied',
        data: { nik: child.nik, diedOn: '2026-05-01', source: 'dukcapil', reference: 'AKTA-1', newHeadNik: null },
      };
      spec
        .given([registered])
        .when({
          type: 'RecordDeath',
          data: {
            nik: child.nik,
            diedOn: '2026-05-01',
            source: 'dukcapil',
            reference: 'AKTA-1',
            newHeadNik: null,
            at,
            today,
          },
        })
        .then([died]);
      const state = fold(householdDecider, [registered, died]);
      expect(state.status === 'registered' && state.formerMembers.map((m) => [m.nik, m.removedFor])).toEqual([
        [child.nik, 'died'],
      ]);
    });

    it('the head leaves only with a new head named among those who stay', () => {
      const death = (newHeadNik: string | null, nik = head.nik) =>
        spec.given([registered]).when({
          type: 'RecordDeath',
          data: { nik, diedOn: '2026-05-01', source: 'family', reference: null, newHeadNik, at, today },
        });
      death(null).thenRefuses('HOUSEHOLD.NEW_HEAD_REQUIRED', { field: 'newHeadNik' });
      death(head.nik).thenRefuses('HOUSEHOLD.NEW_HEAD_NOT_A_MEMBER');
      death(mother.nik, child.nik).thenRefuses('HOUSEHOLD.NEW_HEAD_ONLY_WHEN_HEAD_LEAVES');
      const out: HouseholdEvent = {
        type: 'MemberMovedOut',
        data: {
          nik: head.nik,
          movedOn: '2026-05-01',
          destination: 'Bogor',
          newHeadNik: mother.nik,
          newHeadName: mother.name,
        },
      };
      spec
        .given([registered])
        .when({
          type: 'MoveMemberOut',
          data: { nik: head.nik, movedOn: '2026-05-01', destination: 'Bogor', newHeadNik: mother.nik, at, today },
        })
        .then([out]);
      expect(membersAfter([registered, out]).find((m) => m.nik === mother.nik)?.relationship).toBe('head');
    });

    it('a member moves in, never as a second head', () => {
      const grandma = member('3275010101500005', 'parent', { birthDate: '1950-01-01' });
      spec
        .given([registered])
        .when({ type: 'MoveMemberIn', data: { member: grandma, movedOn: '2026-05-01', origin: null, at, today } })
        .then([{ type: 'MemberMovedIn', data: { member: grandma, movedOn: '2026-05-01', origin: null } }]);
      spec
        .given([registered])
        .when({
          type: 'MoveMemberIn',
          data: { member: { ...grandma, relationship: 'head' }, movedOn: '2026-05-01', origin: null, at, today },
        })
        .thenRefuses('HOUSEHOLD.MUST_HAVE_ONE_HEAD');
    });

    it('the household moves within the city; the same address is refused', () => {
      const to = { kecamatan: 'Bekasi Timur', kelurahan: 'Aren Jaya' };
      spec
        .given([registered])
        .when({ type: 'MoveHousehold', data: { address: to, movedOn: '2026-05-01', at, today } })
        .then([{ type: 'HouseholdMoved', data: { address: to, previousAddress: address, movedOn: '2026-05-01' } }]);
      spec
        .given([registered])
        .when({ type: 'MoveHousehold', data: { address, movedOn: '2026-05-01', at, today } })
        .thenRefuses('HOUSEHOLD.ADDRESS_UNCHANGED');
    });
  });
});
