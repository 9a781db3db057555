import type { Kysely } from 'kysely';

export const REFERRAL_LIST_TABLE = 'referral_list';

/** One row per referral: whom (the household), where to, why, how it stands; no notes. */
export interface ReferralListTables {
  referral_list: {
    referral_id: string;
    household_id: string;
    /** Where the household lives now: a referral follows its move. */
    kecamatan: string;
    kelurahan: string;
    /** The household's caseworker now: the reach follows the case (a transfer, a reassignment). */
    caseworker_id: string | null;
    referred_by: string;
    service: string;
    reason: string;
    /** 1 when a member was referred, 0 for the whole household (SQLite binds no booleans). */
    member_referred: number;
    status: 'pending' | 'accepted' | 'rejected' | 'done' | 'revoked';
    referred_on: string;
    /** The day of the latest answer (accepted, rejected, done, revoked). */
    answered_on: string | null;
    rejection: string | null;
    /** The global position of ReferralMade: the list's order and its cursor. */
    referred_position: number;
  };
}

export async function createReferralListTables(db: Kysely<ReferralListTables>): Promise<void> {
  await db.schema
    .createTable(REFERRAL_LIST_TABLE)
    .ifNotExists()
    .addColumn('referral_id', 'text', (c) => c.primaryKey())
    .addColumn('household_id', 'text', (c) => c.notNull())
    .addColumn('kecamatan', 'text', (c) => c.notNull())
    .addColumn('kelurahan', 'text', (c) => c.notNull())
    .addColumn('caseworker_id', 'text')
    .addColumn('referred_by', 'text', (c) => c.notNull())
    .addColumn('service', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('member_referred', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('referred_on', 'text', (c) => c.notNull())
    .addColumn('answered_on', 'text')
    .addColumn('rejection', 'text')
    .addColumn('referred_position', 'bigint', (c) => c.notNull().unique())
    .execute();
  await db.schema
    .createIndex('referral_list_status')
    .ifNotExists()
    .on(REFERRAL_LIST_TABLE)
    .columns(['status', 'service', 'referred_position'])
    .execute();
  // A move or a new caseworker updates the household's referrals.
  await db.schema
    .createIndex('referral_list_household')
    .ifNotExists()
    .on(REFERRAL_LIST_TABLE)
    .column('household_id')
    .execute();
}
