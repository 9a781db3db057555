import type { Kysely, Transaction } from 'kysely';
import { HOUSEHOLD_CATEGORY, type HouseholdEvent } from '#libs/households/index.js';
import { idOf, type RecordedEvent } from '#libs/platform/event-store/index.js';
import { BatchRows, otherEvent, recordedAs, type Projection, type Recorded } from '#libs/platform/read-store/index.js';
import { REFERRAL_EVENT_TYPES, type ReferralEvent } from '../../domain/index.js';
import { REFERRAL_CATEGORY } from '../../referral-streams.js';
import { REFERRAL_LIST_TABLE, createReferralListTables, type ReferralListTables } from './referral-list.table.js';

type ReferralRow = ReferralListTables['referral_list'];

type Trx = Transaction<ReferralListTables>;
/** The household's events that move its referrals: where it lives, who holds its case. */
type Followed = Extract<HouseholdEvent, { type: 'HouseholdMoved' | 'CaseworkerAssigned' }>;
const HOUSEHOLD_TYPES: readonly Followed['type'][] = ['HouseholdMoved', 'CaseworkerAssigned'];

/** The referrals of the city, for GET /referrals: one row each, in the household's area and with its caseworker. */
export const referralListProjection: Projection = {
  name: 'referral-list',
  // 2: a referral follows its household's move and its case's caseworker (it stayed with the old ones).
  version: 2,
  filter: {
    categories: [REFERRAL_CATEGORY, HOUSEHOLD_CATEGORY],
    types: [...REFERRAL_EVENT_TYPES, ...HOUSEHOLD_TYPES],
  },
  tables: [REFERRAL_LIST_TABLE],
  async setup(db: Kysely<ReferralListTables>) {
    await createReferralListTables(db);
  },
  async apply(trx: Trx, event: RecordedEvent) {
    await this.applyBatch!(trx, [event]);
  },
  /** The referrals a batch touches are read once, changed in memory and written once. */
  async applyBatch(trx: Trx, recorded: readonly RecordedEvent[]) {
    const events = recordedAs<ReferralEvent | Followed>(recorded);
    const rows = new BatchRows<ReferralRow>({ table: REFERRAL_LIST_TABLE, key: 'referral_id', group: 'household_id' });
    const households = new Set<string>();
    const referrals = new Set<string>();
    for (const event of events) {
      if (event.type === 'HouseholdMoved' || event.type === 'CaseworkerAssigned') households.add(idOf(event.stream));
      else referrals.add(event.type === 'ReferralMade' ? event.data.referralId : idOf(event.stream));
    }
    await rows.load(trx, 'household_id', households);
    await rows.load(trx, 'referral_id', referrals);
    for (const event of events) applyReferralEvent(rows, event);
    await rows.write(trx);
  },
};

function applyReferralEvent(rows: BatchRows<ReferralRow>, event: Recorded<ReferralEvent | Followed>): void {
  const referralId = idOf(event.stream);
  switch (event.type) {
    case 'HouseholdMoved': {
      const { kecamatan, kelurahan } = event.data.address;
      rows.setGroup(idOf(event.stream), { kecamatan, kelurahan });
      return;
    }
    case 'CaseworkerAssigned':
      rows.setGroup(idOf(event.stream), { caseworker_id: event.data.caseworkerId });
      return;
    case 'ReferralMade': {
      const d = event.data;
      rows.add({
        referral_id: d.referralId,
        household_id: d.householdId,
        kecamatan: d.kecamatan,
        kelurahan: d.kelurahan,
        caseworker_id: d.caseworkerId,
        referred_by: d.referredBy,
        service: d.service,
        reason: d.reason,
        member_referred: d.nik !== null ? 1 : 0,
        status: 'pending',
        referred_on: d.referredOn,
        answered_on: null,
        rejection: null,
        referred_position: event.position,
      });
      return;
    }
    case 'ReferralAccepted':
      rows.set(referralId, { status: 'accepted', answered_on: event.data.acceptedOn });
      return;
    case 'ReferralRejected':
      rows.set(referralId, { status: 'rejected', answered_on: event.data.rejectedOn, rejection: event.data.rejection });
      return;
    case 'ReferralServiceDone':
      rows.set(referralId, { status: 'done', answered_on: event.data.doneOn });
      return;
    case 'ReferralRevoked':
      rows.set(referralId, { status: 'revoked', answered_on: event.data.revokedOn });
      return;
    default:
      otherEvent(event);
  }
}
