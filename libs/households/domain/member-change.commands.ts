import type { Address, Member, SchoolLevel, Sex } from './household.events.js';
import type { DeathSource, PregnancyOutcome } from './member-change.events.js';

/** A child born of an ended pregnancy: its NIK, when Dukcapil has issued one, else `pending-<uuid>`. */
export interface Newborn {
  nik: string;
  name: string;
  sex: Sex;
}

/** Member changes (ADR 0004): each names the member by NIK and carries its business date and `at`. */
export type MemberChangeCommand =
  | {
      type: 'CorrectMemberDetails';
      data: {
        nik: string;
        name: string | null;
        birthDate: string | null;
        sex: Sex | null;
        reason: string;
        at: string;
        today: string;
      };
    }
  | {
      type: 'RecordPregnancy';
      data: { nik: string; reportedOn: string; expectedDeliveryOn: string | null; at: string; today: string };
    }
  | {
      type: 'EndPregnancy';
      data: { nik: string; endedOn: string; outcome: PregnancyOutcome; children: Newborn[]; at: string; today: string };
    }
  | { type: 'IssueMemberNik'; data: { pendingNik: string; nik: string; at: string; today: string } }
  | {
      type: 'ChangeSchoolLevel';
      data: { nik: string; schoolLevel: SchoolLevel; changedOn: string; at: string; today: string };
    }
  | {
      type: 'AssessDisability';
      data: {
        nik: string;
        severeDisability: boolean;
        assessedOn: string;
        assessedBy: string | null;
        at: string;
        today: string;
      };
    }
  | {
      type: 'RecordDeath';
      data: {
        nik: string;
        diedOn: string;
        source: DeathSource;
        reference: string | null;
        newHeadNik: string | null;
        at: string;
        today: string;
      };
    }
  | {
      type: 'MoveMemberOut';
      data: {
        nik: string;
        movedOn: string;
        destination: string | null;
        newHeadNik: string | null;
        at: string;
        today: string;
      };
    }
  | {
      type: 'MoveMemberIn';
      data: { member: Member; movedOn: string; origin: string | null; at: string; today: string };
    }
  | { type: 'MoveHousehold'; data: { address: Address; movedOn: string; at: string; today: string } };
