import type { Kysely, Transaction } from 'kysely';
import { CASEWORK_CATEGORY } from '#libs/casework/index.js';
import { COMPLAINT_CATEGORY } from '#libs/complaints/index.js';
import { HOUSEHOLD_CATEGORY, type HouseholdEvent } from '#libs/households/index.js';
import { KUBE_CATEGORY } from '#libs/kube/index.js';
import { PKH_CATEGORY } from '#libs/pkh/index.js';
import { ERASED } from '#libs/platform/crypto-shredding/index.js';
import { idOf, type RecordedEvent } from '#libs/platform/event-store/index.js';
import { otherEvent, recordedAs, writeRows, type Projection, type Recorded } from '#libs/platform/read-store/index.js';
import { TRAINING_CATEGORY } from '#libs/training/index.js';
import type { StaffEvent } from '../../domain/index.js';
import { STAFF_CATEGORY } from '../../staff-streams.js';
import { applyCaseworkQueueEvent, UNQUEUED_CASEWORK, type CaseworkQueueEvent } from './supervisor-queue.casework.js';
import {
  createSupervisorQueueTables,
  SUPERVISOR_QUEUE_TABLES,
  type SupervisorQueueTables,
} from './supervisor-queue.table.js';
import {
  applyRevocationQueueEvent,
  REVOCATION_QUEUE_TYPES,
  type RevocationQueueEvent,
} from './supervisor-queue.revocations.js';

type Trx = Transaction<SupervisorQueueTables>;
type QueueEvent = HouseholdEvent | StaffEvent | CaseworkQueueEvent | RevocationQueueEvent;

/**
 * The types the queue acts on: the PKH, Kube and course streams are read for their revocations
 * (and a Kube's or course's area) alone, so the feed brings no other of their many events.
 */
const QUEUED_TYPES: readonly QueueEvent['type'][] = [
  'HouseholdRegistered',
  'CaseworkerAssigned',
  'ExitProposed',
  'ExitApproved',
  'ExitRejected',
  'HouseholdErased',
  'HouseholdMoved',
  'AreaAssigned',
  'AreaAssignmentRevoked',
  'HouseholdOpened',
  'OpeningReviewed',
  'TransferRequested',
  'TransferAccepted',
  'TransferRejected',
  'ComplaintReceived',
  'ComplaintAssigned',
  'ComplaintEscalated',
  'ComplaintResolved',
  ...REVOCATION_QUEUE_TYPES,
];

/**
 * What awaits a supervisor's decision or review in their area: exit proposals, break-the-glass
 * openings not yet reviewed, caseworkers' areas about to end, transfers a caseworker asked for,
 * escalated complaints and revocations a caseworker asked for. Few events of each kind, so one
 * statement per event keeps it simple, except for the many: the households registered in a batch
 * (with the caseworker each was given in it) are inserted in one statement.
 */
export const supervisorQueueProjection: Projection = {
  name: 'supervisor-queue',
  // 2: transfers awaiting a supervisor and escalated complaints. 3: revocations awaiting a supervisor.
  version: 3,
  filter: {
    categories: [
      HOUSEHOLD_CATEGORY,
      STAFF_CATEGORY,
      CASEWORK_CATEGORY,
      COMPLAINT_CATEGORY,
      PKH_CATEGORY,
      KUBE_CATEGORY,
      TRAINING_CATEGORY,
    ],
    types: QUEUED_TYPES,
  },
  tables: SUPERVISOR_QUEUE_TABLES,
  async setup(db: Kysely<SupervisorQueueTables>) {
    await createSupervisorQueueTables(db);
  },
  async apply(trx: Trx, event: RecordedEvent) {
    await this.applyBatch!(trx, [event]);
  },
  async applyBatch(trx: Trx, recorded: readonly RecordedEvent[]) {
    // Registered in this batch, not yet written; a household's stream begins with its registration.
    const registered = new Map<string, QueueHousehold>();
    const insertRegistered = async (): Promise<void> => {
      await writeRows(trx, [...registered.values()], (chunk) =>
        trx
          .insertInto('queue_households')
          .values(chunk)
          .onConflict((oc) => oc.column('household_id').doNothing()),
      );
      registered.clear();
    };
    for (const event of recordedAs<QueueEvent>(recorded)) {
      const id = idOf(event.stream);
      if (event.type === 'HouseholdRegistered') {
        const { kecamatan, kelurahan } = event.data.address;
        if (!registered.has(id))
          registered.set(id, { household_id: id, caseworker_id: null, kecamatan, kelurahan, ...NO_EXIT });
      } else if (event.type === 'CaseworkerAssigned' && registered.has(id)) {
        registered.get(id)!.caseworker_id = event.data.caseworkerId;
      } else if (!UNQUEUED.has(event.type) && !UNQUEUED_CASEWORK.has(event.type)) {
        await insertRegistered();
        await applyQueueEvent(trx, event);
      }
    }
    await insertRegistered();
  },
};

type QueueHousehold = SupervisorQueueTables['queue_households'];
const NO_EXIT = { exit_proposal_id: null, exit_proposed_by: null, exit_proposed_at: null };
/** Household events that change nothing a supervisor waits on. */
const UNQUEUED = new Set<string>([
  'ErasureRequested',
  'HouseholdAssessed',
  'CaseNoteRecorded',
  'MemberAdded',
  'MemberRemoved',
  'CaseReopened',
]);

async function applyQueueEvent(trx: Trx, event: Recorded<QueueEvent>): Promise<void> {
  const households = trx.updateTable('queue_households').where('household_id', '=', idOf(event.stream));
  switch (event.type) {
    case 'HouseholdRegistered':
      // Inserted with the batch's other registrations (applyBatch).
      return;
    case 'CaseworkerAssigned':
      await households.set({ caseworker_id: event.data.caseworkerId }).execute();
      return;
    case 'ExitProposed':
      await households
        .set({
          exit_proposal_id: event.data.proposalId,
          exit_proposed_by: event.data.proposedBy,
          exit_proposed_at: event.recordedAt,
        })
        .execute();
      return;
    case 'ExitApproved':
    case 'ExitRejected':
      await households.set(NO_EXIT).execute();
      return;
    case 'HouseholdErased':
      // The reason for opening it, or for revoking an entry, speaks of the family.
      await trx
        .updateTable('queue_openings')
        .set({ reason: ERASED })
        .where('household_id', '=', idOf(event.stream))
        .execute();
      await trx
        .updateTable('queue_revocations')
        .set({ reason: ERASED })
        .where('about_household_id', '=', idOf(event.stream))
        .execute();
      return;
    case 'HouseholdMoved': {
      const { kecamatan, kelurahan } = event.data.address;
      await households.set({ kecamatan, kelurahan }).execute();
      return;
    }
    case 'MemberDetailsCorrected':
    case 'PregnancyBegan':
    case 'PregnancyEnded':
    case 'ChildBorn':
    case 'MemberNikIssued':
    case 'SchoolLevelChanged':
    case 'DisabilityAssessed':
    case 'MemberDied':
    case 'MemberMovedOut':
    case 'MemberMovedIn':
    case 'ErasureRequested':
    case 'HouseholdAssessed':
    case 'CaseNoteRecorded':
    case 'MemberAdded':
    case 'MemberRemoved':
    case 'CaseReopened':
      return;
    case 'AreaAssigned': {
      const { assignmentId, staffId, role, kecamatan, kelurahan, validFrom, validUntil } = event.data;
      await trx
        .insertInto('queue_assignments')
        .values({
          assignment_id: assignmentId,
          staff_id: staffId,
          role,
          kecamatan,
          kelurahan,
          valid_from: validFrom,
          valid_until: validUntil,
          revoked_on: null,
        })
        .onConflict((oc) => oc.column('assignment_id').doNothing())
        .execute();
      return;
    }
    case 'AreaAssignmentRevoked':
      await trx
        .updateTable('queue_assignments')
        .set({ revoked_on: event.data.revokedOn })
        .where('assignment_id', '=', event.data.assignmentId)
        .execute();
      return;
    case 'HouseholdOpened': {
      const { openingId, staffId, householdId, reason, until } = event.data;
      await trx
        .insertInto('queue_openings')
        .values({
          opening_id: openingId,
          staff_id: staffId,
          household_id: householdId,
          reason,
          opened_at: event.recordedAt,
          until,
          reviewed_by: null,
        })
        .onConflict((oc) => oc.column('opening_id').doNothing())
        .execute();
      return;
    }
    case 'TransferRequested':
    case 'TransferAccepted':
    case 'TransferRejected':
    case 'VisitScheduled':
    case 'VisitDone':
    case 'VisitMissed':
    case 'VisitRescheduled':
    case 'FlagSet':
    case 'FlagCleared':
    case 'ComplaintReceived':
    case 'ComplaintAssigned':
    case 'ComplaintEscalated':
    case 'ComplaintResolved':
    case 'ComplainantInformed':
      await applyCaseworkQueueEvent(trx, event);
      return;
    case 'RevocationRequested':
    case 'EventRevoked':
    case 'RevocationRejected':
    case 'KubeFormed':
    case 'CourseScheduled':
      await applyRevocationQueueEvent(trx, event);
      return;
    case 'OpeningReviewed':
      await trx
        .updateTable('queue_openings')
        .set({ reviewed_by: event.data.reviewedBy })
        .where('opening_id', '=', event.data.openingId)
        .execute();
      return;
    default:
      otherEvent(event);
  }
}
