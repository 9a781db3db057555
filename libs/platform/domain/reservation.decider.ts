import { conflict } from './domain-error.js';
import { unreachable, type Decider, type DomainEvent } from './decider.js';

/**
 * A thing that at most one holder may have at a time (a KK number, a NIK, a household's place in
 * a Kube). Each thing gets its own reservation stream: appending at the revision that was read
 * makes two concurrent claims collide in the store, and the loser is told who holds it.
 */
export type ReservationEvent =
  | DomainEvent<'ReservationMade', { kind: string; holder: string }>
  | DomainEvent<'ReservationReleased', { kind: string; holder: string }>;

export type ReservationCommand =
  | {
      type: 'Reserve';
      data: {
        kind: string;
        holder: string;
        /** The current holder's claim is known to be stale (for example a crashed registration). */
        holderAbandoned: boolean;
        /** Stable code of the refusal when someone else holds it. */
        conflictCode: string;
        conflictMessage: string;
        /** Name under which the refusal reports the holder (for example householdId). */
        holderKey?: string;
      };
    }
  | { type: 'Release'; data: { kind: string; holder: string } };

export interface ReservationState {
  holder: string | null;
}

export const reservationDecider: Decider<ReservationCommand, ReservationEvent, ReservationState> = {
  initialState: () => ({ holder: null }),
  evolve: (_state, event) => ({ holder: event.type === 'ReservationMade' ? event.data.holder : null }),
  decide(command, state) {
    switch (command.type) {
      case 'Reserve': {
        const { kind, holder, holderAbandoned, conflictCode, conflictMessage, holderKey = 'holder' } = command.data;
        if (state.holder === holder) return [];
        if (state.holder !== null && !holderAbandoned) {
          throw conflict(conflictCode, `${conflictMessage} (${state.holder})`, { [holderKey]: state.holder });
        }
        const released: ReservationEvent[] =
          state.holder === null ? [] : [{ type: 'ReservationReleased', data: { kind, holder: state.holder } }];
        return [...released, { type: 'ReservationMade', data: { kind, holder } }];
      }
      case 'Release':
        return state.holder === command.data.holder ? [{ type: 'ReservationReleased', data: command.data }] : [];
      default:
        return unreachable(command);
    }
  },
};
