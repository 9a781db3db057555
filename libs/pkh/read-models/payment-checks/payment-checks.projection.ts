import type { Kysely, Transaction } from 'kysely';
import type { HouseholdEvent } from '#libs/households/index.js';
import { idOf, type RecordedEvent } from '#libs/platform/event-store/index.js';
import {
  BatchRows,
  recordedAs,
  updateRows,
  writeRows,
  type Projection,
  type Recorded,
} from '#libs/platform/read-store/index.js';
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
  // 2: a check follows its family's move (it stayed in the area where the family was sampled).
  version: 2,
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
    await this.applyBatch!(trx, [event]);
  },
  /**
   * Runs of the frequent events (a registration, a caseworker, a payment, a batch) are folded in
   * memory and written once each; a sample drawn or a check recorded, a few per batch of payments,
   * runs its statements alone after the run before it is written.
   */
  async applyBatch(trx: Trx, recorded: readonly RecordedEvent[]) {
    const events = recordedAs<HouseholdEvent | DisbursementBatchEvent>(recorded);
    let run: Array<Recorded<HouseholdEvent | DisbursementBatchEvent>> = [];
    for (const event of events) {
      if (event.type !== 'PaymentCheckSampleDrawn' && event.type !== 'PaymentCheckRecorded') {
        run.push(event);
        continue;
      }
      await applyRun(trx, run);
      run = [];
      await applyCheckEvent(trx, event);
    }
    await applyRun(trx, run);
  },
};

/**
 * Events that only add rows or set a household's area and caseworker, written once for the run. A
 * family's checks are in its area now and with its caseworker now: who reaches the family reaches them.
 */
async function applyRun(trx: Trx, events: ReadonlyArray<Recorded<HouseholdEvent | DisbursementBatchEvent>>) {
  const households = new BatchRows<PaymentCheckTables['pkh_payment_check_households']>({
    table: PAYMENT_CHECK_HOUSEHOLDS_TABLE,
    key: 'household_id',
  });
  const payments: Array<PaymentCheckTables['pkh_payment_check_payments']> = [];
  const batches: Array<PaymentCheckTables['pkh_payment_check_batches']> = [];
  /** Households whose area or caseworker the run changed: their checks take the household's row. */
  const followed = new Set<string>();
  await households.load(
    trx,
    'household_id',
    events
      .filter((e) => e.type === 'HouseholdRegistered' || e.type === 'CaseworkerAssigned' || e.type === 'HouseholdMoved')
      .map((e) => idOf(e.stream)),
  );
  for (const event of events) {
    switch (event.type) {
      case 'HouseholdRegistered': {
        const { kecamatan, kelurahan } = event.data.address;
        households.add({ household_id: idOf(event.stream), kecamatan, kelurahan, caseworker_id: null });
        break;
      }
      case 'HouseholdMoved': {
        const { kecamatan, kelurahan } = event.data.address;
        households.set(idOf(event.stream), { kecamatan, kelurahan });
        followed.add(idOf(event.stream));
        break;
      }
      case 'CaseworkerAssigned':
        households.set(idOf(event.stream), { caseworker_id: event.data.caseworkerId });
        followed.add(idOf(event.stream));
        break;
      case 'PaymentAddedToBatch': {
        const { batchId: batch_id, householdId: household_id, amount } = event.data;
        payments.push({ batch_id, household_id, amount });
        break;
      }
      case 'DisbursementBatchDeclared':
        batches.push({ batch_id: event.data.batchId, stage: event.data.stage });
        break;
    }
  }
  await households.write(trx);
  await writeRows(trx, payments, (slice) =>
    trx
      .insertInto(PAYMENT_CHECK_PAYMENTS_TABLE)
      .values(slice)
      .onConflict((oc) => oc.columns(['batch_id', 'household_id']).doNothing()),
  );
  await writeRows(trx, batches, (slice) =>
    trx
      .insertInto(PAYMENT_CHECK_BATCHES_TABLE)
      .values(slice)
      .onConflict((oc) => oc.column('batch_id').doNothing()),
  );
  // The family's checks are where it lives now and made by its caseworker now, wherever it was sampled.
  await updateRows(
    trx,
    { table: PAYMENT_CHECKS_TABLE, key: 'household_id' },
    ['kecamatan', 'kelurahan', 'caseworker_id'],
    [...followed].flatMap((id) => households.get(id) ?? []),
  );
}

/** A sample drawn or a check recorded: statements of their own, after the rows before them are written. */
async function applyCheckEvent(trx: Trx, event: Recorded<HouseholdEvent | DisbursementBatchEvent>): Promise<void> {
  switch (event.type) {
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
