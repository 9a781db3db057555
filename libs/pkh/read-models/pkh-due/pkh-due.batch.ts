import { sql, type Kysely, type Transaction } from 'kysely';
import type { HouseholdEvent } from '#libs/households/index.js';
import type { RevocationEvent } from '#libs/platform/domain/index.js';
import { idOf } from '#libs/platform/event-store/index.js';
import { keyChunks, writeRows, type Recorded } from '#libs/platform/read-store/index.js';
import type { DisbursementBatchEvent, PkhEvent, PkhStatus } from '../../domain/index.js';
import {
  IN_BATCH,
  PKH_DUE_BATCHES_TABLE,
  PKH_DUE_HOUSEHOLDS_TABLE,
  PKH_DUE_TABLE,
  type PkhDueTables,
} from './pkh-due.table.js';

type Trx = Transaction<PkhDueTables>;
export type DueEvent = Recorded<HouseholdEvent | PkhEvent | DisbursementBatchEvent | RevocationEvent>;
export type DueHousehold = PkhDueTables['pkh_due_households'];
export type DueRow = PkhDueTables['pkh_due'];

const STAGE_EVENTS = new Set([
  'PkhComplianceVerified',
  'PkhBenefitDisbursed',
  'PkhPaymentReversed',
  'PkhPaymentFailed',
  'EventRevoked',
]);
const STATUS_EVENTS = new Set(['EnrolledInPkh', 'PkhSuspended', 'PkhReinstated', 'PkhTerminated', 'PkhGraduated']);
const HOUSEHOLD_EVENTS = new Set(['HouseholdRegistered', 'PkhEntitlementReassessed', 'HouseholdMoved']);
const key = (householdId: string, stage: string): string => `${householdId}\u0000${stage}`;

/**
 * The due-list rows a batch of the feed touches: read once before it (households, their stages
 * named by the batch's events, the batches' stages, the rows of cancelled batches), folded in
 * memory, written once after it, one statement per table (what made a rebuild on PostgreSQL
 * slow was a few statements per event).
 */
export class PkhDueBatch {
  readonly households = new Map<string, DueHousehold>();
  readonly batches = new Map<string, string>();
  private readonly rows = new Map<string, DueRow>();
  private readonly rowsOf = new Map<string, DueRow[]>();
  private readonly dirtyHouseholds = new Set<string>();
  private readonly dirtyRows = new Set<string>();
  private readonly newBatches = new Set<string>();
  /** Households whose PKH status moved: their rows this batch did not load take the new status too. */
  private readonly statusMoved = new Set<string>();
  /** Households that moved within the city: their unpaid rows this batch did not load move too. */
  private readonly areaMoved = new Set<string>();

  static async load(trx: Trx, events: readonly DueEvent[]): Promise<PkhDueBatch> {
    const batch = new PkhDueBatch();
    const households = new Set<string>();
    const batchIds = new Set<string>();
    const cancelled = new Set<string>();
    for (const event of events) {
      if (HOUSEHOLD_EVENTS.has(event.type) || STATUS_EVENTS.has(event.type) || STAGE_EVENTS.has(event.type))
        households.add(idOf(event.stream));
      else if (event.type === 'PaymentAddedToBatch') batchIds.add(event.data.batchId);
      else if (event.type === 'DisbursementBatchCancelled') cancelled.add(event.data.batchId);
    }
    for (const chunk of keyChunks([...households]))
      for (const row of await trx
        .selectFrom(PKH_DUE_HOUSEHOLDS_TABLE)
        .selectAll()
        .where('household_id', 'in', chunk)
        .execute())
        batch.households.set(row.household_id, { ...row, amount: Number(row.amount) });
    for (const chunk of keyChunks([...batchIds]))
      for (const row of await trx
        .selectFrom(PKH_DUE_BATCHES_TABLE)
        .selectAll()
        .where('batch_id', 'in', chunk)
        .execute())
        batch.batches.set(row.batch_id, row.stage);
    const stages: Array<{ household_id: string; stage: string }> = [];
    const declared = new Map<string, string>();
    for (const event of events) {
      if (event.type === 'DisbursementBatchDeclared') declared.set(event.data.batchId, event.data.stage);
      else if (STAGE_EVENTS.has(event.type) && 'stage' in event.data && event.data.stage !== undefined)
        stages.push({ household_id: idOf(event.stream), stage: event.data.stage });
      else if (event.type === 'PaymentAddedToBatch') {
        const stage = batch.batches.get(event.data.batchId) ?? declared.get(event.data.batchId);
        if (stage !== undefined) stages.push({ household_id: event.data.householdId, stage });
      }
    }
    // By household and stage apart, then the pairs asked for: a list of (household, stage) pairs
    // as one row-value IN made PostgreSQL's parser recurse once per pair (15,000 pairs: "stack
    // depth limit exceeded"). A batch spans a few stages, so the superset read is small.
    const wanted = new Set(stages.map((s) => `${s.household_id}\u0000${s.stage}`));
    const stageList = [...new Set(stages.map((s) => s.stage))];
    for (const chunk of keyChunks([...new Set(stages.map((s) => s.household_id))])) {
      const found = await trx
        .selectFrom(PKH_DUE_TABLE)
        .selectAll()
        .where('household_id', 'in', chunk)
        .where('stage', 'in', stageList)
        .execute();
      for (const row of found) if (wanted.has(`${row.household_id}\u0000${row.stage}`)) batch.keep(row);
    }
    // A cancellation moves only the rows still in its batch (rowsInBatch): found through pkh_due_in_batch.
    for (const chunk of keyChunks([...cancelled]))
      for (const row of await inBatchRows(trx, chunk).execute()) batch.keep(row);
    return batch;
  }

  row(householdId: string, stage: string): DueRow | undefined {
    return this.rows.get(key(householdId, stage));
  }

  addHousehold(household: DueHousehold): void {
    if (this.households.has(household.household_id)) return;
    this.households.set(household.household_id, household);
    this.dirtyHouseholds.add(household.household_id);
  }

  /** A household's status (and, on enrolment, its amount) moved: so do all its rows. */
  setStatus(household: DueHousehold, pkh_status: PkhStatus, amount: number): void {
    Object.assign(household, { pkh_status, amount });
    this.dirtyHouseholds.add(household.household_id);
    this.statusMoved.add(household.household_id);
    for (const row of this.rowsOf.get(household.household_id) ?? [])
      if (row.pkh_status !== pkh_status) this.setRow(row, { pkh_status });
  }

  /** The entitlement re-evaluated for the coming stage (PkhEntitlementReassessed). */
  setAmount(household: DueHousehold, amount: number): void {
    household.amount = amount;
    this.dirtyHouseholds.add(household.household_id);
  }

  /** A move within the city: the household and its unpaid rows go to the new area; paid stages stay. */
  move(household: DueHousehold, address: { kecamatan: string; kelurahan: string }): void {
    const { kecamatan, kelurahan } = address;
    Object.assign(household, { kecamatan, kelurahan });
    this.dirtyHouseholds.add(household.household_id);
    this.areaMoved.add(household.household_id);
    for (const row of this.rowsOf.get(household.household_id) ?? [])
      if (row.state !== 'paid') this.setRow(row, { kecamatan, kelurahan });
  }

  addRow(row: DueRow): void {
    const k = key(row.household_id, row.stage);
    const revoked = this.rows.get(k);
    // A stage verified again after its verification was revoked (ADR 0019) takes the new row.
    if (revoked?.state === 'revoked') return this.setRow(revoked, row);
    if (revoked) return;
    this.remember(k, row);
    this.dirtyRows.add(k);
  }

  setRow(row: DueRow, values: Partial<DueRow>): void {
    Object.assign(row, values);
    this.dirtyRows.add(key(row.household_id, row.stage));
  }

  /** Every row of a batch still in it: what a cancelled batch sends back to due. */
  rowsInBatch(batchId: string): DueRow[] {
    return [...this.rows.values()].filter((r) => r.batch_id === batchId && r.state === IN_BATCH);
  }

  declareBatch(batchId: string, stage: string): void {
    if (this.batches.has(batchId)) return;
    this.batches.set(batchId, stage);
    this.newBatches.add(batchId);
  }

  async write(trx: Trx): Promise<void> {
    const households = [...this.dirtyHouseholds].map((id) => this.households.get(id)!);
    await writeRows(trx, households, (chunk) =>
      trx
        .insertInto(PKH_DUE_HOUSEHOLDS_TABLE)
        .values(chunk)
        .onConflict((oc) =>
          oc.column('household_id').doUpdateSet((eb) => ({
            kecamatan: eb.ref('excluded.kecamatan'),
            kelurahan: eb.ref('excluded.kelurahan'),
            pkh_status: eb.ref('excluded.pkh_status'),
            amount: eb.ref('excluded.amount'),
          })),
        ),
    );
    // Rows of a household that this batch did not read (earlier stages) follow its status too.
    const byStatus = new Map<string, string[]>();
    for (const id of this.statusMoved) {
      const status = this.households.get(id)!.pkh_status;
      byStatus.set(status, [...(byStatus.get(status) ?? []), id]);
    }
    for (const [pkh_status, ids] of byStatus)
      for (const chunk of keyChunks(ids))
        await trx
          .updateTable(PKH_DUE_TABLE)
          .set({ pkh_status })
          .where('household_id', 'in', chunk)
          .where('pkh_status', '!=', pkh_status)
          .execute();
    const rows = [...this.dirtyRows].map((k) => this.rows.get(k)!);
    await writeRows(trx, rows, (chunk) =>
      trx
        .insertInto(PKH_DUE_TABLE)
        .values(chunk)
        .onConflict((oc) =>
          oc.columns(['household_id', 'stage']).doUpdateSet((eb) => ({
            kecamatan: eb.ref('excluded.kecamatan'),
            kelurahan: eb.ref('excluded.kelurahan'),
            pkh_status: eb.ref('excluded.pkh_status'),
            state: eb.ref('excluded.state'),
            batch_id: eb.ref('excluded.batch_id'),
            last_failure: eb.ref('excluded.last_failure'),
          })),
        ),
    );
    for (const id of this.areaMoved) {
      const { kecamatan, kelurahan } = this.households.get(id)!;
      await trx
        .updateTable(PKH_DUE_TABLE)
        .set({ kecamatan, kelurahan })
        .where('household_id', '=', id)
        .where('state', '!=', 'paid')
        .execute();
    }
    const batches = [...this.newBatches].map((batch_id) => ({ batch_id, stage: this.batches.get(batch_id)! }));
    await writeRows(trx, batches, (chunk) =>
      trx
        .insertInto(PKH_DUE_BATCHES_TABLE)
        .values(chunk)
        .onConflict((oc) => oc.column('batch_id').doNothing()),
    );
  }

  /** A row as read (PostgreSQL returns bigints as strings). */
  private keep(row: DueRow): void {
    const k = key(row.household_id, row.stage);
    if (!this.rows.has(k))
      this.remember(k, { ...row, amount: Number(row.amount), verified_position: Number(row.verified_position) });
  }

  private remember(k: string, row: DueRow): void {
    this.rows.set(k, row);
    const rows = this.rowsOf.get(row.household_id);
    if (rows) rows.push(row);
    else this.rowsOf.set(row.household_id, [row]);
  }
}

/**
 * The due rows still in these disbursement batches (an index walk: pkh_due_in_batch). The state is
 * a literal, as in the index: a plan made without the bound values still matches it.
 */
export const inBatchRows = (db: Kysely<PkhDueTables>, batchIds: readonly string[]) =>
  db.selectFrom(PKH_DUE_TABLE).selectAll().where('batch_id', 'in', batchIds).where('state', '=', sql.lit(IN_BATCH));
