import { ruleBroken } from '#libs/platform/domain/index.js';
import type { DtksRanking, Member } from './household.events.js';

/** The rules on members that registration, additions and member changes share. */
export function mustHaveOneHead(members: Member[]): void {
  const heads = members.filter((m) => m.relationship === 'head').length;
  if (heads !== 1) {
    throw ruleBroken('HOUSEHOLD.MUST_HAVE_ONE_HEAD', `A household has exactly one head; this one would have ${heads}`);
  }
}

export function birthDateNotInFuture(member: Member, today: string): void {
  if (member.birthDate > today) {
    throw ruleBroken('HOUSEHOLD.BIRTH_DATE_NOT_IN_FUTURE', `Member ${member.nik} has a birth date in the future`, {
      nik: member.nik,
    });
  }
}

/** Pregnancy is recorded for women only: PKH pays a pregnancy component for it. */
export function pregnantOnlyIfFemale(member: Member): void {
  if (member.pregnant && member.sex !== 'female') {
    throw ruleBroken(
      'HOUSEHOLD.PREGNANCY_NEEDS_A_WOMAN',
      `Member ${member.nik} is recorded as pregnant but not as female`,
      { nik: member.nik },
    );
  }
}

/**
 * A DTKS ranking as registered (ADR 0015): a decile is a whole number from 1 to 10 (the route's
 * DTO and the import check it first; the decider keeps the event sound whatever calls it), and an
 * extract cannot have been taken after the registration.
 */
export function dtksRankingAsOf(dtks: DtksRanking, today: string): void {
  if (!Number.isInteger(dtks.welfareDecile) || dtks.welfareDecile < 1 || dtks.welfareDecile > 10)
    throw ruleBroken('HOUSEHOLD.WELFARE_DECILE_OUT_OF_RANGE', 'A welfare decile is a whole number from 1 to 10', {
      welfareDecile: dtks.welfareDecile,
    });
  if (dtks.extractedOn !== null && dtks.extractedOn > today)
    throw ruleBroken(
      'HOUSEHOLD.DTKS_EXTRACT_NOT_IN_FUTURE',
      'The DTKS extract cannot be dated after the registration',
      {
        extractedOn: dtks.extractedOn,
      },
    );
}
