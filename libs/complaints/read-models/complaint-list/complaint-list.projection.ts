import type { Kysely, Transaction } from 'kysely';
import { HOUSEHOLD_CATEGORY, type HouseholdEvent } from '#libs/households/index.js';
import { idOf, type RecordedEvent } from '#libs/platform/event-store/index.js';
import { otherEvent, recordedAs, type Projection, type Recorded } from '#libs/platform/read-store/index.js';
import { COMPLAINT_EVENT_TYPES, type ComplaintEvent } from '../../domain/index.js';
import { COMPLAINT_CATEGORY } from '../../complaint-streams.js';
import {
  COMPLAINT_HOUSEHOLDS_TABLE,
  COMPLAINT_LIST_TABLE,
  createComplaintListTables,
  type ComplaintListTables,
} from './complaint-list.table.js';

type Trx = Transaction<ComplaintListTables>;
/** The household's events that move its complaints: where it lives, who holds its case. */
type Followed = Extract<HouseholdEvent, { type: 'HouseholdMoved' | 'CaseworkerAssigned' }>;
const HOUSEHOLD_TYPES: readonly Followed['type'][] = ['HouseholdMoved', 'CaseworkerAssigned'];

/**
 * The complaints of the city, for GET /complaints and the escalation sweep: one row each, in the
 * household's area and with its caseworker now. Who a complaint is about never changes with them.
 */
export const complaintListProjection: Projection = {
  name: 'complaint-list',
  // 2: a complaint follows its household's move and its case's caseworker (it stayed in the area of intake).
  version: 2,
  filter: {
    categories: [COMPLAINT_CATEGORY, HOUSEHOLD_CATEGORY],
    types: [...COMPLAINT_EVENT_TYPES, ...HOUSEHOLD_TYPES],
  },
  tables: [COMPLAINT_LIST_TABLE, COMPLAINT_HOUSEHOLDS_TABLE],
  async setup(db: Kysely<ComplaintListTables>) {
    await createComplaintListTables(db);
  },
  async apply(trx: Trx, event: RecordedEvent) {
    const [typed] = recordedAs<ComplaintEvent | Followed>([event]);
    await applyComplaintEvent(trx, typed!);
  },
};

async function applyComplaintEvent(trx: Trx, event: Recorded<ComplaintEvent | Followed>): Promise<void> {
  const row = trx.updateTable(COMPLAINT_LIST_TABLE).where('complaint_id', '=', idOf(event.stream));
  const ofHousehold = trx.updateTable(COMPLAINT_LIST_TABLE).where('household_id', '=', idOf(event.stream));
  switch (event.type) {
    case 'HouseholdMoved': {
      const { kecamatan, kelurahan } = event.data.address;
      await ofHousehold.set({ kecamatan, kelurahan }).execute();
      return;
    }
    case 'CaseworkerAssigned': {
      const { caseworkerId } = event.data;
      await trx
        .insertInto(COMPLAINT_HOUSEHOLDS_TABLE)
        .values({ household_id: idOf(event.stream), caseworker_id: caseworkerId })
        .onConflict((oc) => oc.column('household_id').doUpdateSet({ caseworker_id: caseworkerId }))
        .execute();
      await ofHousehold.set({ caseworker_id: caseworkerId }).execute();
      return;
    }
    case 'ComplaintReceived': {
      const d = event.data;
      const holder = await trx
        .selectFrom(COMPLAINT_HOUSEHOLDS_TABLE)
        .select('caseworker_id')
        .where('household_id', '=', d.aboutHouseholdId)
        .executeTakeFirst();
      await trx
        .insertInto(COMPLAINT_LIST_TABLE)
        .values({
          complaint_id: d.complaintId,
          household_id: d.aboutHouseholdId,
          kecamatan: d.kecamatan,
          kelurahan: d.kelurahan,
          caseworker_id: holder?.caseworker_id ?? null,
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
