import type { Kysely, Transaction } from 'kysely';
import type { HouseholdEvent } from '#libs/households/index.js';
import { idOf, type RecordedEvent } from '#libs/platform/event-store/index.js';
import { recordedAs, type Projection, type Recorded } from '#libs/platform/read-store/index.js';
import { pkhStatusAfter, type DisbursementBatchEvent, type PkhEvent, type PkhStatus } from '../../domain/index.js';
import { DISBURSEMENT_BATCH_CATEGORY, PKH_CATEGORY } from '../../pkh-streams.js';
import {
  createPkhDueTables,
  PKH_DUE_BATCHES_TABLE,
  PKH_DUE_HOUSEHOLDS_TABLE,
  PKH_DUE_TABLE,
  type PkhDueTables,
} from './pkh-due.table.js';

type Trx = Transaction<PkhDueTables>;

/** The households due for each stage's payment, for GET /pkh/stages/{stage}/due (ADR 0013). */
export const pkhDueProjection: Projection = {
  name: 'pkh-due',
  version: 1,
  filter: { categories: ['household', PKH_CATEGORY, DISBURSEMENT_BATCH_CATEGORY] },
  tables: [PKH_DUE_TABLE, PKH_DUE_HOUSEHOLDS_TABLE, PKH_DUE_BATCHES_TABLE],
  async setup(db: Kysely<PkhDueTables>) {
    await createPkhDueTables(db);
  },
  async apply(trx: Trx, event: RecordedEvent) {
    const [typed] = recordedAs<HouseholdEvent | PkhEvent | DisbursementBatchEvent>([event]);
    await applyDueEvent(trx, typed!);
  },
};

async function applyDueEvent(
  trx: Trx,
  event: Recorded<HouseholdEvent | PkhEvent | DisbursementBatchEvent>,
): Promise<void> {
  const id = idOf(event.stream);
  const stageRow = (householdId: string, stage: string) =>
    trx.updateTable(PKH_DUE_TABLE).where('household_id', '=', householdId).where('stage', '=', stage);
  switch (event.type) {
    case 'HouseholdRegistered': {
      const { kecamatan, kelurahan } = event.data.address;
      await trx
        .insertInto(PKH_DUE_HOUSEHOLDS_TABLE)
        .values({ household_id: id, kecamatan, kelurahan, pkh_status: 'not_enrolled', amount: 0 })
        .onConflict((oc) => oc.column('household_id').doNothing())
        .execute();
      return;
    }
    case 'EnrolledInPkh':
    case 'PkhSuspended':
    case 'PkhReinstated':
    case 'PkhTerminated':
    case 'PkhGraduated': {
      const household = await trx
        .selectFrom(PKH_DUE_HOUSEHOLDS_TABLE)
        .selectAll()
        .where('household_id', '=', id)
        .executeTakeFirst();
      if (!household) return;
      const pkh_status = pkhStatusAfter(household.pkh_status as PkhStatus, event);
      const amount = event.type === 'EnrolledInPkh' ? event.data.entitlementPerStage : Number(household.amount);
      await trx
        .updateTable(PKH_DUE_HOUSEHOLDS_TABLE)
        .set({ pkh_status, amount })
        .where('household_id', '=', id)
        .execute();
      await trx.updateTable(PKH_DUE_TABLE).set({ pkh_status }).where('household_id', '=', id).execute();
      return;
    }
    case 'PkhEntitlementReassessed':
      // Appended just before the stage's verification: the stage's row takes the new amount.
      await trx
        .updateTable(PKH_DUE_HOUSEHOLDS_TABLE)
        .set({ amount: event.data.entitlementPerStage })
        .where('household_id', '=', id)
        .execute();
      return;
    case 'HouseholdMoved': {
      // The due list follows the family to its new kelurahan; a paid stage stays where it was paid.
      const { kecamatan, kelurahan } = event.data.address;
      await trx
        .updateTable(PKH_DUE_HOUSEHOLDS_TABLE)
        .set({ kecamatan, kelurahan })
        .where('household_id', '=', id)
        .execute();
      await trx
        .updateTable(PKH_DUE_TABLE)
        .set({ kecamatan, kelurahan })
        .where('household_id', '=', id)
        .where('state', '!=', 'paid')
        .execute();
      return;
    }
    case 'PkhComplianceVerified': {
      if (!event.data.compliant) return;
      const household = await trx
        .selectFrom(PKH_DUE_HOUSEHOLDS_TABLE)
        .selectAll()
        .where('household_id', '=', id)
        .executeTakeFirst();
      if (!household) return;
      const { kecamatan, kelurahan, pkh_status, amount } = household;
      await trx
        .insertInto(PKH_DUE_TABLE)
        .values({
          household_id: id,
          stage: event.data.stage,
          kecamatan,
          kelurahan,
          pkh_status,
          amount: Number(amount),
          state: 'due',
          batch_id: null,
          last_failure: null,
          verified_position: event.position,
        })
        .onConflict((oc) => oc.columns(['household_id', 'stage']).doNothing())
        .execute();
      return;
    }
    case 'PkhBenefitDisbursed':
      await stageRow(id, event.data.stage).set({ state: 'paid' }).execute();
      return;
    case 'PkhPaymentReversed':
      await stageRow(id, event.data.stage).set({ state: 'due', batch_id: null }).execute();
      return;
    case 'PkhPaymentFailed': {
      const last_failure = `${event.data.outcome}:${event.data.reasonCode}`;
      // A failure reported after a later payment of the stage leaves that payment standing.
      await stageRow(id, event.data.stage)
        .where('state', '!=', 'paid')
        .set({ state: 'due', batch_id: null, last_failure })
        .execute();
      return;
    }
    case 'DisbursementBatchDeclared':
      await trx
        .insertInto(PKH_DUE_BATCHES_TABLE)
        .values({ batch_id: event.data.batchId, stage: event.data.stage })
        .onConflict((oc) => oc.column('batch_id').doNothing())
        .execute();
      return;
    case 'PaymentAddedToBatch': {
      const batch = await trx
        .selectFrom(PKH_DUE_BATCHES_TABLE)
        .select('stage')
        .where('batch_id', '=', event.data.batchId)
        .executeTakeFirst();
      if (!batch) return;
      await stageRow(event.data.householdId, batch.stage)
        .where('state', '=', 'due')
        .set({ state: 'in_batch', batch_id: event.data.batchId })
        .execute();
      return;
    }
    case 'DisbursementBatchCancelled':
      await trx
        .updateTable(PKH_DUE_TABLE)
        .set({ state: 'due', batch_id: null })
        .where('batch_id', '=', event.data.batchId)
        .where('state', '=', 'in_batch')
        .execute();
      return;
    default:
      // Other household, PKH and batch events do not move a stage's payment.
      return;
  }
}
