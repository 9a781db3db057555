import { describe, expect, it } from '@jest/globals';
import { applyOutcomeEvent, emptyOutcomeState, type OutcomeEvent } from './outcome-summary.js';

let n = 0;
const e = (stream: string, revision: number, type: string, data: object): OutcomeEvent => ({
  eventId: `e${++n}`,
  stream,
  revision,
  type,
  data,
});

describe('outcome summary', () => {
  it('counts PKH, Kube, training and exits, and drops repeated deliveries', () => {
    const state = emptyOutcomeState();
    const events = [
      e('pkh-h1', 0, 'EnrolledInPkh', { householdId: 'h1' }),
      e('pkh-h2', 0, 'EnrolledInPkh', { householdId: 'h2' }),
      e('pkh-h1', 1, 'PkhBenefitDisbursed', { householdId: 'h1', amount: 750_000 }),
      e('pkh-h2', 1, 'PkhSuspended', { householdId: 'h2' }),
      e('pkh-h1', 2, 'PkhGraduated', { householdId: 'h1' }),
      e('kube-k1', 0, 'KubeFormed', { kubeId: 'k1', householdIds: ['h1', 'h2', 'h3', 'h4', 'h5'] }),
      e('kube-k1', 1, 'KubeMemberLeft', { kubeId: 'k1', householdId: 'h2' }),
      e('kube-k1', 2, 'KubeGrantDisbursed', { kubeId: 'k1', amount: 10_000_000 }),
      e('training-t1', 0, 'ParticipantInvited', { householdId: 'h1' }),
      e('training-t1', 1, 'ParticipantInvited', { householdId: 'h2' }),
      e('training-t1', 2, 'InvitationDeclined', { householdId: 'h2', reason: 'childcare' }),
      e('training-t1', 3, 'InvitationAccepted', { householdId: 'h1' }),
      e('training-t1', 4, 'TrainingCompleted', { householdId: 'h1' }),
      e('household-h1', 9, 'ExitApproved', { persons: 4 }),
    ];
    for (const event of events) expect(applyOutcomeEvent(state, event)).toBe(true);
    expect(applyOutcomeEvent(state, events[2]!)).toBe(false);
    expect(applyOutcomeEvent(state, events[11]!)).toBe(false);
    expect(state.summary).toEqual({
      pkh: {
        enrolled: 2,
        active: 0,
        suspended: 1,
        graduated: 1,
        terminated: 0,
        disbursements: 1,
        disbursedRupiah: 750_000,
      },
      kube: { formed: 1, active: 1, members: 4, grantsRupiah: 10_000_000, reportedRevenueRupiah: 0 },
      training: {
        invited: 2,
        enrolled: 1,
        declined: 1,
        declinedByReason: { childcare: 1 },
        completed: 1,
        droppedOut: 0,
      },
      exits: { approved: 1, persons: 4, reentered: 0, reenteredPersons: 0 },
    });
  });
});
