import type { Transaction } from 'kysely';
import { HOUSEHOLD_CATEGORY } from '#libs/households/index.js';
import { KUBE_CATEGORY } from '#libs/kube/index.js';
import { PKH_CATEGORY, type PkhStatus } from '#libs/pkh/index.js';
import { categoryOf, idOf } from '#libs/platform/event-store/index.js';
import { keyChunks, upsertWhole, writeRows, type Recorded } from '#libs/platform/read-store/index.js';
import type { OutcomeContext, OutcomeEvent, OutcomeHousehold, OutcomeKube } from '#libs/reporting/index.js';
import { TRAINING_CATEGORY } from '#libs/training/index.js';
import type { OutcomeTables } from './outcome-facts.table.js';

type Trx = Transaction<OutcomeTables>;

/**
 * What the outcome fold remembers, for one batch: the rows its events touch, read once before it
 * and written once after it, so one event costs no SQL of its own (this projection was the
 * slowest one per event).
 */
export class OutcomeBatch implements OutcomeContext {
  private readonly households = new Map<string, OutcomeHousehold>();
  private readonly pkhStatuses = new Map<string, PkhStatus | null>();
  private readonly kubes = new Map<string, OutcomeKube>();
  private readonly courses = new Map<string, number>();
  private readonly dirtyHouseholds = new Set<string>();
  private readonly dirtyKubes = new Set<string>();
  private readonly newCourses = new Set<string>();

  /** Reads the households, Kubes and courses the batch's events concern. */
  static async load(trx: Trx, events: readonly Recorded<OutcomeEvent>[]): Promise<OutcomeBatch> {
    const batch = new OutcomeBatch();
    const households = new Set<string>();
    const kubes = new Set<string>();
    const courses = new Set<string>();
    for (const event of events) {
      const category = categoryOf(event.stream);
      if (category === HOUSEHOLD_CATEGORY || category === PKH_CATEGORY) households.add(idOf(event.stream));
      if (category === KUBE_CATEGORY) kubes.add(idOf(event.stream));
      if (category === TRAINING_CATEGORY) {
        courses.add(idOf(event.stream));
        if ('householdId' in event.data && event.data.householdId) households.add(event.data.householdId);
      }
      if ('aboutHouseholdId' in event.data) households.add(event.data.aboutHouseholdId);
    }
    for (const ids of keyChunks([...households])) {
      for (const row of await trx
        .selectFrom('outcome_households')
        .selectAll()
        .where('household_id', 'in', ids)
        .execute()) {
        const { kecamatan, kelurahan, persons } = row;
        batch.households.set(row.household_id, { kecamatan, kelurahan, persons });
        batch.pkhStatuses.set(row.household_id, row.pkh_status as PkhStatus | null);
      }
    }
    for (const ids of keyChunks([...kubes])) {
      for (const row of await trx.selectFrom('outcome_kubes').selectAll().where('kube_id', 'in', ids).execute()) {
        const { kecamatan, kelurahan } = row;
        batch.kubes.set(row.kube_id, { kecamatan, kelurahan, members: JSON.parse(row.members) as string[] });
      }
    }
    for (const ids of keyChunks([...courses])) {
      for (const row of await trx.selectFrom('outcome_courses').selectAll().where('course_id', 'in', ids).execute())
        batch.courses.set(row.course_id, Number(row.cost));
    }
    return batch;
  }

  household(id: string): OutcomeHousehold | undefined {
    return this.households.get(id);
  }
  setHousehold(id: string, household: OutcomeHousehold): void {
    this.households.set(id, household);
    this.dirtyHouseholds.add(id);
  }
  pkhStatus(householdId: string): PkhStatus | null {
    return this.pkhStatuses.get(householdId) ?? null;
  }
  /** Kept in the household's row: nothing for a household this projection never saw registered. */
  setPkhStatus(householdId: string, status: PkhStatus): void {
    if (!this.households.has(householdId)) return;
    this.pkhStatuses.set(householdId, status);
    this.dirtyHouseholds.add(householdId);
  }
  kube(id: string): OutcomeKube | undefined {
    return this.kubes.get(id);
  }
  setKube(id: string, kube: OutcomeKube): void {
    this.kubes.set(id, kube);
    this.dirtyKubes.add(id);
  }
  courseCost(id: string): number | undefined {
    return this.courses.get(id);
  }
  setCourseCost(id: string, costPerParticipant: number): void {
    this.courses.set(id, costPerParticipant);
    this.newCourses.add(id);
  }

  /** The households, Kubes and courses held. */
  get size(): number {
    return this.households.size + this.kubes.size + this.courses.size;
  }

  /** After `write`: the rows as written, from which folding goes on (a rebuild keeps one OutcomeBatch, BatchFold). */
  settle(): void {
    this.dirtyHouseholds.clear();
    this.dirtyKubes.clear();
    this.newCourses.clear();
  }

  /** Writes the rows the batch changed. */
  async write(trx: Trx): Promise<void> {
    const households = [...this.dirtyHouseholds].map((id) => {
      const { kecamatan, kelurahan, persons } = this.households.get(id)!;
      return { household_id: id, kecamatan, kelurahan, persons, pkh_status: this.pkhStatuses.get(id) ?? null };
    });
    // Whole rows: a household's area moves with it, its persons and PKH status change.
    await writeRows(trx, households, (chunk) => upsertWhole(trx, 'outcome_households', 'household_id', chunk));
    const kubes = [...this.dirtyKubes].map((id) => {
      const { kecamatan, kelurahan, members } = this.kubes.get(id)!;
      return { kube_id: id, kecamatan, kelurahan, members: JSON.stringify(members) };
    });
    await writeRows(trx, kubes, (chunk) => upsertWhole(trx, 'outcome_kubes', 'kube_id', chunk));
    const courses = [...this.newCourses].map((id) => ({ course_id: id, cost: this.courses.get(id)! }));
    await writeRows(trx, courses, (chunk) =>
      trx
        .insertInto('outcome_courses')
        .values(chunk)
        .onConflict((oc) => oc.column('course_id').doNothing()),
    );
  }
}
