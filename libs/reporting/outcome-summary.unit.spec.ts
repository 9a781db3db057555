import { describe, expect, it } from '@jest/globals';
import { applyOutcomeEvent, emptyOutcomeState, type OutcomeFeedEvent } from './outcome-summary.js';

let n = 0;
/** Events carry only the fields the fold reads, as the redacted feed might. */
const e = (stream: string, revision: number, type: string, data: object) =>
  ({ eventId: `e${++n}`, stream, revision, type, data }) as unknown as OutcomeFeedEvent;
const registered = (h: string, persons: number, kelurahan = 'Jatirasa') =>
  e(`household-${h}`, 0, 'HouseholdRegistered', {
    householdId: h,
    address: { kecamatan: 'Jatiasih', kelurahan },
    members: Array.from({ length: persons }, (_, i) => ({ nik: `p_${h}${i}`, relationship: i ? 'child' : 'head' })),
  });

/** Three complaints by their categories (ADR 0014): one escalated, one resolved. */
const complaints = () => {
  const received = (c: string, category: string) =>
    e(`complaint-${c}`, 0, 'ComplaintReceived', {
      aboutHouseholdId: 'h3',
      kecamatan: 'Jatiasih',
      kelurahan: 'Jatirasa',
      category,
    });
  return [
    received('c1', 'payment_not_received'),
    received('c2', 'payment_not_received'),
    received('c3', 'caseworker_conduct'),
    e('complaint-c3', 1, 'ComplaintAssigned', { aboutHouseholdId: 'h3', assignee: 'cw-02' }),
    e('complaint-c3', 2, 'ComplaintEscalated', { aboutHouseholdId: 'h3' }),
    e('complaint-c1', 1, 'ComplaintResolved', { aboutHouseholdId: 'h3', outcome: 'upheld' }),
  ];
};

describe('outcome summary', () => {
  it('counts PKH, Kube, training and exits, and drops repeated deliveries', () => {
    const state = emptyOutcomeState();
    const events = [
      ...['h1', 'h2', 'h3', 'h4', 'h5'].map((h) => registered(h, 4)),
      e('pkh-h1', 0, 'EnrolledInPkh', { householdId: 'h1' }),
      e('pkh-h2', 0, 'EnrolledInPkh', { householdId: 'h2' }),
      e('pkh-h1', 1, 'PkhBenefitDisbursed', { householdId: 'h1', amount: 750_000 }),
      e('pkh-h2', 1, 'PkhSuspended', { householdId: 'h2' }),
      e('pkh-h1', 2, 'PkhGraduated', { householdId: 'h1' }),
      e('kube-k1', 0, 'KubeFormed', {
        kubeId: 'k1',
        kecamatan: 'Jatiasih',
        kelurahan: 'Jatirasa',
        householdIds: ['h1', 'h2', 'h3', 'h4', 'h5'],
      }),
      e('kube-k1', 1, 'KubeMemberLeft', { kubeId: 'k1', householdId: 'h2' }),
      e('kube-k1', 2, 'KubeGrantDisbursed', { kubeId: 'k1', amount: 10_000_000 }),
      e('training-t1', 0, 'CourseScheduled', { courseId: 't1', costPerParticipant: 1_500_000 }),
      e('training-t1', 1, 'ParticipantInvited', { householdId: 'h1' }),
      e('training-t1', 2, 'ParticipantInvited', { householdId: 'h2' }),
      e('training-t1', 3, 'InvitationDeclined', { householdId: 'h2', reason: 'childcare' }),
      e('training-t1', 4, 'InvitationAccepted', { householdId: 'h1' }),
      e('training-t1', 5, 'TrainingCompleted', { householdId: 'h1' }),
      e('household-h1', 9, 'ExitApproved', { persons: 4 }),
      ...complaints(),
    ];
    for (const event of events) expect(applyOutcomeEvent(state, event)).toBe(true);
    expect(applyOutcomeEvent(state, events[7]!)).toBe(false);
    expect(applyOutcomeEvent(state, events[16]!)).toBe(false);
    expect(state.summary).toEqual({
      pkh: {
        enrolled: 2,
        graduated: 1,
        terminated: 0,
        disbursements: 1,
        disbursedRupiah: 750_000,
        failedPayments: 0,
        failedRupiah: 0,
        reversals: 0,
        reversedRupiah: 0,
        activeAtEnd: 0,
        suspendedAtEnd: 1,
      },
      kube: { formed: 1, grantsRupiah: 10_000_000, reportedRevenueRupiah: 0, activeAtEnd: 1, membersAtEnd: 4 },
      training: {
        invited: 2,
        enrolled: 1,
        declined: 1,
        declinedByReason: { childcare: 1 },
        completed: 1,
        droppedOut: 0,
      },
      exits: { approved: 1, persons: 4, reentered: 0, reenteredPersons: 0 },
      complaints: {
        received: 3,
        receivedByCategory: { payment_not_received: 2, caseworker_conduct: 1 },
        escalated: 1,
        resolved: 1,
      },
    });
    expect(state.trainingCostRupiah).toBe(1_500_000);
  });

  it('counts graduations and terminations as they happen (the report does too), and re-entries with their persons', () => {
    const state = emptyOutcomeState();
    const events = [
      registered('h1', 3),
      e('household-h1', 1, 'MemberAdded', { member: { nik: 'p_new', relationship: 'child' } }),
      e('pkh-h1', 0, 'EnrolledInPkh', { householdId: 'h1' }),
      e('pkh-h1', 1, 'PkhGraduated', { householdId: 'h1' }),
      e('pkh-h1', 2, 'EnrolledInPkh', { householdId: 'h1' }),
      e('pkh-h1', 3, 'PkhTerminated', { householdId: 'h1' }),
      e('household-h1', 2, 'ExitApproved', { persons: 4 }),
      e('household-h1', 3, 'CaseReopened', { reason: 'lost work' }),
    ];
    for (const event of events) applyOutcomeEvent(state, event);
    expect(state.summary.pkh).toMatchObject({
      enrolled: 2,
      activeAtEnd: 0,
      suspendedAtEnd: 0,
      graduated: 1,
      terminated: 1,
    });
    expect(state.summary.exits).toEqual({ approved: 1, persons: 4, reentered: 1, reenteredPersons: 4 });
  });

  it('counts the same whichever topic comes first: Kafka keeps the order of each stream only', () => {
    const inOrder = emptyOutcomeState();
    const topicByTopic = emptyOutcomeState();
    const events = [
      registered('h1', 2),
      registered('h2', 3),
      e('kube-k1', 0, 'KubeFormed', {
        kubeId: 'k1',
        kecamatan: 'Jatiasih',
        kelurahan: 'Jatirasa',
        householdIds: ['h1'],
      }),
      e('kube-k1', 1, 'KubeMemberJoined', { kubeId: 'k1', householdId: 'h2' }),
      e('pkh-h1', 0, 'EnrolledInPkh', { householdId: 'h1' }),
      e('pkh-h1', 1, 'PkhSuspended', { householdId: 'h1' }),
      e('pkh-h1', 2, 'PkhBenefitDisbursed', { householdId: 'h1', amount: 600_000 }),
      e('training-t1', 0, 'CourseScheduled', { courseId: 't1', costPerParticipant: 900_000 }),
      e('training-t1', 1, 'ParticipantInvited', { householdId: 'h2' }),
      e('training-t1', 2, 'InvitationAccepted', { householdId: 'h2' }),
      e('household-h2', 1, 'ExitApproved', { persons: 3 }),
    ];
    for (const event of events) applyOutcomeEvent(inOrder, event);
    for (const topic of ['training', 'pkh', 'kube', 'household'])
      for (const event of events.filter((x) => x.stream.startsWith(`${topic}-`)))
        applyOutcomeEvent(topicByTopic, event);
    expect(topicByTopic.summary).toEqual(inOrder.summary);
    expect(topicByTopic.trainingCostRupiah).toBe(900_000);
    expect(inOrder.summary.pkh).toMatchObject({
      enrolled: 1,
      activeAtEnd: 0,
      suspendedAtEnd: 1,
      disbursedRupiah: 600_000,
    });
  });
});
