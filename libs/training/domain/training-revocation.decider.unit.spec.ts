import { describe, expect, it } from '@jest/globals';
import {
  dependentsOf,
  fold,
  type RevocationCommand,
  type RevocationEvent,
  type RevocationRole,
  type RevocationTarget,
} from '#libs/platform/domain/index.js';
import { deciderSpecification } from '#libs/platform/testing/decider-specification.js';
import { TRAINING_REVOCATION_RULES, seatsTaken, trainingDecider, type TrainingCommand } from './training.decider.js';
import type { Course, TrainingEvent } from './training.events.js';

/** Corrections of course entries (ADR 0019, "Kube and courses"): given the course's stream, when a revocation, then. */
const spec = deciderSpecification(trainingDecider);
const at = '2026-03-01T08:00:00.000Z';
const course: Course = {
  courseId: 't1',
  kind: 'vocational',
  skill: 'sewing',
  title: 'Menjahit dasar',
  provider: 'BLK Kota Bekasi',
  capacity: 2,
  sessions: 4,
  startsOn: '2026-04-01',
  endsOn: '2026-04-30',
  kecamatan: 'Bekasi Utara',
  kelurahan: 'Harapan Jaya',
  costPerParticipant: 750_000,
};
const scheduled: TrainingEvent = { type: 'CourseScheduled', data: course };
const p = (nik: string) => ({ courseId: 't1', householdId: `h${nik}`, nik });
const invited = (nik: string): TrainingEvent => ({ type: 'ParticipantInvited', data: p(nik) });
const accepted = (nik: string): TrainingEvent => ({ type: 'InvitationAccepted', data: p(nik) });
const declined = (nik: string): TrainingEvent => ({
  type: 'InvitationDeclined',
  data: { ...p(nik), reason: 'childcare', detail: null },
});
const completed = (nik: string): TrainingEvent => ({
  type: 'TrainingCompleted',
  data: { ...p(nik), certificateNo: 'C-1' },
});
const droppedOut = (nik: string): TrainingEvent => ({
  type: 'TrainingDroppedOut',
  data: { ...p(nik), reason: 'found_work', detail: null },
});
const session = (sessionNo: number, present: string[]): TrainingEvent => ({
  type: 'SessionAttendanceRecorded',
  data: {
    courseId: 't1',
    sessionNo,
    heldOn: '2026-04-02',
    present,
    householdIds: [...new Set(present.map((n) => `h${n}`))],
    presentHouseholds: present.map((n) => `h${n}`),
  },
});
/** Scheduled (0), 1 and 2 invited (1, 2) and enrolled (3, 4), sessions 1 and 2 held with both (5, 6). */
const running = [
  scheduled,
  invited('1'),
  invited('2'),
  accepted('1'),
  accepted('2'),
  session(1, ['1', '2']),
  session(2, ['1', '2']),
];

const target = (revision: number, eventType: string, carried: Partial<RevocationTarget> = {}): RevocationTarget => ({
  eventId: `e-${revision}`,
  eventType,
  revision,
  ...carried,
});
const request = (role: RevocationRole, t: RevocationTarget): RevocationCommand => ({
  type: 'RequestRevocation',
  data: { ...t, reason: 'Wrong participant ticked', by: role === 'caseworker' ? 'cw-01' : 'sv-01', role },
});
const revokedBy = (role: RevocationRole, t: RevocationTarget): RevocationEvent => ({
  type: 'EventRevoked',
  data: { ...t, reason: 'Wrong participant ticked', requestedBy: role === 'caseworker' ? 'cw-01' : 'sv-01' },
});
const askedBy = (t: RevocationTarget): RevocationEvent => ({
  type: 'RevocationRequested',
  data: { ...t, reason: 'Wrong participant ticked', requestedBy: 'cw-01' },
});
const all = (events: (TrainingEvent | RevocationEvent)[]) => events as TrainingEvent[];
const complete = (nik: string): TrainingCommand => ({
  type: 'CompleteTraining',
  data: { nik, certificateNo: 'C-2', at },
});

describe('revoking a course entry', () => {
  it('refuses to revoke the scheduling: it is the course itself', () => {
    spec
      .given([scheduled])
      .when(request('supervisor', target(0, 'CourseScheduled')))
      .thenRefuses('REVOCATION.EVENT_NOT_REVOCABLE');
  });

  it("revokes an attendance at once on a caseworker's request; the session can be recorded again", () => {
    const t = target(6, 'SessionAttendanceRecorded');
    spec
      .given(running)
      .when(request('caseworker', t))
      .then([revokedBy('caseworker', t)]);
    const state = fold(trainingDecider, all([...running, revokedBy('caseworker', t)]));
    expect(state.sessionsHeld).toEqual([1]);
    expect(state.participants['1']?.attended).toBe(1);
    spec
      .given(all([...running, revokedBy('caseworker', t)]))
      .when({ type: 'RecordSessionAttendance', data: { sessionNo: 2, heldOn: '2026-04-09', present: ['1'], at } })
      .then([session(2, ['1'])].map((e) => ({ ...e, data: { ...e.data, heldOn: '2026-04-09' } }) as TrainingEvent));
  });

  it("revokes an invitation at once on a caseworker's request: the person can be invited again", () => {
    const t = target(1, 'ParticipantInvited', { householdId: 'h3', nik: '3' });
    spec
      .given([scheduled, invited('3')])
      .when(request('caseworker', t))
      .then([revokedBy('caseworker', t)]);
    spec
      .given(all([scheduled, invited('3'), revokedBy('caseworker', t)]))
      .when({ type: 'InviteParticipant', data: { householdId: 'h3', nik: '3', invitee: 'member', at } })
      .then([invited('3')]);
  });

  it("records a caseworker's revocation of an enrolment, a decline, a completion or a drop-out as a request", () => {
    const stream = [...running, completed('1'), droppedOut('2'), invited('3'), declined('3')];
    const cases = [
      target(3, 'InvitationAccepted', { householdId: 'h1', nik: '1' }),
      target(7, 'TrainingCompleted', { householdId: 'h1', nik: '1' }),
      target(8, 'TrainingDroppedOut', { householdId: 'h2', nik: '2', code: 'found_work' }),
      target(10, 'InvitationDeclined', { householdId: 'h3', nik: '3', code: 'childcare' }),
    ];
    for (const t of cases)
      spec
        .given(stream)
        .when(request('caseworker', t))
        .then([askedBy(t)]);
  });

  it('a revoked completion puts the participant back to enrolled, who can complete again', () => {
    const t = target(7, 'TrainingCompleted', { householdId: 'h1', nik: '1' });
    const stream = all([...running, completed('1'), askedBy(t), revokedBy('caseworker', t)]);
    expect(fold(trainingDecider, stream).participants['1']).toEqual({
      householdId: 'h1',
      status: 'enrolled',
      attended: 2,
    });
    spec
      .given(stream)
      .when(complete('1'))
      .then([{ type: 'TrainingCompleted', data: { ...p('1'), certificateNo: 'C-2' } }]);
  });

  it('a revoked drop-out takes the seat back: the course is full again', () => {
    const t = target(7, 'TrainingDroppedOut', { householdId: 'h2', nik: '2' });
    const stream = all([...running, droppedOut('2'), invited('3'), revokedBy('supervisor', t)]);
    expect(seatsTaken(fold(trainingDecider, stream))).toBe(2);
    spec
      .given(stream)
      .when({ type: 'AcceptInvitation', data: { nik: '3', at } })
      .thenRefuses('TRAINING.COURSE_FULL');
  });

  it('a revoked enrolment frees the seat and leaves the participant invited', () => {
    const t = target(4, 'InvitationAccepted', { householdId: 'h2', nik: '2' });
    const state = fold(
      trainingDecider,
      all([scheduled, invited('1'), invited('2'), accepted('1'), accepted('2'), revokedBy('supervisor', t)]),
    );
    expect(state.participants['2']).toEqual({ householdId: 'h2', status: 'invited', attended: 0 });
    expect(seatsTaken(state)).toBe(1);
  });

  it("lists an invitation's dependents: that person's answer and outcome, not another's", () => {
    const { revocations } = fold(trainingDecider, [...running, completed('1'), completed('2')]);
    expect(dependentsOf(revocations, 1, TRAINING_REVOCATION_RULES)).toEqual([3, 7]);
  });

  it("lists an enrolment's dependent: that person's completion or drop-out", () => {
    const { revocations } = fold(trainingDecider, [...running, droppedOut('2'), completed('1')]);
    expect(dependentsOf(revocations, 4, TRAINING_REVOCATION_RULES)).toEqual([7]);
  });

  it("lists an attendance's dependents: every completion after it, which counted it", () => {
    const { revocations } = fold(trainingDecider, [...running, completed('1'), completed('2')]);
    expect(dependentsOf(revocations, 6, TRAINING_REVOCATION_RULES)).toEqual([7, 8]);
  });

  it('lists no dependents of a completion, a drop-out or a decline', () => {
    const { revocations } = fold(trainingDecider, [
      ...running,
      completed('1'),
      droppedOut('2'),
      invited('3'),
      declined('3'),
    ]);
    for (const revision of [7, 8, 10])
      expect(dependentsOf(revocations, revision, TRAINING_REVOCATION_RULES)).toEqual([]);
  });
});
