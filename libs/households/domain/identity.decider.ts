import { conflict, unreachable, type Decider, type DomainEvent } from '#libs/platform/domain/index.js';

/**
 * A KK or NIK number belongs to at most one household. Each number has a reservation stream whose
 * expected revision makes two concurrent registrations of the same number collide in the store.
 */
export type IdentityKind = 'kk' | 'nik';

export type IdentityEvent =
  | DomainEvent<'IdentityReserved', { kind: IdentityKind; householdId: string }>
  | DomainEvent<'IdentityReleased', { kind: IdentityKind; householdId: string }>;

export type IdentityCommand =
  | {
      type: 'ReserveIdentity';
      /** holderAbandoned: the holder's registration never completed (its stream does not exist). */
      data: { kind: IdentityKind; householdId: string; holderAbandoned: boolean };
    }
  | { type: 'ReleaseIdentity'; data: { kind: IdentityKind; householdId: string } };

export interface IdentityState {
  holder: string | null;
}

export const identityDecider: Decider<IdentityCommand, IdentityEvent, IdentityState> = {
  initialState: () => ({ holder: null }),
  evolve: (_state, event) => ({ holder: event.type === 'IdentityReserved' ? event.data.householdId : null }),
  decide(command, state) {
    switch (command.type) {
      case 'ReserveIdentity': {
        const { kind, householdId, holderAbandoned } = command.data;
        if (state.holder === householdId) return [];
        if (state.holder !== null && !holderAbandoned) {
          const label = kind === 'kk' ? 'KK number' : 'NIK';
          throw conflict(
            `HOUSEHOLD.${kind.toUpperCase()}_ALREADY_REGISTERED`,
            `This ${label} belongs to household ${state.holder}`,
            {
              householdId: state.holder,
            },
          );
        }
        const released: IdentityEvent[] =
          state.holder === null ? [] : [{ type: 'IdentityReleased', data: { kind, householdId: state.holder } }];
        return [...released, { type: 'IdentityReserved', data: { kind, householdId } }];
      }
      case 'ReleaseIdentity':
        return state.holder === command.data.householdId ? [{ type: 'IdentityReleased', data: command.data }] : [];
      default:
        return unreachable(command);
    }
  },
};
