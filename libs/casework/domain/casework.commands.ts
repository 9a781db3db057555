import type { FlagCode, RiskLevel, TransferRequester, VisitKind, VisitOrigin } from './casework.events.js';

/** Who acts: the token's subject and role. */
export interface Actor {
  sub: string;
  role: string;
}

/**
 * Every command carries the time it was issued (`at`) and what the decider must know of the
 * household (its caseworker, whether its case is open), read by the handler from the households
 * capability: the decider has no clock and no I/O.
 */
export type CaseworkCommand =
  | {
      type: 'RequestTransfer';
      data: {
        householdId: string;
        transferId: string;
        toCaseworkerId: string;
        reason: string;
        actor: Actor;
        household: { caseworkerId: string | null; caseOpen: boolean };
        at: string;
        today: string;
      };
    }
  | { type: 'AcceptTransfer'; data: { householdId: string; actor: Actor; at: string; today: string } }
  | { type: 'RejectTransfer'; data: { householdId: string; reason: string; actor: Actor; at: string; today: string } }
  | {
      type: 'ScheduleVisit';
      data: {
        householdId: string;
        visitId: string;
        kind: VisitKind;
        dueOn: string;
        origin: VisitOrigin;
        purpose: string;
        caseOpen: boolean;
        at: string;
        today: string;
      };
    }
  | {
      type: 'RecordVisitDone';
      data: { householdId: string; visitId: string; doneOn: string; note: string; at: string; today: string };
    }
  | {
      type: 'RecordVisitMissed';
      data: { householdId: string; visitId: string; missedOn: string; reason: string; at: string; today: string };
    }
  | {
      type: 'RescheduleVisit';
      data: { householdId: string; visitId: string; dueOn: string; reason: string; at: string; today: string };
    }
  | {
      type: 'SetFlag';
      data: { householdId: string; flag: FlagCode; risk: RiskLevel; reason: string; at: string; today: string };
    }
  | { type: 'ClearFlag'; data: { householdId: string; flag: FlagCode; reason: string; at: string; today: string } };

export type { TransferRequester };
