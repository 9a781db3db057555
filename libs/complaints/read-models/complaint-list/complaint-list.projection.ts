import type { Kysely, Transaction } from 'kysely';
import { HOUSEHOLD_CATEGORY, type HouseholdEvent } from '#libs/households/index.js';
import { ERASED } from '#libs/platform/crypto-shredding/index.js';
import { idOf, type RecordedEvent } from '#libs/platform/event-store/index.js';
import { BatchRows, otherEvent, recordedAs, type Projection, type Recorded } from '#libs/platform/read-store/index.js';
import { COMPLAINT_EVENT_TYPES, type ComplaintEvent } from '../../domain/index.js';
import { COMPLAINT_CATEGORY } from '../../complaint-streams.js';
import {
  COMPLAINT_HOUSEHOLDS_TABLE,
  COMPLAINT_LIST_TABLE,
  createComplaintListTables,
  type ComplaintListTables,
} from './complaint-list.table.js';

type Trx = Transaction<ComplaintListTables>;
/** The household's events that move its complaints (where it lives, who holds its case) or erase from them. */
type Followed = Extract<HouseholdEvent, { type: 'HouseholdMoved' | 'CaseworkerAssigned' | 'HouseholdErased' }>;
const HOUSEHOLD_TYPES: readonly Followed['type'][] = ['HouseholdMoved', 'CaseworkerAssigned', 'HouseholdErased'];

/**
 * The complaints of the city, for GET /complaints and the escalation sweep: one row each, in the
 * household's area and with its caseworker now. Who a complaint is about never changes with them.
 */
export const complaintListProjection: Projection = {
  name: 'complaint-list',
  // 2: a complaint follows its household's move and its case's caseworker (it stayed in the area of intake).
  // 3: the household's erasure erases whom its complaints accuse, as it erases it in the events
  // (personal, ADR 0014); built live, the list kept it, and only a rebuild dropped it.
  version: 3,
  filter: {
    categories: [COMPLAINT_CATEGORY, HOUSEHOLD_CATEGORY],
    types: [...COMPLAINT_EVENT_TYPES, ...HOUSEHOLD_TYPES],
  },
  tables: [COMPLAINT_LIST_TABLE, COMPLAINT_HOUSEHOLDS_TABLE],
  async setup(db: Kysely<ComplaintListTables>) {
    await createComplaintListTables(db);
  },
  async apply(trx: Trx, event: RecordedEvent) {
    await this.applyBatch!(trx, [event]);
  },
  /** The complaints and households a batch touches are read once, changed in memory and written once. */
  async applyBatch(trx: Trx, recorded: readonly RecordedEvent[]) {
    const events = recordedAs<ComplaintEvent | Followed>(recorded);
    const rows: Rows = {
      complaints: new BatchRows({ table: COMPLAINT_LIST_TABLE, key: 'complaint_id', group: 'household_id' }),
      households: new BatchRows({ table: COMPLAINT_HOUSEHOLDS_TABLE, key: 'household_id' }),
    };
    const households = new Set<string>();
    const complaints = new Set<string>();
    for (const event of events) {
      if (event.type === 'HouseholdMoved' || event.type === 'CaseworkerAssigned' || event.type === 'HouseholdErased')
        households.add(idOf(event.stream));
      else if (event.type === 'ComplaintReceived') {
        complaints.add(event.data.complaintId);
        households.add(event.data.aboutHouseholdId);
      } else complaints.add(idOf(event.stream));
    }
    await rows.complaints.load(trx, 'household_id', households);
    await rows.complaints.load(trx, 'complaint_id', complaints);
    await rows.households.load(trx, 'household_id', households);
    for (const event of events) applyComplaintEvent(rows, event);
    await rows.complaints.write(trx);
    await rows.households.write(trx);
  },
};

interface Rows {
  complaints: BatchRows<ComplaintListTables['complaint_list']>;
  households: BatchRows<ComplaintListTables['complaint_households']>;
}

function applyComplaintEvent({ complaints, households }: Rows, event: Recorded<ComplaintEvent | Followed>): void {
  const complaintId = idOf(event.stream);
  switch (event.type) {
    case 'HouseholdMoved': {
      const { kecamatan, kelurahan } = event.data.address;
      complaints.setGroup(idOf(event.stream), { kecamatan, kelurahan });
      return;
    }
    case 'CaseworkerAssigned': {
      const household_id = idOf(event.stream);
      const { caseworkerId: caseworker_id } = event.data;
      if (households.get(household_id)) households.set(household_id, { caseworker_id });
      else households.add({ household_id, caseworker_id });
      complaints.setGroup(household_id, { caseworker_id });
      return;
    }
    case 'HouseholdErased':
      complaints.setGroup(idOf(event.stream), (row) =>
        row.subject_caseworker_id === null ? {} : { subject_caseworker_id: ERASED },
      );
      return;
    case 'ComplaintReceived': {
      const d = event.data;
      complaints.add({
        complaint_id: d.complaintId,
        household_id: d.aboutHouseholdId,
        kecamatan: d.kecamatan,
        kelurahan: d.kelurahan,
        caseworker_id: households.get(d.aboutHouseholdId)?.caseworker_id ?? null,
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
      });
      return;
    }
    case 'ComplaintAssigned':
      complaints.set(complaintId, { assignee: event.data.assignee });
      return;
    case 'ComplaintEscalated':
      complaints.set(complaintId, { escalated_on: event.data.escalatedOn });
      return;
    case 'ComplaintResolved':
      complaints.set(complaintId, {
        status: 'resolved',
        outcome: event.data.outcome,
        resolved_on: event.data.resolvedOn,
      });
      return;
    case 'ComplainantInformed':
      complaints.set(complaintId, { informed_on: event.data.informedOn });
      return;
    default:
      otherEvent(event);
  }
}
