import {
  conflict,
  notFound,
  revocable,
  ruleBroken,
  unreachable,
  type Decider,
  type RevocationRules,
} from '#libs/platform/domain/index.js';
import type { Course, DeclineReason, DropOutReason, TrainingEvent } from './training.events.js';

export type ParticipantStatus = 'invited' | 'enrolled' | 'declined' | 'completed' | 'dropped_out';

export interface ParticipantState {
  householdId: string;
  status: ParticipantStatus;
  attended: number;
}

export interface TrainingState {
  course: Course | null;
  participants: Record<string, ParticipantState>;
  sessionsHeld: number[];
}

/** What the household registry says of the person invited. */
export type InviteeStanding = 'member' | 'not_a_member' | 'household_not_registered';

export type TrainingCommand =
  | { type: 'ScheduleCourse'; data: Course & { at: string } }
  | { type: 'InviteParticipant'; data: { householdId: string; nik: string; invitee: InviteeStanding; at: string } }
  | { type: 'AcceptInvitation'; data: { nik: string; at: string } }
  | { type: 'DeclineInvitation'; data: { nik: string; reason: DeclineReason; detail: string | null; at: string } }
  | { type: 'RecordSessionAttendance'; data: { sessionNo: number; heldOn: string; present: string[]; at: string } }
  | { type: 'CompleteTraining'; data: { nik: string; certificateNo: string | null; at: string } }
  | { type: 'RecordDropOut'; data: { nik: string; reason: DropOutReason; detail: string | null; at: string } };

/** Share of the sessions held that a participant must attend to complete. */
export const MINIMUM_ATTENDANCE = 0.75;

/** Seats taken: enrolled and completed participants (a drop-out frees a seat). */
export const seatsTaken = (state: TrainingState): number =>
  Object.values(state.participants).filter((p) => p.status === 'enrolled' || p.status === 'completed').length;

const trainingRules: Decider<TrainingCommand, TrainingEvent, TrainingState> = {
  initialState: () => ({ course: null, participants: {}, sessionsHeld: [] }),
  evolve(state, event) {
    const set = (nik: string, change: Partial<ParticipantState> & { householdId?: string }) => ({
      ...state,
      participants: {
        ...state.participants,
        [nik]: { ...(state.participants[nik] ?? { householdId: '', status: 'invited', attended: 0 }), ...change },
      },
    });
    switch (event.type) {
      case 'CourseScheduled':
        return { ...state, course: event.data };
      case 'ParticipantInvited':
        return set(event.data.nik, { householdId: event.data.householdId, status: 'invited', attended: 0 });
      case 'InvitationAccepted':
        return set(event.data.nik, { householdId: event.data.householdId, status: 'enrolled' });
      case 'InvitationDeclined':
        return set(event.data.nik, { householdId: event.data.householdId, status: 'declined' });
      case 'SessionAttendanceRecorded': {
        const participants = { ...state.participants };
        // An erased household's members read as markers, the same marker in its invitation as
        // here, so they still count; an element that matches no one (a plain marker) counts nobody.
        for (const nik of event.data.present) {
          const participant = participants[nik];
          if (participant) participants[nik] = { ...participant, attended: participant.attended + 1 };
        }
        return { ...state, participants, sessionsHeld: [...state.sessionsHeld, event.data.sessionNo] };
      }
      case 'TrainingCompleted':
        return set(event.data.nik, { householdId: event.data.householdId, status: 'completed' });
      case 'TrainingDroppedOut':
        return set(event.data.nik, { householdId: event.data.householdId, status: 'dropped_out' });
      default:
        return state;
    }
  },
  decide(command, state) {
    if (command.type === 'ScheduleCourse') {
      const { at: _at, ...course } = command.data;
      if (state.course) throw conflict('TRAINING.ALREADY_SCHEDULED', 'This course is already scheduled');
      if (course.endsOn < course.startsOn)
        throw ruleBroken('TRAINING.ENDS_BEFORE_IT_STARTS', 'endsOn is before startsOn');
      if (course.kind === 'vocational' && !course.skill)
        throw ruleBroken('TRAINING.SKILL_REQUIRED', 'A vocational course names its skill');
      return [{ type: 'CourseScheduled', data: course }];
    }
    const course = state.course;
    if (!course) throw notFound('TRAINING.NOT_FOUND', 'No course is scheduled under this id');
    const { courseId } = course;
    switch (command.type) {
      case 'InviteParticipant': {
        const { householdId, nik, invitee } = command.data;
        if (invitee === 'household_not_registered')
          throw notFound('TRAINING.HOUSEHOLD_NOT_REGISTERED', `No household ${householdId}`, { householdId });
        if (invitee === 'not_a_member')
          throw ruleBroken('TRAINING.NOT_A_HOUSEHOLD_MEMBER', `NIK ${nik} is not a member of household ${householdId}`);
        if (state.participants[nik]) throw ruleBroken('TRAINING.ALREADY_INVITED', `NIK ${nik} is already invited`);
        return [{ type: 'ParticipantInvited', data: { courseId, householdId, nik } }];
      }
      case 'AcceptInvitation': {
        const { nik } = command.data;
        const participant = mustBe(state, nik, 'invited', 'TRAINING.NOT_AWAITING_ANSWER');
        if (seatsTaken(state) >= course.capacity) {
          throw ruleBroken('TRAINING.COURSE_FULL', `All ${course.capacity} places are taken`, {
            capacity: course.capacity,
          });
        }
        return [{ type: 'InvitationAccepted', data: { courseId, householdId: participant.householdId, nik } }];
      }
      case 'DeclineInvitation': {
        const { nik, reason, detail } = command.data;
        const participant = mustBe(state, nik, 'invited', 'TRAINING.NOT_AWAITING_ANSWER');
        return [
          { type: 'InvitationDeclined', data: { courseId, householdId: participant.householdId, nik, reason, detail } },
        ];
      }
      case 'RecordSessionAttendance': {
        const { sessionNo, heldOn, present } = command.data;
        if (sessionNo < 1 || sessionNo > course.sessions) {
          throw ruleBroken('TRAINING.UNKNOWN_SESSION', `The course has sessions 1 to ${course.sessions}`);
        }
        if (state.sessionsHeld.includes(sessionNo))
          throw ruleBroken('TRAINING.SESSION_ALREADY_RECORDED', `Session ${sessionNo} is recorded`);
        const unique = [...new Set(present)];
        const presentHouseholds = unique.map(
          (nik) => mustBe(state, nik, 'enrolled', 'TRAINING.NOT_ENROLLED').householdId,
        );
        const householdIds = [...new Set(presentHouseholds)];
        return [
          {
            type: 'SessionAttendanceRecorded',
            data: { courseId, sessionNo, heldOn, present: unique, householdIds, presentHouseholds },
          },
        ];
      }
      case 'CompleteTraining': {
        const { nik, certificateNo } = command.data;
        const participant = mustBe(state, nik, 'enrolled', 'TRAINING.NOT_ENROLLED');
        if (course.kind === 'vocational' && !certificateNo) {
          throw ruleBroken('TRAINING.CERTIFICATE_REQUIRED', 'A vocational course completes with a certificate number');
        }
        const held = state.sessionsHeld.length;
        if (held === 0 || participant.attended < Math.ceil(held * MINIMUM_ATTENDANCE)) {
          throw ruleBroken(
            'TRAINING.ATTENDANCE_TOO_LOW',
            `Attended ${participant.attended} of ${held} sessions; at least ${MINIMUM_ATTENDANCE * 100}% are needed`,
          );
        }
        return [
          { type: 'TrainingCompleted', data: { courseId, householdId: participant.householdId, nik, certificateNo } },
        ];
      }
      case 'RecordDropOut': {
        const { nik, reason, detail } = command.data;
        const participant = mustBe(state, nik, 'enrolled', 'TRAINING.NOT_ENROLLED');
        return [
          { type: 'TrainingDroppedOut', data: { courseId, householdId: participant.householdId, nik, reason, detail } },
        ];
      }
      default:
        return unreachable(command);
    }
  },
};

/**
 * What a course entry's revocation asks (ADR 0019, "Kube and courses"). The course's scheduling
 * is its identity: it cannot be revoked. A participant's enrolment (a seat and its cost), answer
 * declined, completion (a graduation the reports count) and drop-out moved a person's status: a
 * caseworker asks, a supervisor approves. An invitation and a session's attendance are records a
 * caseworker revokes at once (a session revoked can be recorded again). What followed, for
 * review, of the same NIK where both name one: from an invitation, the answer and its outcome;
 * from an enrolment, the completion or drop-out; from an attendance, the completions after it
 * (they counted it).
 */
export const TRAINING_REVOCATION_RULES: RevocationRules = {
  irrevocable: ['CourseScheduled'],
  needApproval: ['InvitationAccepted', 'InvitationDeclined', 'TrainingCompleted', 'TrainingDroppedOut'],
  follows: {
    ParticipantInvited: ['InvitationAccepted', 'InvitationDeclined', 'TrainingCompleted', 'TrainingDroppedOut'],
    InvitationAccepted: ['TrainingCompleted', 'TrainingDroppedOut'],
    SessionAttendanceRecorded: ['TrainingCompleted'],
  },
  key: 'nik',
};

/** The course rules with corrections: a revoked entry is folded as if it had not happened. */
export const trainingDecider = revocable(trainingRules, TRAINING_REVOCATION_RULES);

function mustBe(state: TrainingState, nik: string, status: ParticipantStatus, code: string): ParticipantState {
  const participant = state.participants[nik];
  if (!participant) throw notFound('TRAINING.NOT_INVITED', `NIK ${nik} is not invited to this course`, { nik });
  if (participant.status !== status)
    throw ruleBroken(code, `NIK ${nik} is ${participant.status}, not ${status}`, { nik });
  return participant;
}
