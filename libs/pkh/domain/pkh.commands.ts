import type { PkhBenefitIndex } from '#libs/reference-data/index.js';
import type { PkhMemberFacts } from './pkh-eligibility.js';
import type { DisbursementChannel, GraduationKind, KksBank, MissedCommitment } from './pkh.events.js';

/** What the household registry says of the household when a PKH command is decided. */
export interface HouseholdFacts {
  registered: boolean;
  caseOpen: boolean;
  welfareStatus: 'unassessed' | 'below_poverty_line' | 'above_poverty_line';
  members: PkhMemberFacts[];
}

export type PkhCommand =
  | {
      type: 'EnrolInPkh';
      data: {
        householdId: string;
        enrolledOn: string;
        household: HouseholdFacts;
        /** The benefit index in force on the enrolment date; null when none is. */
        index: PkhBenefitIndex | null;
        at: string;
      };
    }
  | {
      type: 'VerifyPkhCompliance';
      data: {
        householdId: string;
        stage: string;
        compliant: boolean;
        missed: MissedCommitment[];
        verifiedOn: string;
        /**
         * The members on the stage's first day and the index in force then: components and
         * entitlement are re-evaluated for each stage (ADR 0004). Absent: the stage keeps them.
         */
        reassessment?: { on: string; members: PkhMemberFacts[]; index: PkhBenefitIndex | null };
        at: string;
      };
    }
  | {
      type: 'DisbursePkhBenefit';
      data: {
        householdId: string;
        stage: string;
        amount: number;
        channel: DisbursementChannel;
        reference: string;
        disbursedOn: string;
        at: string;
      };
    }
  | {
      /**
       * The channel confirmed a batch's payment (ADR 0013): money left the account, so it is
       * recorded whatever the family's participation became after the batch was declared.
       */
      type: 'RecordPkhPaymentConfirmed';
      data: {
        householdId: string;
        stage: string;
        amount: number;
        channel: DisbursementChannel;
        reference: string;
        disbursedOn: string;
        at: string;
      };
    }
  | {
      type: 'RecordPkhPaymentFailure';
      data: {
        householdId: string;
        stage: string;
        amount: number;
        outcome: 'failed' | 'returned';
        reasonCode: string;
        reference: string;
        failedOn: string;
        at: string;
      };
    }
  | {
      type: 'ReversePkhPayment';
      data: { householdId: string; stage: string; amount: number; reference: string; reversedOn: string; at: string };
    }
  | {
      type: 'RecordKksAccount';
      data: { householdId: string; bank: KksBank; account: string; recordedOn: string; at: string };
    }
  | { type: 'ReinstatePkh'; data: { householdId: string; reason: string; at: string } }
  | { type: 'TerminatePkh'; data: { householdId: string; reason: string; at: string } }
  | {
      type: 'GraduateFromPkh';
      data: {
        householdId: string;
        kind: GraduationKind;
        reason: string;
        graduatedOn: string;
        /** The members now: a natural graduation needs none of them to count for a component. */
        members: PkhMemberFacts[];
        /** The benefit index in force on the graduation date; null when none is. */
        index: PkhBenefitIndex | null;
        at: string;
      };
    };
