import { sql, type Kysely } from 'kysely';

export const PKH_DUE_TABLE = 'pkh_due';
export const PKH_DUE_HOUSEHOLDS_TABLE = 'pkh_due_households';
export const PKH_DUE_BATCHES_TABLE = 'pkh_due_batches';
/** The state of a due row put in a disbursement batch that is not yet paid or cancelled. */
export const IN_BATCH = 'in_batch';

/**
 * One row per household and verified compliant stage: where it stands for payment. The area and
 * PKH status are copied in so the due list is one indexed read; no names, no NIK.
 */
export interface PkhDueTables {
  pkh_due: {
    household_id: string;
    stage: string;
    kecamatan: string;
    kelurahan: string;
    pkh_status: string;
    amount: number;
    /** revoked: its verification was revoked (ADR 0019), so the stage is not due. */
    state: 'due' | 'in_batch' | 'paid' | 'revoked';
    batch_id: string | null;
    /** `failed:CODE` or `returned:CODE` of the stage's last failed payment. */
    last_failure: string | null;
    verified_position: number;
  };
  pkh_due_households: {
    household_id: string;
    kecamatan: string;
    kelurahan: string;
    pkh_status: string;
    amount: number;
  };
  pkh_due_batches: { batch_id: string; stage: string };
}

export async function createPkhDueTables(db: Kysely<PkhDueTables>): Promise<void> {
  await db.schema
    .createTable(PKH_DUE_TABLE)
    .ifNotExists()
    .addColumn('household_id', 'text', (c) => c.notNull())
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('kecamatan', 'text', (c) => c.notNull())
    .addColumn('kelurahan', 'text', (c) => c.notNull())
    .addColumn('pkh_status', 'text', (c) => c.notNull())
    .addColumn('amount', 'bigint', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('batch_id', 'text')
    .addColumn('last_failure', 'text')
    .addColumn('verified_position', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('pkh_due_pk', ['household_id', 'stage'])
    .execute();
  await db.schema
    .createIndex('pkh_due_stage')
    .ifNotExists()
    .on(PKH_DUE_TABLE)
    .columns(['stage', 'state', 'verified_position'])
    .execute();
  // A cancelled disbursement batch puts its stages back: its rows are found by batch, and only
  // rows in an open batch are (a partial index, small; the state is a literal, as in
  // inBatchRows, so a plan made without bound values still matches it). Made by setup at the
  // next start on tables of an earlier release too: a cancellation used to scan the whole table.
  await db.schema
    .createIndex('pkh_due_in_batch')
    .ifNotExists()
    .on(PKH_DUE_TABLE)
    .column('batch_id')
    .where(sql.ref('state'), '=', sql.lit(IN_BATCH))
    .execute();
  await db.schema
    .createTable(PKH_DUE_HOUSEHOLDS_TABLE)
    .ifNotExists()
    .addColumn('household_id', 'text', (c) => c.primaryKey())
    .addColumn('kecamatan', 'text', (c) => c.notNull())
    .addColumn('kelurahan', 'text', (c) => c.notNull())
    .addColumn('pkh_status', 'text', (c) => c.notNull())
    .addColumn('amount', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable(PKH_DUE_BATCHES_TABLE)
    .ifNotExists()
    .addColumn('batch_id', 'text', (c) => c.primaryKey())
    .addColumn('stage', 'text', (c) => c.notNull())
    .execute();
}
