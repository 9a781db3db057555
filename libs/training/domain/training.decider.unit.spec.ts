import { describe, expect, it } from '@jest/globals';
import { deciderSpecification } from '#libs/platform/testing/decider-specification.js';
import { seatsTaken, trainingDecider, type InviteeStanding, type TrainingCommand } from './training.decider.js';
import type { Course, TrainingEvent } from './training.events.js';

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
const accept = (nik: string): TrainingCommand => ({ type: 'AcceptInvitation', data: { nik, at } });
const complete = (nik: string, certificateNo: string | null = 'CERT-1'): TrainingCommand => ({
  type: 'CompleteTraining',
  data: { nik, certificateNo, at },
});
const spec = deciderSpecification(trainingDecider);

describe('training decider', () => {
  describe('a course', () => {
    it('is scheduled', () => {
      spec
        .given([])
        .when({ type: 'ScheduleCourse', data: { ...course, at } })
        .then([scheduled]);
    });
    it('ends after it starts', () => {
      spec
        .given([])
        .when({ type: 'ScheduleCourse', data: { ...course, endsOn: '2026-03-01', at } })
        .thenRefuses('TRAINING.ENDS_BEFORE_IT_STARTS');
    });
    it('names its skill when it is vocational', () => {
      spec
        .given([])
        .when({ type: 'ScheduleCourse', data: { ...course, skill: null, at } })
        .thenRefuses('TRAINING.SKILL_REQUIRED');
    });
    it('needs no skill when it is a family session', () => {
      spec
        .given([])
        .when({ type: 'ScheduleCourse', data: { ...course, kind: 'family_session', skill: null, at } })
        .then([{ type: 'CourseScheduled', data: { ...course, kind: 'family_session', skill: null } }]);
    });
    it('is scheduled once', () => {
      spec
        .given([scheduled])
        .when({ type: 'ScheduleCourse', data: { ...course, at } })
        .thenRefuses('TRAINING.ALREADY_SCHEDULED');
    });
  });

  describe('an invitation', () => {
    const invite = (invitee: InviteeStanding = 'member'): TrainingCommand => ({
      type: 'InviteParticipant',
      data: { householdId: 'h1', nik: '1', invitee, at },
    });
    it('goes to a member of the household', () => {
      spec
        .given([scheduled])
        .when(invite())
        .then([invited('1')]);
    });
    it('is refused for a person who is not a member of the household', () => {
      spec.given([scheduled]).when(invite('not_a_member')).thenRefuses('TRAINING.NOT_A_HOUSEHOLD_MEMBER');
    });
    it('is refused for a household that is not registered', () => {
      spec
        .given([scheduled])
        .when(invite('household_not_registered'))
        .thenRefuses('TRAINING.HOUSEHOLD_NOT_REGISTERED', { householdId: 'h1' });
    });
    it('goes to each person once', () => {
      spec
        .given([scheduled, invited('1')])
        .when(invite())
        .thenRefuses('TRAINING.ALREADY_INVITED');
    });
    it('needs a scheduled course', () => {
      spec.given([]).when(invite()).thenRefuses('TRAINING.NOT_FOUND');
    });
  });

  describe('accepting an invitation', () => {
    it('enrols an invited person while there is a place', () => {
      spec
        .given([scheduled, invited('1')])
        .when(accept('1'))
        .then([accepted('1')]);
    });
    it('never enrols beyond capacity', () => {
      spec
        .given([scheduled, invited('1'), invited('2'), invited('3'), accepted('1'), accepted('2')])
        .when(accept('3'))
        .thenRefuses('TRAINING.COURSE_FULL', { capacity: 2 });
    });
    it('is for invited people only', () => {
      spec.given([scheduled]).when(accept('9')).thenRefuses('TRAINING.NOT_INVITED');
    });
    it('answers an invitation once', () => {
      spec
        .given([scheduled, invited('1'), accepted('1')])
        .when(accept('1'))
        .thenRefuses('TRAINING.NOT_AWAITING_ANSWER');
    });
  });

  describe('a drop-out', () => {
    const dropped: TrainingEvent = {
      type: 'TrainingDroppedOut',
      data: { ...p('1'), reason: 'found_work', detail: null },
    };

    it('is recorded with its coded reason', () => {
      spec
        .given([scheduled, invited('1'), accepted('1')])
        .when({ type: 'RecordDropOut', data: { nik: '1', reason: 'found_work', detail: null, at } })
        .then([dropped]);
    });
    it('frees a place', () => {
      spec
        .given([scheduled, invited('1'), invited('2'), invited('3'), accepted('1'), accepted('2'), dropped])
        .when(accept('3'))
        .then([accepted('3')]);
    });
  });

  it('records a declined invitation with its coded reason', () =>
    spec
      .given([scheduled, invited('1')])
      .when({
        type: 'DeclineInvitation',
        data: { nik: '1', reason: 'childcare', detail: 'No one to mind the baby', at },
      })
      .then([
        { type: 'InvitationDeclined', data: { ...p('1'), reason: 'childcare', detail: 'No one to mind the baby' } },
      ]));

  describe('session attendance', () => {
    const record = (sessionNo: number, present: string[]): TrainingCommand => ({
      type: 'RecordSessionAttendance',
      data: { sessionNo, heldOn: '2026-04-02', present, at },
    });

    it('records who was present, each person once', () => {
      spec
        .given([scheduled, invited('1'), accepted('1')])
        .when(record(1, ['1', '1']))
        .then([session(1, ['1'])]);
    });
    it("names each person's household beside them, and each household once", () => {
      const sameHome = (nik: string): TrainingEvent => ({
        type: 'ParticipantInvited',
        data: { ...p(nik), householdId: 'h1' },
      });
      const enrolled = (nik: string): TrainingEvent => ({
        type: 'InvitationAccepted',
        data: { ...p(nik), householdId: 'h1' },
      });
      spec
        .given([scheduled, sameHome('1'), enrolled('1'), sameHome('3'), enrolled('3'), invited('2'), accepted('2')])
        .when(record(1, ['1', '2', '3']))
        .then([
          {
            type: 'SessionAttendanceRecorded',
            data: {
              courseId: 't1',
              sessionNo: 1,
              heldOn: '2026-04-02',
              present: ['1', '2', '3'],
              householdIds: ['h1', 'h2'],
              presentHouseholds: ['h1', 'h2', 'h1'],
            },
          },
        ]);
    });
    it('is recorded once per session', () => {
      spec
        .given([scheduled, invited('1'), accepted('1'), session(1, ['1'])])
        .when(record(1, ['1']))
        .thenRefuses('TRAINING.SESSION_ALREADY_RECORDED');
    });
    it("is recorded only for the course's own sessions", () => {
      spec
        .given([scheduled, invited('1'), accepted('1')])
        .when(record(5, ['1']))
        .thenRefuses('TRAINING.UNKNOWN_SESSION');
    });
    it('counts enrolled people only', () => {
      spec
        .given([scheduled, invited('1')])
        .when(record(1, ['1']))
        .thenRefuses('TRAINING.NOT_ENROLLED', { nik: '1' });
    });
  });

  describe('completion', () => {
    const base = [scheduled, invited('1'), accepted('1')];
    const attended = [...base, session(1, ['1']), session(2, ['1']), session(3, ['1']), session(4, [])];

    it('comes with a certificate after attending at least three quarters of the sessions held', () => {
      spec
        .given(attended)
        .when(complete('1'))
        .then([{ type: 'TrainingCompleted', data: { ...p('1'), certificateNo: 'CERT-1' } }]);
    });
    it('of a vocational course needs a certificate number', () => {
      spec.given(attended).when(complete('1', null)).thenRefuses('TRAINING.CERTIFICATE_REQUIRED');
    });
    it('is refused below three quarters of the sessions held', () => {
      spec
        .given([...base, session(1, ['1']), session(2, []), session(3, [])])
        .when(complete('1'))
        .thenRefuses('TRAINING.ATTENDANCE_TOO_LOW');
    });
    it('is refused before any session is held', () => {
      spec.given(base).when(complete('1')).thenRefuses('TRAINING.ATTENDANCE_TOO_LOW');
    });
    it('still counts once another household is erased: its members read as markers of their own', () => {
      // Erased, the NIKs of household h9 read as one marker per person, the same in every event.
      const [gone1, gone2] = ['[erased:0123456789ab]', '[erased:ba9876543210]'];
      const member = (nik: string) => ({ courseId: 't1', householdId: 'h9', nik });
      const held = (sessionNo: number, present: string[]): TrainingEvent => ({
        type: 'SessionAttendanceRecorded',
        data: { courseId: 't1', sessionNo, heldOn: '2026-04-02', present, householdIds: ['h9'] },
      });
      const history: TrainingEvent[] = [
        scheduled,
        ...[gone1, gone2].flatMap((nik): TrainingEvent[] => [
          { type: 'ParticipantInvited', data: member(nik) },
          { type: 'InvitationAccepted', data: member(nik) },
        ]),
        invited('1'),
        held(1, [gone1, gone2]),
        held(2, [gone1]),
        // A plain marker (data stored after the erasure) matches no one and counts nobody.
        held(3, ['[erased]']),
      ];
      const state = history.reduce(trainingDecider.evolve, trainingDecider.initialState());
      expect(seatsTaken(state)).toBe(2);
      expect(state.participants[gone1]).toEqual({ householdId: 'h9', status: 'enrolled', attended: 2 });
      expect(state.participants[gone2]).toEqual({ householdId: 'h9', status: 'enrolled', attended: 1 });
      expect(state.sessionsHeld).toEqual([1, 2, 3]);
      // The course stays full (capacity 2) for the other household.
      spec.given(history).when(accept('1')).thenRefuses('TRAINING.COURSE_FULL');
    });
    it('completes at 75 % for one household while an erased one attended the same sessions', () => {
      const gone = { courseId: 't1', householdId: 'h9', nik: '[erased:0123456789ab]' };
      const held = (sessionNo: number, present: string[]): TrainingEvent => ({
        type: 'SessionAttendanceRecorded',
        data: { courseId: 't1', sessionNo, heldOn: '2026-04-02', present, householdIds: ['h1', 'h9'] },
      });
      spec
        .given([
          scheduled,
          { type: 'ParticipantInvited', data: gone },
          { type: 'InvitationAccepted', data: gone },
          invited('1'),
          accepted('1'),
          held(1, [gone.nik, '1']),
          held(2, ['1']),
          held(3, [gone.nik, '1']),
          held(4, [gone.nik]),
        ])
        .when(complete('1'))
        .then([{ type: 'TrainingCompleted', data: { ...p('1'), certificateNo: 'CERT-1' } }]);
    });
    it('is for enrolled people only', () => {
      spec
        .given([scheduled, invited('1')])
        .when(complete('1'))
        .thenRefuses('TRAINING.NOT_ENROLLED');
    });
  });
});
