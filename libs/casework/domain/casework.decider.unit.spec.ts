import { describe, it } from '@jest/globals';
import { deciderSpecification } from '#libs/platform/testing/decider-specification.js';
import type { CaseworkCommand } from './casework.commands.js';
import { caseworkDecider } from './casework.decider.js';
import type { CaseworkEvent } from './casework.events.js';

const spec = deciderSpecification(caseworkDecider);
const at = '2026-03-10T08:00:00.000Z';
// The office's day of `at` (08:00 UTC is 15:00 in Jakarta, the same day).
const today = at.slice(0, 10);
const householdId = 'h1';
const supervisor = { sub: 'sv-01', role: 'supervisor' };
const rina = { sub: 'cw-rina', role: 'caseworker' };
const budi = { sub: 'cw-budi', role: 'caseworker' };

const request = (
  actor = supervisor,
  to = 'cw-budi',
  household = { caseworkerId: 'cw-rina', caseOpen: true },
): CaseworkCommand => ({
  type: 'RequestTransfer',
  data: { householdId, transferId: 't1', toCaseworkerId: to, reason: 'Rina leaves', actor, household, at, today },
});
const requested = (requestedBy = 'sv-01', requestedAs: 'supervisor' | 'caseworker' = 'supervisor'): CaseworkEvent => ({
  type: 'TransferRequested',
  data: {
    householdId,
    transferId: 't1',
    fromCaseworkerId: 'cw-rina',
    toCaseworkerId: 'cw-budi',
    requestedBy,
    requestedAs,
    reason: 'Rina leaves',
  },
});
const accept = (actor: { sub: string; role: string }): CaseworkCommand => ({
  type: 'AcceptTransfer',
  data: { householdId, actor, at, today },
});
const scheduled = (visitId: string, dueOn = '2026-03-20'): CaseworkEvent => ({
  type: 'VisitScheduled',
  data: { householdId, visitId, kind: 'home_visit', dueOn, origin: 'manual', purpose: 'School attendance' },
});
const done = (visitId: string): CaseworkEvent => ({
  type: 'VisitDone',
  data: { householdId, visitId, doneOn: '2026-03-09', note: 'At home' },
});

describe('casework decider: transfers', () => {
  it('records a supervisor’s request to move the case from its caseworker', () => {
    spec.given([]).when(request()).then([requested()]);
  });

  it('lets a caseworker ask for a case for herself, not for someone else', () => {
    spec
      .given([])
      .when(request(budi))
      .then([requested('cw-budi', 'caseworker')]);
    spec.given([]).when(request(budi, 'cw-siti')).thenRefuses('TRANSFER.CASEWORKER_ASKS_FOR_HERSELF');
  });

  it('refuses a transfer to the caseworker who holds the case, of a closed case, or while one is pending', () => {
    spec.given([]).when(request(supervisor, 'cw-rina')).thenRefuses('TRANSFER.ALREADY_THE_CASEWORKER');
    spec
      .given([])
      .when(request(supervisor, 'cw-budi', { caseworkerId: 'cw-rina', caseOpen: false }))
      .thenRefuses('TRANSFER.CASE_CLOSED');
    spec.given([requested()]).when(request()).thenRefuses('TRANSFER.ALREADY_PENDING', { transferId: 't1' });
  });

  it('moves the open visits and follow-ups with the case when the receiving caseworker accepts', () => {
    spec
      .given([scheduled('v2'), scheduled('v1'), scheduled('v3'), done('v3'), requested()])
      .when(accept(budi))
      .then([
        {
          type: 'TransferAccepted',
          data: {
            householdId,
            transferId: 't1',
            fromCaseworkerId: 'cw-rina',
            toCaseworkerId: 'cw-budi',
            decidedBy: 'cw-budi',
            movedVisitIds: ['v1', 'v2'],
          },
        },
      ]);
  });

  it('is decided by the party that did not ask: the receiver for a supervisor’s request', () => {
    spec.given([requested()]).when(accept(supervisor)).thenRefuses('TRANSFER.NOT_YOURS_TO_DECIDE');
    spec.given([requested()]).when(accept(rina)).thenRefuses('TRANSFER.NOT_YOURS_TO_DECIDE');
  });

  it('is decided by a supervisor for a caseworker’s own request', () => {
    spec
      .given([requested('cw-budi', 'caseworker')])
      .when(accept(budi))
      .thenRefuses('TRANSFER.NOT_YOURS_TO_DECIDE');
    spec
      .given([requested('cw-budi', 'caseworker')])
      .when({ type: 'RejectTransfer', data: { householdId, reason: 'Caseload full', actor: supervisor, at, today } })
      .then([
        {
          type: 'TransferRejected',
          data: {
            householdId,
            transferId: 't1',
            toCaseworkerId: 'cw-budi',
            decidedBy: 'sv-01',
            reason: 'Caseload full',
          },
        },
      ]);
  });

  it('refuses a decision when nothing is pending, also after a decision', () => {
    spec.given([]).when(accept(budi)).thenRefuses('TRANSFER.NONE_PENDING');
    const accepted: CaseworkEvent = {
      type: 'TransferAccepted',
      data: {
        householdId,
        transferId: 't1',
        fromCaseworkerId: 'cw-rina',
        toCaseworkerId: 'cw-budi',
        decidedBy: 'cw-budi',
        movedVisitIds: [],
      },
    };
    spec.given([requested(), accepted]).when(accept(budi)).thenRefuses('TRANSFER.NONE_PENDING');
  });
});

describe('casework decider: visits and follow-ups', () => {
  const schedule = (caseOpen = true): CaseworkCommand => ({
    type: 'ScheduleVisit',
    data: {
      householdId,
      visitId: 'v1',
      kind: 'home_visit',
      dueOn: '2026-03-20',
      origin: 'manual',
      purpose: 'School attendance',
      caseOpen,
      at,
      today,
    },
  });

  it('schedules a visit on an open case, once', () => {
    spec
      .given([])
      .when(schedule())
      .then([scheduled('v1')]);
    spec.given([]).when(schedule(false)).thenRefuses('VISIT.CASE_CLOSED');
    spec
      .given([scheduled('v1')])
      .when(schedule())
      .thenRefuses('VISIT.ALREADY_SCHEDULED');
  });

  it('records a visit done, not in the future, and not twice', () => {
    const doneCommand = (doneOn: string): CaseworkCommand => ({
      type: 'RecordVisitDone',
      data: { householdId, visitId: 'v1', doneOn, note: 'At home', at, today },
    });
    spec
      .given([scheduled('v1')])
      .when(doneCommand('2026-03-09'))
      .then([done('v1')]);
    spec
      .given([scheduled('v1')])
      .when(doneCommand('2026-03-11'))
      .thenRefuses('VISIT.NOT_IN_FUTURE');
    spec
      .given([scheduled('v1'), done('v1')])
      .when(doneCommand('2026-03-09'))
      .thenRefuses('VISIT.NOT_OPEN');
    spec.given([]).when(doneCommand('2026-03-09')).thenRefuses('VISIT.NOT_FOUND');
  });

  it('records a missed visit with its reason', () => {
    spec
      .given([scheduled('v1')])
      .when({
        type: 'RecordVisitMissed',
        data: { householdId, visitId: 'v1', missedOn: '2026-03-10', reason: 'Away', at, today },
      })
      .then([{ type: 'VisitMissed', data: { householdId, visitId: 'v1', missedOn: '2026-03-10', reason: 'Away' } }]);
  });

  it('reschedules to another day from today on', () => {
    const reschedule = (dueOn: string): CaseworkCommand => ({
      type: 'RescheduleVisit',
      data: { householdId, visitId: 'v1', dueOn, reason: 'Mother works', at, today },
    });
    spec
      .given([scheduled('v1')])
      .when(reschedule('2026-03-27'))
      .then([
        {
          type: 'VisitRescheduled',
          data: {
            householdId,
            visitId: 'v1',
            previousDueOn: '2026-03-20',
            dueOn: '2026-03-27',
            reason: 'Mother works',
          },
        },
      ]);
    spec
      .given([scheduled('v1')])
      .when(reschedule('2026-03-20'))
      .thenRefuses('VISIT.SAME_DUE_DATE');
    spec
      .given([scheduled('v1')])
      .when(reschedule('2026-03-09'))
      .thenRefuses('VISIT.RESCHEDULED_INTO_THE_PAST');
  });
});

describe('casework decider: flags', () => {
  const set = (risk: 'low' | 'high'): CaseworkCommand => ({
    type: 'SetFlag',
    data: { householdId, flag: 'child_out_of_school', risk, reason: 'Three weeks absent', at, today },
  });
  const flagSet = (risk: 'low' | 'high'): CaseworkEvent => ({
    type: 'FlagSet',
    data: { householdId, flag: 'child_out_of_school', risk, reason: 'Three weeks absent' },
  });
  const clear: CaseworkCommand = {
    type: 'ClearFlag',
    data: { householdId, flag: 'child_out_of_school', reason: 'Back at school', at, today },
  };

  it('sets a flag, and sets it again only to change its risk level', () => {
    spec
      .given([])
      .when(set('low'))
      .then([flagSet('low')]);
    spec
      .given([flagSet('low')])
      .when(set('high'))
      .then([flagSet('high')]);
    spec
      .given([flagSet('high')])
      .when(set('high'))
      .thenRefuses('FLAG.ALREADY_SET');
  });

  it('clears a flag that is set, with a reason', () => {
    spec
      .given([flagSet('high')])
      .when(clear)
      .then([{ type: 'FlagCleared', data: { householdId, flag: 'child_out_of_school', reason: 'Back at school' } }]);
    spec
      .given([
        flagSet('high'),
        { type: 'FlagCleared', data: { householdId, flag: 'child_out_of_school', reason: 'x' } },
      ])
      .when(clear)
      .thenRefuses('FLAG.NOT_SET');
  });
});
