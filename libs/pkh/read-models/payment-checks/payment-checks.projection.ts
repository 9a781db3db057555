import type { Kysely, Transaction } from 'kysely';
import type { HouseholdEvent } from '#libs/households/index.js';
import { idOf, type RecordedEvent } from '#libs/platform/event-store/index.js';
import { recordedAs, type Projection, type Recorded } from '#libs/platform/read-store/index.js';
import type { DisbursementBatchEvent } from '../../domain/index.js';
import { DISBURSEMENT_BATCH_CATEGORY } from '../../pkh-streams.js';
import {
  createPaymentCheckTables,
  PAYMENT_CHECK_BATCHES_TABLE,
  PAYMENT_CHECK_HOUSEHOLDS_TABLE,
  PAYMENT_CHECK_PAYMENTS_TABLE,
  PAYMENT_CHECKS_TABLE,
  type PaymentCheckTables,
} from './payment-checks.table.js';

type Trx = Transaction<PaymentCheckTables>;

/** The sampled payments of every batch's post-payment check and their answers (ADR 0013). */
export const paymentChecksProjection: Projection = {
  name: 'pkh-payment-checks',
  version: 1,
  filter: { categories: ['household', DISBURSEMENT_BATCH_CATEGORY] },
  tables: [
    PAYMENT_CHECKS_TABLE,
    PAYMENT_CHECK_HOUSEHOLDS_TABLE,
    PAYMENT_CHECK_PAYMENTS_TABLE,
    PAYMENT_CHECK_BATCHES_TABLE,
  ],
  async setup(db: Kysely<PaymentCheckTables>) {
    await createPaymentCheckTables(db);
  },
  async apply(trx: Trx, event: RecordedEvent) {
    const [typed] = recordedAs<HouseholdEvent | DisbursementBatchEvent>([event]);
    await applyCheckEvent(trx, typed!);
  },
};

async function applyCheckEvent(trx: Trx, event: Recorded<HouseholdEvent | DisbursementBatchEvent>): Promise<void> {
  switch (event.type) {
    case 'HouseholdRegistered': {
      const { kecamatan, kelurahan } = event.data.address;
      await trx
        .insertInto(PAYMENT_CHECK_HOUSEHOLDS_TABLE)
        .values({ household_id: idOf(event.stream), kecamatan, kelurahan, caseworker_id: null })
        .onConflict((oc) => oc.column('household_id').doNothing())
        .execute();
      return;
    }
    case 'CaseworkerAssigned': {
      const household_id = idOf(event.stream);
      const { caseworkerId: caseworker_id } = event.data;
      await trx
        .updateTable(PAYMENT_CHECK_HOUSEHOLDS_TABLE)
        .set({ caseworker_id })
        .where('household_id', '=', household_id)
        .execute();
      // The family's caseworker now makes the check, wherever the family was sampled.
      await trx
        .updateTable(PAYMENT_CHECKS_TABLE)
        .set({ caseworker_id })
        .where('household_id', '=', household_id)
        .execute();
      return;
    }
    case 'PaymentAddedToBatch': {
      const { batchId: batch_id, householdId: household_id, amount } = event.data;
      await trx
        .insertInto(PAYMENT_CHECK_PAYMENTS_TABLE)
        .values({ batch_id, household_id, amount })
        .onConflict((oc) => oc.columns(['batch_id', 'household_id']).doNothing())
        .execute();
      return;
    }
    case 'DisbursementBatchDeclared':
      await trx
        .insertInto(PAYMENT_CHECK_BATCHES_TABLE)
        .values({ batch_id: event.data.batchId, stage: event.data.stage })
        .onConflict((oc) => oc.column('batch_id').doNothing())
        .execute();
      return;
    case 'PaymentCheckSampleDrawn': {
      const { batchId: batch_id, householdIds } = event.data;
      if (householdIds.length === 0) return;
      const batch = await trx
        .selectFrom(PAYMENT_CHECK_BATCHES_TABLE)
        .select('stage')
        .where('batch_id', '=', batch_id)
        .executeTakeFirst();
      if (!batch) return;
      const rows = await trx
        .selectFrom(PAYMENT_CHECK_PAYMENTS_TABLE)
        .innerJoin(
          PAYMENT_CHECK_HOUSEHOLDS_TABLE,
          `${PAYMENT_CHECK_HOUSEHOLDS_TABLE}.household_id`,
          `${PAYMENT_CHECK_PAYMENTS_TABLE}.household_id`,
        )
        .select([
          `${PAYMENT_CHECK_PAYMENTS_TABLE}.household_id as household_id`,
          'amount',
          'kecamatan',
          'kelurahan',
          'caseworker_id',
        ])
        .where('batch_id', '=', batch_id)
        .where(`${PAYMENT_CHECK_PAYMENTS_TABLE}.household_id`, 'in', householdIds)
        .execute();
      if (rows.length === 0) return;
      await trx
        .insertInto(PAYMENT_CHECKS_TABLE)
        .values(
          rows.map((r) => ({
            ...r,
            amount: Number(r.amount),
            batch_id,
            stage: batch.stage,
            sampled_position: event.position,
            method: null,
            outcome: null,
            problem_code: null,
            checked_on: null,
            checked_by: null,
          })),
        )
        .onConflict((oc) => oc.columns(['batch_id', 'household_id']).doNothing())
        .execute();
      return;
    }
    case 'PaymentCheckRecorded': {
      const { batchId, householdId, method, outcome, problemCode, checkedOn, checkedBy } = event.data;
      await trx
        .updateTable(PAYMENT_CHECKS_TABLE)
        .set({ method, outcome, problem_code: problemCode, checked_on: checkedOn, checked_by: checkedBy })
        .where('batch_id', '=', batchId)
        .where('household_id', '=', householdId)
        .execute();
      return;
    }
    default:
      return;
  }
}
