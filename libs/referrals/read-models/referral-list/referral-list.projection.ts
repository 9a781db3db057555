import type { Kysely, Transaction } from 'kysely';
import { idOf, type RecordedEvent } from '#libs/platform/event-store/index.js';
import { otherEvent, recordedAs, type Projection, type Recorded } from '#libs/platform/read-store/index.js';
import type { ReferralEvent } from '../../domain/index.js';
import { REFERRAL_CATEGORY } from '../../referral-streams.js';
import { REFERRAL_LIST_TABLE, createReferralListTables, type ReferralListTables } from './referral-list.table.js';

type Trx = Transaction<ReferralListTables>;

/** The referrals of the city, for GET /referrals: one row each. */
export const referralListProjection: Projection = {
  name: 'referral-list',
  version: 1,
  filter: { categories: [REFERRAL_CATEGORY] },
  tables: [REFERRAL_LIST_TABLE],
  async setup(db: Kysely<ReferralListTables>) {
    await createReferralListTables(db);
  },
  async apply(trx: Trx, event: RecordedEvent) {
    const [typed] = recordedAs<ReferralEvent>([event]);
    await applyReferralEvent(trx, typed!);
  },
};

async function applyReferralEvent(trx: Trx, event: Recorded<ReferralEvent>): Promise<void> {
  const row = trx.updateTable(REFERRAL_LIST_TABLE).where('referral_id', '=', idOf(event.stream));
  switch (event.type) {
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
