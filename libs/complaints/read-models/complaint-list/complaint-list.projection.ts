import type { Kysely, Transaction } from 'kysely';
import { idOf, type RecordedEvent } from '#libs/platform/event-store/index.js';
import { otherEvent, recordedAs, type Projection, type Recorded } from '#libs/platform/read-store/index.js';
import type { ComplaintEvent } from '../../domain/index.js';
import { COMPLAINT_CATEGORY } from '../../complaint-streams.js';
import { COMPLAINT_LIST_TABLE, createComplaintListTables, type ComplaintListTables } from './complaint-list.table.js';

type Trx = Transaction<ComplaintListTables>;

/** The complaints of the city, for GET /complaints and the escalation sweep: one row each. */
export const complaintListProjection: Projection = {
  name: 'complaint-list',
  version: 1,
  filter: { categories: [COMPLAINT_CATEGORY] },
  tables: [COMPLAINT_LIST_TABLE],
  async setup(db: Kysely<ComplaintListTables>) {
    await createComplaintListTables(db);
  },
  async apply(trx: Trx, event: RecordedEvent) {
    const [typed] = recordedAs<ComplaintEvent>([event]);
    await applyComplaintEvent(trx, typed!);
  },
};

async function applyComplaintEvent(trx: Trx, event: Recorded<ComplaintEvent>): Promise<void> {
  const row = trx.updateTable(COMPLAINT_LIST_TABLE).where('complaint_id', '=', idOf(event.stream));
  switch (event.type) {
    case 'ComplaintReceived': {
      const d = event.data;
      await trx
        .insertInto(COMPLAINT_LIST_TABLE)
        .values({
          complaint_id: d.complaintId,
          household_id: d.aboutHouseholdId,
          kecamatan: d.kecamatan,
          kelurahan: d.kelurahan,
          category: d.category,
          subject: d.subject,
          subject_caseworker_id: d.subjectCaseworkerId,
          source: d.source,
          assignee: null,
          received_on: d.receivedOn,
          due_on: d.dueOn,
          escalated_on: null,
          status: 'open',
          outcome: null,
          resolved_on: null,
          informed_on: null,
          received_position: event.position,
        })
        .onConflict((oc) => oc.column('complaint_id').doNothing())
        .execute();
      return;
    }
    case 'ComplaintAssigned':
      await row.set({ assignee: event.data.assignee }).execute();
      return;
    case 'ComplaintEscalated':
      await row.set({ escalated_on: event.data.escalatedOn }).execute();
      return;
    case 'ComplaintResolved':
      await row.set({ status: 'resolved', outcome: event.data.outcome, resolved_on: event.data.resolvedOn }).execute();
      return;
    case 'ComplainantInformed':
      await row.set({ informed_on: event.data.informedOn }).execute();
      return;
    default:
      otherEvent(event);
  }
}
