import { conflict, notFound, ruleBroken, unreachable, type Decider } from '#libs/platform/domain/index.js';
import type { ReferralService } from '#libs/reference-data/index.js';
import type { ReferralEvent, ReferralRejection } from './referral.events.js';

/** What the registry says of the household referred. */
export type ReferralHouseholdStanding =
  { registered: false } | { registered: true; caseOpen: boolean; niks: readonly string[] };

export interface ReferralActor {
  sub: string;
  role: string;
}

type Made = Extract<ReferralEvent, { type: 'ReferralMade' }>['data'];

export type ReferralCommand =
  | { type: 'MakeReferral'; data: Made & { standing: ReferralHouseholdStanding; today: string } }
  | { type: 'AcceptReferral'; data: { householdId: string; acceptedOn: string; today: string } }
  | {
      type: 'RejectReferral';
      data: {
        householdId: string;
        rejection: ReferralRejection;
        detail: string | null;
        rejectedOn: string;
        today: string;
      };
    }
  | {
      type: 'RecordReferralServiceDone';
      data: { householdId: string; note: string | null; doneOn: string; today: string };
    }
  | {
      type: 'RevokeReferral';
      data: { householdId: string; reason: string; revokedOn: string; actor: ReferralActor; today: string };
    };

export type ReferralStatus = 'none' | 'pending' | 'accepted' | 'rejected' | 'done' | 'revoked';

export interface ReferralState {
  status: ReferralStatus;
  referralId: string | null;
  householdId: string | null;
  service: ReferralService | null;
  referredBy: string | null;
  referredOn: string | null;
}

export const referralDecider: Decider<ReferralCommand, ReferralEvent, ReferralState> = {
  initialState: () => ({
    status: 'none',
    referralId: null,
    householdId: null,
    service: null,
    referredBy: null,
    referredOn: null,
  }),
  evolve(state, event) {
    switch (event.type) {
      case 'ReferralMade': {
        const { referralId, householdId, service, referredBy, referredOn } = event.data;
        return { ...state, status: 'pending', referralId, householdId, service, referredBy, referredOn };
      }
      case 'ReferralAccepted':
        return { ...state, status: 'accepted' };
      case 'ReferralRejected':
        return { ...state, status: 'rejected' };
      case 'ReferralServiceDone':
        return { ...state, status: 'done' };
      case 'ReferralRevoked':
        return { ...state, status: 'revoked' };
      default:
        return state;
    }
  },
  decide(command, state) {
    if (command.type === 'MakeReferral') {
      const { standing, today, ...made } = command.data;
      if (state.status !== 'none') throw conflict('REFERRAL.ALREADY_MADE', 'This referral is already recorded');
      if (!standing.registered)
        throw notFound('REFERRAL.HOUSEHOLD_NOT_REGISTERED', `No household ${made.householdId}`, {
          householdId: made.householdId,
        });
      if (!standing.caseOpen) throw ruleBroken('REFERRAL.HOUSEHOLD_CASE_CLOSED', "The household's case is closed");
      if (made.nik !== null && !standing.niks.includes(made.nik))
        throw ruleBroken('REFERRAL.NOT_A_HOUSEHOLD_MEMBER', 'The person referred is not a member of the household', {
          field: 'nik',
        });
      notInTheFuture(made.referredOn, today, 'referredOn');
      return [{ type: 'ReferralMade', data: made }];
    }
    if (state.status === 'none' || state.householdId !== command.data.householdId)
      throw notFound('REFERRAL.NOT_FOUND', 'No such referral of this household');
    const referralId = state.referralId!;
    const householdId = state.householdId;
    switch (command.type) {
      case 'AcceptReferral': {
        const { acceptedOn, today } = command.data;
        stillAwaitingAnAnswer(state);
        answeredAfterTheReferral(state, acceptedOn, today, 'acceptedOn');
        return [{ type: 'ReferralAccepted', data: { referralId, householdId, acceptedOn } }];
      }
      case 'RejectReferral': {
        const { rejection, detail, rejectedOn, today } = command.data;
        stillAwaitingAnAnswer(state);
        answeredAfterTheReferral(state, rejectedOn, today, 'rejectedOn');
        return [{ type: 'ReferralRejected', data: { referralId, householdId, rejection, detail, rejectedOn } }];
      }
      case 'RecordReferralServiceDone': {
        const { note, doneOn, today } = command.data;
        // Done follows a referral still open: pending (the service answered by serving) or accepted.
        stillOpen(state);
        answeredAfterTheReferral(state, doneOn, today, 'doneOn');
        return [{ type: 'ReferralServiceDone', data: { referralId, householdId, note, doneOn } }];
      }
      case 'RevokeReferral': {
        const { reason, revokedOn, actor, today } = command.data;
        if (actor.sub !== state.referredBy && actor.role !== 'supervisor')
          throw ruleBroken('REFERRAL.NOT_THE_REFERRER', 'Only the referrer or a supervisor revokes a referral');
        stillOpen(state);
        answeredAfterTheReferral(state, revokedOn, today, 'revokedOn');
        return [{ type: 'ReferralRevoked', data: { referralId, householdId, reason, revokedOn } }];
      }
      default:
        return unreachable(command);
    }
  },
};

/** A referral rejected, done or revoked takes nothing more. */
function stillOpen(state: ReferralState): void {
  if (state.status === 'rejected') throw ruleBroken('REFERRAL.REJECTED', 'The service rejected this referral');
  if (state.status === 'done') throw ruleBroken('REFERRAL.ALREADY_DONE', 'The service was already recorded as done');
  if (state.status === 'revoked') throw ruleBroken('REFERRAL.REVOKED', 'The referrer revoked this referral');
}

/** The service accepts or rejects once, before anything else is recorded. */
function stillAwaitingAnAnswer(state: ReferralState): void {
  stillOpen(state);
  if (state.status === 'accepted') throw ruleBroken('REFERRAL.ALREADY_ACCEPTED', 'The service already accepted');
}

function answeredAfterTheReferral(state: ReferralState, date: string, today: string, field: string): void {
  notInTheFuture(date, today, field);
  if (date < state.referredOn!)
    throw ruleBroken('REFERRAL.BEFORE_THE_REFERRAL', `${field} ${date} is before the referral (${state.referredOn})`, {
      field,
    });
}

function notInTheFuture(date: string, today: string, field: string): void {
  if (date > today)
    throw ruleBroken('REFERRAL.DATE_IN_FUTURE', `${field} ${date} is after today (${today})`, { field });
}
