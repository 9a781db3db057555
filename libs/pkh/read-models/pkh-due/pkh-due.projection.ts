import type { Kysely, Transaction } from 'kysely';
import type { HouseholdEvent } from '#libs/households/index.js';
import { idOf, type RecordedEvent } from '#libs/platform/event-store/index.js';
import type { RevocationEvent } from '#libs/platform/domain/index.js';
import { otherEvent, recordedAs, type Projection } from '#libs/platform/read-store/index.js';
import { pkhStatusAfter, type DisbursementBatchEvent, type PkhEvent, type PkhStatus } from '../../domain/index.js';
import { DISBURSEMENT_BATCH_CATEGORY, PKH_CATEGORY } from '../../pkh-streams.js';
import { PkhDueBatch, type DueEvent } from './pkh-due.batch.js';
import {
  createPkhDueTables,
  PKH_DUE_BATCHES_TABLE,
  PKH_DUE_HOUSEHOLDS_TABLE,
  PKH_DUE_TABLE,
  type PkhDueTables,
} from './pkh-due.table.js';

type Trx = Transaction<PkhDueTables>;

/**
 * The event types that move a stage's payment: the feed hands the due list only these (the store
 * filters them before reading a row's data), and the fold's switch takes exactly these, so a type
 * handled but not asked for, or asked for but not handled, fails the build.
 */
const DUE_TYPES = [
  'HouseholdRegistered',
  'EnrolledInPkh',
  'PkhSuspended',
  'PkhReinstated',
  'PkhTerminated',
  'PkhGraduated',
  'PkhEntitlementReassessed',
  'HouseholdMoved',
  'PkhComplianceVerified',
  'PkhBenefitDisbursed',
  'PkhPaymentReversed',
  'PkhPaymentFailed',
  'DisbursementBatchDeclared',
  'PaymentAddedToBatch',
  'DisbursementBatchCancelled',
  'EventRevoked',
] as const satisfies readonly DueEvent['type'][];
type MovingEvent = Extract<DueEvent, { type: (typeof DUE_TYPES)[number] }>;

/** The households due for each stage's payment, for GET /pkh/stages/{stage}/due (ADR 0013). */
export const pkhDueProjection: Projection = {
  name: 'pkh-due',
  // 2: members' changes re-evaluate the amount per stage, and a move within the city moves the due rows.
  // A revoked entry (ADR 0019) is undone in the rows it moved: no revocation was recorded
  // before, so the rows stand (no rebuild).
  version: 2,
  filter: { categories: ['household', PKH_CATEGORY, DISBURSEMENT_BATCH_CATEGORY], types: DUE_TYPES },
  tables: [PKH_DUE_TABLE, PKH_DUE_HOUSEHOLDS_TABLE, PKH_DUE_BATCHES_TABLE],
  // The due list's route reads by stage; a batch looks rows up by household (the key), never by stage.
  deferredIndexes: ['pkh_due_stage'],
  async setup(db: Kysely<PkhDueTables>) {
    await createPkhDueTables(db);
  },
  async apply(trx: Trx, event: RecordedEvent) {
    await this.applyBatch!(trx, [event]);
  },
  /** The rows a batch touches are read once, folded in memory and written once. */
  async applyBatch(trx: Trx, recorded: readonly RecordedEvent[]) {
    const events = recordedAs<HouseholdEvent | PkhEvent | DisbursementBatchEvent | RevocationEvent>(
      recorded,
    ) as readonly MovingEvent[];
    const batch = await PkhDueBatch.load(trx, events);
    for (const event of events) foldDueEvent(batch, event);
    await batch.write(trx);
  },
};

function foldDueEvent(batch: PkhDueBatch, event: MovingEvent): void {
  const id = idOf(event.stream);
  switch (event.type) {
    case 'HouseholdRegistered': {
      const { kecamatan, kelurahan } = event.data.address;
      return batch.addHousehold({ household_id: id, kecamatan, kelurahan, pkh_status: 'not_enrolled', amount: 0 });
    }
    case 'EnrolledInPkh':
    case 'PkhSuspended':
    case 'PkhReinstated':
    case 'PkhTerminated':
    case 'PkhGraduated': {
      const household = batch.households.get(id);
      if (!household) return;
      const pkh_status = pkhStatusAfter(household.pkh_status as PkhStatus, event);
      const amount = event.type === 'EnrolledInPkh' ? event.data.entitlementPerStage : household.amount;
      return batch.setStatus(household, pkh_status, amount);
    }
    case 'PkhEntitlementReassessed': {
      // Appended just before the stage's verification: the stage's row takes the new amount.
      const household = batch.households.get(id);
      return household && batch.setAmount(household, event.data.entitlementPerStage);
    }
    case 'HouseholdMoved': {
      // The due list follows the family to its new kelurahan; a paid stage stays where it was paid.
      const household = batch.households.get(id);
      return household && batch.move(household, event.data.address);
    }
    case 'PkhComplianceVerified': {
      if (!event.data.compliant) return;
      const household = batch.households.get(id);
      if (!household) return;
      const { kecamatan, kelurahan, pkh_status, amount } = household;
      return batch.addRow({
        household_id: id,
        stage: event.data.stage,
        kecamatan,
        kelurahan,
        pkh_status,
        amount,
        state: 'due',
        batch_id: null,
        last_failure: null,
        verified_position: event.position,
      });
    }
    case 'PkhBenefitDisbursed': {
      const row = batch.row(id, event.data.stage);
      return row && batch.setRow(row, { state: 'paid' });
    }
    case 'PkhPaymentReversed': {
      const row = batch.row(id, event.data.stage);
      return row && batch.setRow(row, { state: 'due', batch_id: null });
    }
    case 'PkhPaymentFailed': {
      // A failure reported after a later payment of the stage leaves that payment standing.
      const row = batch.row(id, event.data.stage);
      if (!row || row.state === 'paid') return;
      return batch.setRow(row, {
        state: 'due',
        batch_id: null,
        last_failure: `${event.data.outcome}:${event.data.reasonCode}`,
      });
    }
    case 'DisbursementBatchDeclared':
      return batch.declareBatch(event.data.batchId, event.data.stage);
    case 'PaymentAddedToBatch': {
      const stage = batch.batches.get(event.data.batchId);
      const row = stage === undefined ? undefined : batch.row(event.data.householdId, stage);
      if (!row || row.state !== 'due') return;
      return batch.setRow(row, { state: 'in_batch', batch_id: event.data.batchId });
    }
    case 'DisbursementBatchCancelled':
      for (const row of batch.rowsInBatch(event.data.batchId)) batch.setRow(row, { state: 'due', batch_id: null });
      return;
    case 'EventRevoked':
      return revokeInDue(batch, id, event.data);
    default:
      otherEvent(event);
  }
}

/**
 * A revoked PKH entry (ADR 0019) undone in the due list: a compliant verification's stage is no
 * longer due (a paid one stays paid: the money left, and the answer listed it for review), a
 * payment's stage is due again, a suspension or a reinstatement gives the status back. Other
 * revoked entries leave the list as it is.
 */
function revokeInDue(batch: PkhDueBatch, id: string, revoked: RevocationEvent['data']): void {
  const household = batch.households.get(id);
  const row = revoked.stage === undefined ? undefined : batch.row(id, revoked.stage);
  switch (revoked.eventType) {
    case 'PkhComplianceVerified':
      return row && row.state !== 'paid' ? batch.setRow(row, { state: 'revoked', batch_id: null }) : undefined;
    case 'PkhBenefitDisbursed':
      return row && row.state === 'paid' ? batch.setRow(row, { state: 'due', batch_id: null }) : undefined;
    case 'PkhSuspended':
      return household?.pkh_status === 'suspended' ? batch.setStatus(household, 'active', household.amount) : undefined;
    case 'PkhReinstated':
      return household?.pkh_status === 'active' ? batch.setStatus(household, 'suspended', household.amount) : undefined;
  }
}
