import { conflict, ruleBroken, type Decider } from '#libs/platform/domain/index.js';
import type { ReassignmentEvent } from './casework.events.js';

export type ReassignmentCommand = {
  type: 'RecordReassignment';
  data: {
    reassignmentId: string;
    fromCaseworkerId: string;
    toCaseworkerId: string;
    householdIds: string[];
    reason: string;
  };
};

/**
 * The record of a bulk reassignment, written after each household's own CaseworkerAssigned: it
 * holds the request's Idempotency-Key, so a retry answers the same (ADR 0018).
 */
export const reassignmentDecider: Decider<ReassignmentCommand, ReassignmentEvent, { recorded: boolean }> = {
  initialState: () => ({ recorded: false }),
  evolve: () => ({ recorded: true }),
  decide(command, state) {
    const { reassignmentId, fromCaseworkerId, toCaseworkerId, householdIds, reason } = command.data;
    if (state.recorded) throw conflict('REASSIGNMENT.ALREADY_RECORDED', `Reassignment ${reassignmentId} is recorded`);
    if (householdIds.length === 0)
      throw ruleBroken('REASSIGNMENT.NOTHING_TO_MOVE', `No case of ${fromCaseworkerId} can move`);
    return [
      {
        type: 'CaseloadReassigned',
        data: { reassignmentId, fromCaseworkerId, toCaseworkerId, householdIds, reason },
      },
    ];
  },
};
