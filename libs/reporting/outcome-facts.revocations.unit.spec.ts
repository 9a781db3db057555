import { describe, expect, it } from '@jest/globals';
import type { PkhStatus } from '#libs/pkh/index.js';
import {
  outcomeFactsOf,
  type OutcomeContext,
  type OutcomeHousehold,
  type OutcomeInput,
  type OutcomeKube,
} from './outcome-facts.js';

/** A context in memory, as the reporting job keeps it. */
function memoryContext(): OutcomeContext {
  const households = new Map<string, OutcomeHousehold>();
  const statuses = new Map<string, PkhStatus>();
  const kubes = new Map<string, OutcomeKube>();
  const costs = new Map<string, number>();
  return {
    household: (id) => households.get(id),
    setHousehold: (id, h) => void households.set(id, h),
    pkhStatus: (id) => statuses.get(id) ?? null,
    setPkhStatus: (id, s) => void statuses.set(id, s),
    kube: (id) => kubes.get(id),
    setKube: (id, k) => void kubes.set(id, k),
    courseCost: (id) => costs.get(id),
    setCourseCost: (id, cost) => void costs.set(id, cost),
  };
}

const area = { kecamatan: 'Bekasi Utara', kelurahan: 'Harapan Jaya' };
const on = (stream: string, type: string, data: object) => ({ stream, type, data }) as unknown as OutcomeInput;
const revoked = (stream: string, eventType: string, carried: object = {}) =>
  on(stream, 'EventRevoked', { eventId: 'e', eventType, revision: 1, reason: 'x', requestedBy: 'sv', ...carried });
const sum = (facts: readonly { metric: string; value: number }[]) =>
  facts.reduce<Record<string, number>>((all, f) => ({ ...all, [f.metric]: (all[f.metric] ?? 0) + f.value }), {});

/** Given a Kube or a course folded so far, when one of its entries is revoked, then the facts that take it back. */
describe('outcome facts of a revoked Kube or course entry (ADR 0019)', () => {
  const kubeWith = (members: string[]) => {
    const context = memoryContext();
    outcomeFactsOf(
      context,
      on('kube-k1', 'KubeFormed', { kubeId: 'k1', ...area, householdIds: members, formedOn: '2026-02-01' }),
    );
    return context;
  };

  it('takes a grant and a report back in rupiah', () => {
    const context = kubeWith(['h1', 'h2']);
    expect(sum(outcomeFactsOf(context, revoked('kube-k1', 'KubeGrantDisbursed', { amount: 5_000_000 })))).toEqual({
      'kube.grantsRupiah': -5_000_000,
    });
    expect(sum(outcomeFactsOf(context, revoked('kube-k1', 'KubeBusinessReported', { amount: 900_000 })))).toEqual({
      'kube.reportedRevenueRupiah': -900_000,
    });
  });

  it('moves the member stock back for a joining or a leaving, once', () => {
    const context = kubeWith(['h1', 'h2', 'h3']);
    expect(sum(outcomeFactsOf(context, revoked('kube-k1', 'KubeMemberJoined', { householdId: 'h3' })))).toEqual({
      'kube.membersAtEnd': -1,
    });
    expect(context.kube('k1')!.members).toEqual(['h1', 'h2']);
    expect(outcomeFactsOf(context, revoked('kube-k1', 'KubeMemberJoined', { householdId: 'h3' }))).toEqual([]);
    expect(sum(outcomeFactsOf(context, revoked('kube-k1', 'KubeMemberLeft', { householdId: 'h3' })))).toEqual({
      'kube.membersAtEnd': 1,
    });
  });

  it('gives a revoked dissolution its group and members back', () => {
    const context = kubeWith(['h1', 'h2']);
    outcomeFactsOf(context, on('kube-k1', 'KubeDissolved', { kubeId: 'k1', householdIds: ['h1', 'h2'] }));
    expect(sum(outcomeFactsOf(context, revoked('kube-k1', 'KubeDissolved', { householdIds: ['h1', 'h2'] })))).toEqual({
      'kube.activeAtEnd': 1,
      'kube.membersAtEnd': 2,
    });
    expect(context.kube('k1')!.members).toEqual(['h1', 'h2']);
  });

  it("takes a participant's entry off its funnel count, an enrolment with its cost, a decline under its reason", () => {
    const context = memoryContext();
    context.setHousehold('h1', { ...area, persons: 4 });
    outcomeFactsOf(context, on('training-t1', 'CourseScheduled', { costPerParticipant: 750_000 }));
    const facts = (eventType: string, carried: object = {}) =>
      outcomeFactsOf(context, revoked('training-t1', eventType, { householdId: 'h1', nik: 'n1', ...carried }));
    expect(facts('InvitationAccepted')).toEqual([
      { metric: 'training.enrolled', value: -1, reason: null, area: { ...area, persons: 4 } },
      { metric: 'budget.trainingCostRupiah', value: -750_000, reason: null, area: { ...area, persons: 4 } },
    ]);
    expect(facts('InvitationDeclined', { code: 'childcare' })).toEqual([
      { metric: 'training.declined', value: -1, reason: 'childcare', area: { ...area, persons: 4 } },
    ]);
    expect(sum(facts('ParticipantInvited'))).toEqual({ 'training.invited': -1 });
    expect(sum(facts('TrainingCompleted'))).toEqual({ 'training.completed': -1 });
    expect(sum(facts('TrainingDroppedOut'))).toEqual({ 'training.droppedOut': -1 });
    expect(facts('SessionAttendanceRecorded')).toEqual([]);
  });
});

/** Given a family in PKH that graduated or was terminated, when that entry is revoked, then the stocks take it back. */
describe('outcome facts of a revoked PKH graduation or termination (ADR 0019)', () => {
  const pkh = (status: 'active' | 'suspended', ended: 'PkhGraduated' | 'PkhTerminated') => {
    const context = memoryContext();
    context.setHousehold('h1', { ...area, persons: 4 });
    outcomeFactsOf(context, on('pkh-h1', 'EnrolledInPkh', { householdId: 'h1', enrolledOn: '2026-01-10' }));
    if (status === 'suspended') outcomeFactsOf(context, on('pkh-h1', 'PkhSuspended', { householdId: 'h1' }));
    outcomeFactsOf(context, on('pkh-h1', ended, { householdId: 'h1' }));
    return context;
  };

  it('takes a graduation off its flow and gives the family back to the active stock', () => {
    const context = pkh('active', 'PkhGraduated');
    const facts = outcomeFactsOf(context, revoked('pkh-h1', 'PkhGraduated', { restored: { pkhStatus: 'active' } }));
    expect(sum(facts)).toEqual({ 'pkh.graduated': -1, 'pkh.activeAtEnd': 1 });
    expect(context.pkhStatus('h1')).toBe('active');
  });

  it('gives a family whose termination is revoked back to the suspended stock it left', () => {
    const context = pkh('suspended', 'PkhTerminated');
    const facts = outcomeFactsOf(context, revoked('pkh-h1', 'PkhTerminated', { restored: { pkhStatus: 'suspended' } }));
    expect(sum(facts)).toEqual({ 'pkh.terminated': -1, 'pkh.suspendedAtEnd': 1 });
    expect(context.pkhStatus('h1')).toBe('suspended');
    // A later suspension's revocation then moves the restored stock as usual.
    expect(sum(outcomeFactsOf(context, revoked('pkh-h1', 'PkhSuspended')))).toEqual({
      'pkh.suspendedAtEnd': -1,
      'pkh.activeAtEnd': 1,
    });
  });

  it('takes only the flow back when the family has left that status since, and nothing when the status is not carried', () => {
    const context = pkh('active', 'PkhGraduated');
    context.setPkhStatus('h1', 'active');
    expect(
      sum(outcomeFactsOf(context, revoked('pkh-h1', 'PkhGraduated', { restored: { pkhStatus: 'active' } }))),
    ).toEqual({ 'pkh.graduated': -1 });
    expect(context.pkhStatus('h1')).toBe('active');
    const older = pkh('active', 'PkhTerminated');
    expect(outcomeFactsOf(older, revoked('pkh-h1', 'PkhTerminated'))).toEqual([]);
    expect(older.pkhStatus('h1')).toBe('terminated');
  });
});
