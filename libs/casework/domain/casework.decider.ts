import { conflict, notFound, ruleBroken, unreachable, type Decider } from '#libs/platform/domain/index.js';
import type { Actor, CaseworkCommand } from './casework.commands.js';
import type { CaseworkEvent } from './casework.events.js';
import {
  evolveCasework,
  initialCaseworkState,
  openVisits,
  type CaseworkState,
  type PendingTransfer,
  type Visit,
} from './casework.state.js';

/**
 * The work on a case beside its registry: transfers between caseworkers, scheduled visits and
 * follow-ups, risk flags. Visits and follow-ups belong to the case, not to a caseworker: whoever
 * holds the case holds them, so a transfer cannot leave them behind (ADR 0018).
 */
export const caseworkDecider: Decider<CaseworkCommand, CaseworkEvent, CaseworkState> = {
  initialState: initialCaseworkState,
  evolve: evolveCasework,
  decide(command, state) {
    switch (command.type) {
      case 'RequestTransfer': {
        const { householdId, transferId, toCaseworkerId, reason, actor, household } = command.data;
        if (!household.caseOpen) throw ruleBroken('TRANSFER.CASE_CLOSED', 'A closed case is not transferred');
        const requestedAs = actor.role === 'caseworker' ? 'caseworker' : 'supervisor';
        if (requestedAs === 'caseworker' && actor.sub !== toCaseworkerId)
          throw ruleBroken(
            'TRANSFER.CASEWORKER_ASKS_FOR_HERSELF',
            'A caseworker asks for a case to be transferred to herself; a supervisor transfers to others',
          );
        if (household.caseworkerId === toCaseworkerId)
          throw ruleBroken('TRANSFER.ALREADY_THE_CASEWORKER', `${toCaseworkerId} already holds this case`);
        if (state.pendingTransfer)
          throw ruleBroken('TRANSFER.ALREADY_PENDING', 'A transfer of this case awaits a decision', {
            transferId: state.pendingTransfer.transferId,
          });
        const fromCaseworkerId = household.caseworkerId;
        return [
          {
            type: 'TransferRequested',
            data: {
              householdId,
              transferId,
              fromCaseworkerId,
              toCaseworkerId,
              requestedBy: actor.sub,
              requestedAs,
              reason,
            },
          },
        ];
      }
      case 'AcceptTransfer': {
        const { householdId, actor } = command.data;
        const pending = mustBeTheOtherParty(state, actor);
        const { transferId, fromCaseworkerId, toCaseworkerId } = pending;
        const movedVisitIds = openVisits(state)
          .map((v) => v.visitId)
          .sort();
        return [
          {
            type: 'TransferAccepted',
            data: { householdId, transferId, fromCaseworkerId, toCaseworkerId, decidedBy: actor.sub, movedVisitIds },
          },
        ];
      }
      case 'RejectTransfer': {
        const { householdId, reason, actor } = command.data;
        const { transferId, toCaseworkerId } = mustBeTheOtherParty(state, actor);
        return [
          { type: 'TransferRejected', data: { householdId, transferId, toCaseworkerId, decidedBy: actor.sub, reason } },
        ];
      }
      case 'ScheduleVisit': {
        const { householdId, visitId, kind, dueOn, origin, purpose, caseOpen } = command.data;
        if (!caseOpen) throw ruleBroken('VISIT.CASE_CLOSED', 'No visit is scheduled on a closed case');
        if (state.visits[visitId]) throw conflict('VISIT.ALREADY_SCHEDULED', `Visit ${visitId} is already scheduled`);
        return [{ type: 'VisitScheduled', data: { householdId, visitId, kind, dueOn, origin, purpose } }];
      }
      case 'RecordVisitDone': {
        const { householdId, visitId, doneOn, note, today } = command.data;
        mustBeScheduled(state, visitId);
        notInFuture(doneOn, today);
        return [{ type: 'VisitDone', data: { householdId, visitId, doneOn, note } }];
      }
      case 'RecordVisitMissed': {
        const { householdId, visitId, missedOn, reason, today } = command.data;
        mustBeScheduled(state, visitId);
        notInFuture(missedOn, today);
        return [{ type: 'VisitMissed', data: { householdId, visitId, missedOn, reason } }];
      }
      case 'RescheduleVisit': {
        const { householdId, visitId, dueOn, reason, today } = command.data;
        const visit = mustBeScheduled(state, visitId);
        if (dueOn === visit.dueOn) throw ruleBroken('VISIT.SAME_DUE_DATE', `The visit is already due on ${dueOn}`);
        if (dueOn < today)
          throw ruleBroken('VISIT.RESCHEDULED_INTO_THE_PAST', 'A visit is rescheduled to today or later');
        return [
          { type: 'VisitRescheduled', data: { householdId, visitId, previousDueOn: visit.dueOn, dueOn, reason } },
        ];
      }
      case 'SetFlag': {
        const { householdId, flag, risk, reason } = command.data;
        if (state.flags[flag] === risk)
          throw ruleBroken('FLAG.ALREADY_SET', `The flag ${flag} is already set at ${risk} risk`);
        return [{ type: 'FlagSet', data: { householdId, flag, risk, reason } }];
      }
      case 'ClearFlag': {
        const { householdId, flag, reason } = command.data;
        if (!state.flags[flag]) throw ruleBroken('FLAG.NOT_SET', `The flag ${flag} is not set`);
        return [{ type: 'FlagCleared', data: { householdId, flag, reason } }];
      }
      default:
        return unreachable(command);
    }
  },
};

/**
 * A transfer is decided by the party that did not ask (ADR 0018): asked by a supervisor, the
 * receiving caseworker takes it or not (the work becomes hers); asked by the receiving
 * caseworker, a supervisor (or an admin) decides.
 */
function mustBeTheOtherParty(state: CaseworkState, actor: Actor): PendingTransfer {
  const pending = state.pendingTransfer;
  if (!pending) throw ruleBroken('TRANSFER.NONE_PENDING', 'No transfer of this case awaits a decision');
  const decides =
    pending.requestedAs === 'supervisor'
      ? actor.role === 'caseworker' && actor.sub === pending.toCaseworkerId
      : actor.role === 'supervisor' || actor.role === 'admin';
  if (!decides)
    throw ruleBroken(
      'TRANSFER.NOT_YOURS_TO_DECIDE',
      pending.requestedAs === 'supervisor'
        ? `The receiving caseworker ${pending.toCaseworkerId} accepts or rejects this transfer`
        : 'A supervisor accepts or rejects a transfer a caseworker asked for',
      { transferId: pending.transferId },
    );
  return pending;
}

function mustBeScheduled(state: CaseworkState, visitId: string): Visit {
  const visit = state.visits[visitId];
  if (!visit) throw notFound('VISIT.NOT_FOUND', `No visit ${visitId} on this case`);
  if (visit.status !== 'scheduled')
    throw ruleBroken('VISIT.NOT_OPEN', `The visit was already recorded as ${visit.status}`, { visitId });
  return visit;
}

function notInFuture(day: string, today: string): void {
  if (day > today) throw ruleBroken('VISIT.NOT_IN_FUTURE', `${day} is in the future`);
}
