import type { CaseworkEvent, FlagCode, RiskLevel, TransferRequester, VisitKind } from './casework.events.js';

export interface PendingTransfer {
  transferId: string;
  fromCaseworkerId: string | null;
  toCaseworkerId: string;
  requestedBy: string;
  requestedAs: TransferRequester;
}

export interface Visit {
  visitId: string;
  kind: VisitKind;
  dueOn: string;
  status: 'scheduled' | 'done' | 'missed';
}

export interface CaseworkState {
  pendingTransfer: PendingTransfer | null;
  visits: Record<string, Visit>;
  flags: Partial<Record<FlagCode, RiskLevel>>;
}

export const initialCaseworkState = (): CaseworkState => ({ pendingTransfer: null, visits: {}, flags: {} });

export function evolveCasework(state: CaseworkState, event: CaseworkEvent): CaseworkState {
  switch (event.type) {
    case 'TransferRequested': {
      const { transferId, fromCaseworkerId, toCaseworkerId, requestedBy, requestedAs } = event.data;
      return { ...state, pendingTransfer: { transferId, fromCaseworkerId, toCaseworkerId, requestedBy, requestedAs } };
    }
    case 'TransferAccepted':
    case 'TransferRejected':
      return { ...state, pendingTransfer: null };
    case 'VisitScheduled': {
      const { visitId, kind, dueOn } = event.data;
      return { ...state, visits: { ...state.visits, [visitId]: { visitId, kind, dueOn, status: 'scheduled' } } };
    }
    case 'VisitDone':
    case 'VisitMissed':
    case 'VisitRescheduled': {
      const visit = state.visits[event.data.visitId];
      if (!visit) return state;
      const changed: Visit =
        event.type === 'VisitRescheduled'
          ? { ...visit, dueOn: event.data.dueOn }
          : { ...visit, status: event.type === 'VisitDone' ? 'done' : 'missed' };
      return { ...state, visits: { ...state.visits, [visit.visitId]: changed } };
    }
    case 'FlagSet':
      return { ...state, flags: { ...state.flags, [event.data.flag]: event.data.risk } };
    case 'FlagCleared': {
      const flags = { ...state.flags };
      delete flags[event.data.flag];
      return { ...state, flags };
    }
    default:
      return state;
  }
}

/** The visits and follow-ups still to do: they move with the case. */
export const openVisits = (state: CaseworkState): Visit[] =>
  Object.values(state.visits).filter((v) => v.status === 'scheduled');
