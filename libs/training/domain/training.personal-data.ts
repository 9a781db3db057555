import type { TrainingEvent } from './training.events.js';

/**
 * Personal fields of training events, sealed under the participant's household key (ADR 0010).
 * A session's attendance names several households in one event and is not sealed (ADR 0010,
 * what erasure does not promise).
 */
export const TRAINING_PERSONAL_FIELDS: Record<TrainingEvent['type'], readonly string[]> = {
  CourseScheduled: [],
  ParticipantInvited: ['nik'],
  InvitationAccepted: ['nik'],
  InvitationDeclined: ['nik', 'detail'],
  SessionAttendanceRecorded: [],
  TrainingCompleted: ['nik'],
  TrainingDroppedOut: ['nik', 'detail'],
};
