import type { EventPrivacy } from '#libs/platform/domain/index.js';
import type { TrainingEvent } from './training.events.js';

const participant = { courseId: 'public', householdId: 'household', nik: 'person' } as const;

/**
 * What a PII-free reader sees of each training event (ADR 0010). Decline and drop-out reasons are
 * codes (the city wants to see why); their `detail` is free text. A course's title and provider
 * are free text too, and so is its skill (any 2 to 60 characters typed by staff, not a coded list;
 * no report groups by it): dropped.
 */
export const TRAINING_PRIVACY: EventPrivacy<TrainingEvent> = {
  CourseScheduled: {
    courseId: 'public',
    kind: 'public',
    skill: 'personal',
    title: 'personal',
    provider: 'personal',
    capacity: 'public',
    sessions: 'public',
    startsOn: 'public',
    endsOn: 'public',
    kecamatan: 'public',
    kelurahan: 'public',
    costPerParticipant: 'public',
  },
  ParticipantInvited: participant,
  InvitationAccepted: participant,
  InvitationDeclined: { ...participant, reason: 'public', detail: 'personal' },
  SessionAttendanceRecorded: {
    courseId: 'public',
    sessionNo: 'public',
    heldOn: 'public',
    present: 'person',
    householdIds: 'household',
    presentHouseholds: 'household',
  },
  TrainingCompleted: { ...participant, certificateNo: 'personal' },
  TrainingDroppedOut: { ...participant, reason: 'public', detail: 'personal' },
};

/**
 * An attendance list names members of several households: each NIK is sealed under the key of
 * the household at the same index of `presentHouseholds`, so erasing one household blanks only
 * its members (ADR 0010).
 */
export const TRAINING_OWNED_ELEMENTS: Readonly<Record<string, { list: string; owners: string }>> = {
  SessionAttendanceRecorded: { list: 'present', owners: 'presentHouseholds' },
};
