import type { Kysely, Transaction } from 'kysely';
import { HOUSEHOLD_CATEGORY, type HouseholdEvent } from '#libs/households/index.js';
import { idOf, type RecordedEvent } from '#libs/platform/event-store/index.js';
import { otherEvent, recordedAs, type Projection, type Recorded } from '#libs/platform/read-store/index.js';
import { REFERRAL_EVENT_TYPES, type ReferralEvent } from '../../domain/index.js';
import { REFERRAL_CATEGORY } from '../../referral-streams.js';
import { REFERRAL_LIST_TABLE, createReferralListTables, type ReferralListTables } from './referral-list.table.js';

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
    const [typed] = recordedAs<ReferralEvent | Followed>([event]);
    await applyReferralEvent(trx, typed!);
  },
};

async function applyReferralEvent(trx: Trx, event: Recorded<ReferralEvent | Followed>): Promise<void> {
  const row = trx.updateTable(REFERRAL_LIST_TABLE).where('referral_id', '=', idOf(event.stream));
  const ofHousehold = trx.updateTable(REFERRAL_LIST_TABLE).where('household_id', '=', idOf(event.stream));
  switch (event.type) {
    case 'HouseholdMoved': {
      const { kecamatan, kelurahan } = event.data.address;
      await ofHousehold.set({ kecamatan, kelurahan }).execute();
      return;
    }
    case 'CaseworkerAssigned':
      await ofHousehold.set({ caseworker_id: event.data.caseworkerId }).execute();
      return;
    case 'ReferralMade': {
      const d = event.data;
      await trx
        .insertInto(REFERRAL_LIST_TABLE)
        .values({
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
        })
        .onConflict((oc) => oc.column('referral_id').doNothing())
        .execute();
      return;
    }
    case 'ReferralAccepted':
      await row.set({ status: 'accepted', answered_on: event.data.acceptedOn }).execute();
      return;
    case 'ReferralRejected':
      await row
        .set({ status: 'rejected', answered_on: event.data.rejectedOn, rejection: event.data.rejection })
        .execute();
      return;
    case 'ReferralServiceDone':
      await row.set({ status: 'done', answered_on: event.data.doneOn }).execute();
      return;
    case 'ReferralRevoked':
      await row.set({ status: 'revoked', answered_on: event.data.revokedOn }).execute();
      return;
    default:
      otherEvent(event);
  }
}
