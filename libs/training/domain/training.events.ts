import type { DomainEvent } from '#libs/platform/domain/index.js';

/** Vocational courses (sewing, catering, ...) and PKH family development sessions (P2K2). */
export type CourseKind = 'vocational' | 'family_session';
/** Coded, because the city reports low interest as the main obstacle and wants to see why. */
export const DECLINE_REASONS = [
  'no_time',
  'childcare',
  'working',
  'transport_cost',
  'not_interested',
  'health',
  'other',
] as const;
export type DeclineReason = (typeof DECLINE_REASONS)[number];
export const DROP_OUT_REASONS = ['found_work', 'childcare', 'health', 'moved', 'lost_interest', 'other'] as const;
export type DropOutReason = (typeof DROP_OUT_REASONS)[number];

export interface Course {
  courseId: string;
  kind: CourseKind;
  skill: string | null;
  title: string;
  provider: string;
  capacity: number;
  sessions: number;
  startsOn: string;
  endsOn: string;
  kecamatan: string;
  kelurahan: string;
  costPerParticipant: number;
}

type Participant = { courseId: string; householdId: string; nik: string };

export type TrainingEvent =
  | DomainEvent<'CourseScheduled', Course>
  | DomainEvent<'ParticipantInvited', Participant>
  | DomainEvent<'InvitationAccepted', Participant>
  | DomainEvent<'InvitationDeclined', Participant & { reason: DeclineReason; detail: string | null }>
  | DomainEvent<
      'SessionAttendanceRecorded',
      {
        courseId: string;
        sessionNo: number;
        heldOn: string;
        /** NIKs of the participants present; once a household is erased, its members' markers. */
        present: string[];
        /** The households present, each once. */
        householdIds: string[];
        /**
         * The household of each NIK in `present`, in the same order: each household's NIKs are
         * sealed under its own key (ADR 0010). Absent in events recorded before it existed.
         */
        presentHouseholds?: string[];
      }
    >
  | DomainEvent<'TrainingCompleted', Participant & { certificateNo: string | null }>
  | DomainEvent<'TrainingDroppedOut', Participant & { reason: DropOutReason; detail: string | null }>;

export const TRAINING_EVENT_TYPES: readonly TrainingEvent['type'][] = [
  'CourseScheduled',
  'ParticipantInvited',
  'InvitationAccepted',
  'InvitationDeclined',
  'SessionAttendanceRecorded',
  'TrainingCompleted',
  'TrainingDroppedOut',
];
