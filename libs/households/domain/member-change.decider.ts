import { conflict, notFound, ruleBroken, unreachable } from '#libs/platform/domain/index.js';
import type { HouseholdCommand } from './household.commands.js';
import type { HouseholdEvent, Member } from './household.events.js';
import { birthDateNotInFuture, mustHaveOneHead, pregnantOnlyIfFemale } from './household.rules.js';
import type { RegisteredHousehold } from './household.state.js';
import type { MemberChangeCommand } from './member-change.commands.js';
import { isPendingNik } from './member-change.events.js';

const MEMBER_CHANGE_COMMANDS = new Set<string>([
  'CorrectMemberDetails',
  'RecordPregnancy',
  'EndPregnancy',
  'IssueMemberNik',
  'ChangeSchoolLevel',
  'AssessDisability',
  'RecordDeath',
  'MoveMemberOut',
  'MoveMemberIn',
  'MoveHousehold',
] satisfies MemberChangeCommand['type'][]);

export const isMemberChangeCommand = (command: HouseholdCommand): command is MemberChangeCommand =>
  MEMBER_CHANGE_COMMANDS.has(command.type);

/** The rules of a household whose members change (ADR 0004, "Households that change"). */
export function decideMemberChange(command: MemberChangeCommand, household: RegisteredHousehold): HouseholdEvent[] {
  const { today } = command.data;
  switch (command.type) {
    case 'CorrectMemberDetails': {
      const { nik, name, birthDate, sex, reason } = command.data;
      const member = memberOf(household, nik);
      const changed = {
        name: name !== null && name !== member.name ? name : null,
        birthDate: birthDate !== null && birthDate !== member.birthDate ? birthDate : null,
        sex: sex !== null && sex !== member.sex ? sex : null,
      };
      if (changed.name === null && changed.birthDate === null && changed.sex === null)
        throw ruleBroken('HOUSEHOLD.NOTHING_TO_CORRECT', `The details given for ${nik} are those on record`, { nik });
      const corrected = {
        ...member,
        ...(changed.birthDate ? { birthDate: changed.birthDate } : {}),
        ...(changed.sex ? { sex: changed.sex } : {}),
      };
      birthDateNotInFuture(corrected, today);
      pregnantOnlyIfFemale(corrected);
      return [{ type: 'MemberDetailsCorrected', data: { nik, ...changed, reason } }];
    }
    case 'RecordPregnancy': {
      const { nik, reportedOn, expectedDeliveryOn } = command.data;
      const member = memberOf(household, nik);
      notInFuture('reportedOn', reportedOn, today);
      pregnantOnlyIfFemale({ ...member, pregnant: true });
      if (member.pregnant) throw ruleBroken('HOUSEHOLD.ALREADY_PREGNANT', `${nik} is recorded as pregnant`, { nik });
      if (expectedDeliveryOn !== null && expectedDeliveryOn < reportedOn)
        throw ruleBroken('HOUSEHOLD.DELIVERY_BEFORE_PREGNANCY', 'The expected delivery is after the pregnancy began', {
          field: 'expectedDeliveryOn',
        });
      return [{ type: 'PregnancyBegan', data: { nik, reportedOn, expectedDeliveryOn } }];
    }
    case 'EndPregnancy': {
      const { nik, endedOn, outcome, children } = command.data;
      const mother = memberOf(household, nik);
      notInFuture('endedOn', endedOn, today);
      if (!mother.pregnant) throw ruleBroken('HOUSEHOLD.NOT_PREGNANT', `${nik} is not recorded as pregnant`, { nik });
      if (outcome === 'birth' && children.length === 0)
        throw ruleBroken('HOUSEHOLD.BIRTH_NAMES_THE_CHILD', 'A birth registers the child (name, sex, NIK or pending)');
      if (outcome === 'loss' && children.length > 0)
        throw ruleBroken('HOUSEHOLD.LOSS_HAS_NO_CHILD', 'A pregnancy ended without a birth registers no child');
      const born: Member[] = children.map((c) => ({
        nik: c.nik,
        name: c.name,
        birthDate: endedOn,
        sex: c.sex,
        relationship: mother.relationship === 'head' || mother.relationship === 'spouse' ? 'child' : 'grandchild',
        pregnant: false,
        severeDisability: false,
        schoolLevel: 'none',
      }));
      born.forEach((child, i) => mustBeNew(household, child.nik, born.slice(0, i)));
      return [
        { type: 'PregnancyEnded', data: { nik, endedOn, outcome } },
        ...born.map((child): HouseholdEvent => ({
          type: 'ChildBorn',
          data: { motherNik: nik, child, nikPending: isPendingNik(child.nik) },
        })),
      ];
    }
    case 'IssueMemberNik': {
      const { pendingNik, nik } = command.data;
      memberOf(household, pendingNik);
      if (!isPendingNik(pendingNik))
        throw ruleBroken('HOUSEHOLD.MEMBER_NIK_NOT_PENDING', `${pendingNik} already has its NIK`, { nik: pendingNik });
      mustBeNew(household, nik);
      return [{ type: 'MemberNikIssued', data: { pendingNik, nik } }];
    }
    case 'ChangeSchoolLevel': {
      const { nik, schoolLevel, changedOn } = command.data;
      const member = memberOf(household, nik);
      notInFuture('changedOn', changedOn, today);
      if (member.schoolLevel === schoolLevel)
        throw ruleBroken('HOUSEHOLD.SCHOOL_LEVEL_UNCHANGED', `${nik} is already at ${schoolLevel}`, { nik });
      return [
        {
          type: 'SchoolLevelChanged',
          data: { nik, schoolLevel, previousSchoolLevel: member.schoolLevel, changedOn },
        },
      ];
    }
    case 'AssessDisability': {
      const { nik, severeDisability, assessedOn, assessedBy } = command.data;
      memberOf(household, nik);
      notInFuture('assessedOn', assessedOn, today);
      // An assessment is a fact even when it confirms the record: it is kept, never refused as "unchanged".
      return [{ type: 'DisabilityAssessed', data: { nik, severeDisability, assessedOn, assessedBy } }];
    }
    case 'RecordDeath': {
      const { nik, diedOn, source, reference, newHeadNik } = command.data;
      notInFuture('diedOn', diedOn, today);
      mayLeave(household, nik, newHeadNik);
      return [
        { type: 'MemberDied', data: { nik, diedOn, source, reference, newHeadNik, ...newHead(household, newHeadNik) } },
      ];
    }
    case 'MoveMemberOut': {
      const { nik, movedOn, destination, newHeadNik } = command.data;
      notInFuture('movedOn', movedOn, today);
      mayLeave(household, nik, newHeadNik);
      return [
        { type: 'MemberMovedOut', data: { nik, movedOn, destination, newHeadNik, ...newHead(household, newHeadNik) } },
      ];
    }
    case 'MoveMemberIn': {
      const { member, movedOn, origin } = command.data;
      notInFuture('movedOn', movedOn, today);
      mustBeNew(household, member.nik);
      mustHaveOneHead([...household.members, member]);
      birthDateNotInFuture(member, today);
      pregnantOnlyIfFemale(member);
      return [{ type: 'MemberMovedIn', data: { member, movedOn, origin } }];
    }
    case 'MoveHousehold': {
      const { address, movedOn } = command.data;
      notInFuture('movedOn', movedOn, today);
      const before = household.address;
      const same = (['kecamatan', 'kelurahan', 'street', 'rt', 'rw'] as const).every((k) => before[k] === address[k]);
      if (same) throw ruleBroken('HOUSEHOLD.ADDRESS_UNCHANGED', 'The household already lives at this address');
      return [{ type: 'HouseholdMoved', data: { address, previousAddress: before, movedOn } }];
    }
    default:
      return unreachable(command);
  }
}

function memberOf(household: RegisteredHousehold, nik: string): Member {
  const member = household.members.find((m) => m.nik === nik);
  if (!member) throw notFound('HOUSEHOLD.MEMBER_NOT_FOUND', `NIK ${nik} is not a member of this household`);
  return member;
}

function mustBeNew(household: RegisteredHousehold, nik: string, alsoArriving: Member[] = []): void {
  if ([...household.members, ...alsoArriving].some((m) => m.nik === nik))
    throw conflict('HOUSEHOLD.MEMBER_ALREADY_IN_HOUSEHOLD', `NIK ${nik} is already a member of this household`, {
      householdId: household.householdId,
    });
}

function notInFuture(field: string, date: string, today: string): void {
  if (date > today) throw ruleBroken('HOUSEHOLD.DATE_NOT_IN_FUTURE', `${field} cannot be after today`, { field, date });
}

/**
 * A member may die or move out unless they are the last one; when they head the family, another
 * member who stays is named to head it (the rule a removal has, made possible without a new KK first).
 */
/** The new head's name, carried with a departure that names one, for the read models that keep no members. */
function newHead(household: RegisteredHousehold, newHeadNik: string | null): { newHeadName?: string } {
  const head = newHeadNik === null ? undefined : household.members.find((m) => m.nik === newHeadNik);
  return head ? { newHeadName: head.name } : {};
}

function mayLeave(household: RegisteredHousehold, nik: string, newHeadNik: string | null): void {
  const member = memberOf(household, nik);
  if (household.members.length === 1)
    throw ruleBroken('HOUSEHOLD.LAST_MEMBER_CANNOT_BE_REMOVED', 'A household keeps at least one member');
  if (member.relationship !== 'head') {
    if (newHeadNik !== null)
      throw ruleBroken('HOUSEHOLD.NEW_HEAD_ONLY_WHEN_HEAD_LEAVES', 'A new head is named only when the head leaves', {
        field: 'newHeadNik',
      });
    return;
  }
  if (newHeadNik === null)
    throw ruleBroken('HOUSEHOLD.NEW_HEAD_REQUIRED', 'The head is leaving: name the member who heads the family now', {
      field: 'newHeadNik',
    });
  if (newHeadNik === nik || !household.members.some((m) => m.nik === newHeadNik))
    throw ruleBroken('HOUSEHOLD.NEW_HEAD_NOT_A_MEMBER', `${newHeadNik} is not a member who stays`, {
      field: 'newHeadNik',
    });
}
