import type { Transaction } from 'kysely';
import type { CaseworkEvent } from '#libs/casework/index.js';
import type { ComplaintEvent } from '#libs/complaints/index.js';
import { otherEvent, type Recorded } from '#libs/platform/read-store/index.js';
import type { SupervisorQueueTables } from './supervisor-queue.table.js';

export type CaseworkQueueEvent = CaseworkEvent | ComplaintEvent;

/** Casework and complaint events that change nothing a supervisor waits on (the many: skipped early). */
export const UNQUEUED_CASEWORK = new Set<string>([
  'VisitScheduled',
  'VisitDone',
  'VisitMissed',
  'VisitRescheduled',
  'FlagSet',
  'FlagCleared',
  'ComplainantInformed',
]);

/**
 * Transfers a caseworker asked for (a supervisor decides them, ADR 0018) and escalated complaints
 * (ADR 0014) wait in the queue until decided or resolved. An open complaint is kept from its receipt
 * so that its escalation, which names neither category nor subject, can be shown with them.
 */
export async function applyCaseworkQueueEvent(
  trx: Transaction<SupervisorQueueTables>,
  event: Recorded<CaseworkQueueEvent>,
): Promise<void> {
  switch (event.type) {
    case 'TransferRequested': {
      const { transferId, householdId, fromCaseworkerId, toCaseworkerId, requestedAs } = event.data;
      if (requestedAs !== 'caseworker') return; // the receiving caseworker decides those
      await trx
        .insertInto('queue_transfers')
        .values({
          transfer_id: transferId,
          household_id: householdId,
          from_caseworker_id: fromCaseworkerId,
          to_caseworker_id: toCaseworkerId,
          requested_at: event.recordedAt,
        })
        .onConflict((oc) => oc.column('transfer_id').doNothing())
        .execute();
      return;
    }
    case 'TransferAccepted':
    case 'TransferRejected':
      await trx.deleteFrom('queue_transfers').where('transfer_id', '=', event.data.transferId).execute();
      return;
    case 'ComplaintReceived': {
      const { complaintId, aboutHouseholdId, category, subject, dueOn } = event.data;
      await trx
        .insertInto('queue_complaints')
        .values({
          complaint_id: complaintId,
          household_id: aboutHouseholdId,
          category,
          subject,
          assignee: null,
          due_on: dueOn,
          escalated_on: null,
        })
        .onConflict((oc) => oc.column('complaint_id').doNothing())
        .execute();
      return;
    }
    case 'ComplaintAssigned':
      await complaint(trx, event.data.complaintId).set({ assignee: event.data.assignee }).execute();
      return;
    case 'ComplaintEscalated': {
      const { complaintId, dueOn, escalatedOn, assignee } = event.data;
      await complaint(trx, complaintId).set({ due_on: dueOn, escalated_on: escalatedOn, assignee }).execute();
      return;
    }
    case 'ComplaintResolved':
      await trx.deleteFrom('queue_complaints').where('complaint_id', '=', event.data.complaintId).execute();
      return;
    case 'VisitScheduled':
    case 'VisitDone':
    case 'VisitMissed':
    case 'VisitRescheduled':
    case 'FlagSet':
    case 'FlagCleared':
    case 'ComplainantInformed':
      return;
    default:
      otherEvent(event);
  }
}

const complaint = (trx: Transaction<SupervisorQueueTables>, complaintId: string) =>
  trx.updateTable('queue_complaints').where('complaint_id', '=', complaintId);
