import type { Transaction } from 'kysely';
import { HOUSEHOLD_CATEGORY } from '#libs/households/index.js';
import type { KubeEvent } from '#libs/kube/index.js';
import { PKH_CATEGORY } from '#libs/pkh/index.js';
import type { RevocationEvent } from '#libs/platform/domain/index.js';
import { categoryOf, idOf } from '#libs/platform/event-store/index.js';
import { otherEvent, type Recorded } from '#libs/platform/read-store/index.js';
import type { TrainingEvent } from '#libs/training/index.js';
import type { SupervisorQueueTables } from './supervisor-queue.table.js';

/** The events that place a Kube group or a course in an area: their revocations are queued there. */
export type PlaceEvent =
  Extract<KubeEvent, { type: 'KubeFormed' }> | Extract<TrainingEvent, { type: 'CourseScheduled' }>;
export type RevocationQueueEvent = RevocationEvent | PlaceEvent;

export const REVOCATION_QUEUE_TYPES: readonly RevocationQueueEvent['type'][] = [
  'RevocationRequested',
  'EventRevoked',
  'RevocationRejected',
  'KubeFormed',
  'CourseScheduled',
];

/** Streams named after a household: a revocation there is in the household's area. */
const HOUSEHOLD_STREAMS: readonly string[] = [PKH_CATEGORY, HOUSEHOLD_CATEGORY];
const householdOf = (stream: string): string | null =>
  HOUSEHOLD_STREAMS.includes(categoryOf(stream)) ? idOf(stream) : null;

/**
 * Revocations a caseworker asked for (ADR 0019) wait in the queue, keyed by the entry's event id,
 * until approved (`EventRevoked`) or rejected; a supervisor's own revocation applies at once and is
 * never queued. Any stream wrapped by `revocable` may hold them: the household's (PKH, household),
 * whose rows follow the household's area, or a Kube group's or course's, placed by its area.
 */
export async function applyRevocationQueueEvent(
  trx: Transaction<SupervisorQueueTables>,
  event: Recorded<RevocationQueueEvent>,
): Promise<void> {
  switch (event.type) {
    case 'RevocationRequested': {
      const { eventId, eventType, requestedBy, reason, householdId } = event.data;
      const household = householdOf(event.stream);
      await trx
        .insertInto('queue_revocations')
        .values({
          event_id: eventId,
          stream: event.stream,
          household_id: household,
          about_household_id: household ?? householdId ?? null,
          entry_type: eventType,
          requested_by: requestedBy,
          requested_at: event.recordedAt,
          reason,
        })
        .onConflict((oc) => oc.column('event_id').doNothing())
        .execute();
      return;
    }
    case 'EventRevoked':
    case 'RevocationRejected':
      await trx.deleteFrom('queue_revocations').where('event_id', '=', event.data.eventId).execute();
      return;
    case 'KubeFormed':
    case 'CourseScheduled': {
      const { kecamatan, kelurahan } = event.data;
      await trx
        .insertInto('queue_places')
        .values({ stream: event.stream, kecamatan, kelurahan })
        .onConflict((oc) => oc.column('stream').doNothing())
        .execute();
      return;
    }
    default:
      otherEvent(event);
  }
}
