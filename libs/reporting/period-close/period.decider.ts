import { ruleBroken, type Decider } from '#libs/platform/domain/index.js';
import type { FrozenReport, PeriodEvent } from './period.events.js';

export type PeriodCommand =
  | {
      type: 'ClosePeriod';
      data: {
        period: string;
        actor: string;
        /** Today in the deployment's time zone (YYYY-MM-DD), and the day of the next month the close opens. */
        today: string;
        cutoffDay: number;
        report: FrozenReport;
        reportHash: string;
      };
    }
  | { type: 'RequestPeriodReopening'; data: { period: string; actor: string; reason: string } }
  | { type: 'ApprovePeriodReopening'; data: { period: string; actor: string } };

export interface PeriodState {
  closed: boolean;
  reopening: { requestedBy: string; reason: string } | null;
}

const nextMonth = (month: string): string => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
};

/** The first day a month may be closed: its cut-off day in the next month (the 25th by default). */
export const cutoffOf = (period: string, cutoffDay: number): string =>
  `${nextMonth(period)}-${String(cutoffDay).padStart(2, '0')}`;

/** A reporting month: closed from its cut-off on, reopened only by two people (one asks, another approves). */
export const periodDecider: Decider<PeriodCommand, PeriodEvent, PeriodState> = {
  initialState: () => ({ closed: false, reopening: null }),
  evolve(state, event) {
    switch (event.type) {
      case 'PeriodClosed':
        return { closed: true, reopening: null };
      case 'PeriodReopeningRequested':
        return { ...state, reopening: { requestedBy: event.data.requestedBy, reason: event.data.reason } };
      case 'PeriodReopened':
        return { closed: false, reopening: null };
    }
  },
  decide(command, state) {
    switch (command.type) {
      case 'ClosePeriod': {
        const { period, actor, today, cutoffDay, report, reportHash } = command.data;
        if (state.closed) throw ruleBroken('PERIOD.ALREADY_CLOSED', `${period} is closed`);
        const cutoff = cutoffOf(period, cutoffDay);
        if (today < cutoff) {
          throw ruleBroken('PERIOD.BEFORE_CUTOFF', `${period} may be closed from ${cutoff} on`, { cutoff });
        }
        return [{ type: 'PeriodClosed', data: { period, closedBy: actor, report, reportHash } }];
      }
      case 'RequestPeriodReopening': {
        const { period, actor, reason } = command.data;
        if (!state.closed) throw ruleBroken('PERIOD.NOT_CLOSED', `${period} is open`);
        if (state.reopening) throw ruleBroken('PERIOD.REOPENING_ALREADY_REQUESTED', 'A reopening awaits approval');
        return [{ type: 'PeriodReopeningRequested', data: { period, requestedBy: actor, reason } }];
      }
      case 'ApprovePeriodReopening': {
        const { period, actor } = command.data;
        if (!state.reopening) throw ruleBroken('PERIOD.NO_REOPENING_REQUESTED', 'No reopening awaits approval');
        if (state.reopening.requestedBy === actor) {
          throw ruleBroken('PERIOD.CANNOT_APPROVE_OWN_REOPENING', 'Someone other than who asked approves a reopening');
        }
        const { requestedBy, reason } = state.reopening;
        return [{ type: 'PeriodReopened', data: { period, requestedBy, approvedBy: actor, reason } }];
      }
      default: {
        const never: never = command;
        return never;
      }
    }
  },
};
