import type { Transaction } from 'kysely';
import { HOUSEHOLD_CATEGORY } from '#libs/households/index.js';
import { KUBE_CATEGORY } from '#libs/kube/index.js';
import { PKH_CATEGORY } from '#libs/pkh/index.js';
import { categoryOf, idOf } from '#libs/platform/event-store/index.js';
import { keyChunks, writeChangedRows, writeRows, type Recorded } from '#libs/platform/read-store/index.js';
import { TRAINING_CATEGORY } from '#libs/training/index.js';
import { type CaseloadCourse, type CaseloadEvent, type CaseloadRow, type CaseloadTables } from './caseload.table.js';

type Trx = Transaction<CaseloadTables>;

/**
 * The caseload rows a batch touches (by household, and by Kube for group events) and its
 * courses: read once before the batch, folded in memory, written once after it.
 */
export class CaseloadBatch {
  readonly rows = new Map<string, CaseloadRow>();
  /** The rows as read before the batch, never changed (a batch changes its own copies): what `write` compares with. */
  private readonly read = new Map<string, CaseloadRow>();
  /** The households of each Kube among the rows: group events reach their members without a scan. */
  private readonly byKube = new Map<string, Set<string>>();
  readonly courses = new Map<string, CaseloadCourse>();
  private readonly dirty = new Set<string>();
  private readonly newCourses = new Set<string>();

  static async load(trx: Trx, events: readonly Recorded<CaseloadEvent>[]): Promise<CaseloadBatch> {
    const households = new Set<string>();
    const kubes = new Set<string>();
    const courses = new Set<string>();
    for (const event of events) {
      const category = categoryOf(event.stream);
      if (category === HOUSEHOLD_CATEGORY || category === PKH_CATEGORY) households.add(idOf(event.stream));
      if (category === KUBE_CATEGORY) kubes.add(idOf(event.stream));
      if (category === TRAINING_CATEGORY) courses.add(idOf(event.stream));
      const data = event.data;
      // A revocation of a Kube or course entry names them too (ADR 0019).
      if ('householdId' in data && data.householdId) households.add(data.householdId);
      if ('householdIds' in data) for (const h of data.householdIds ?? []) households.add(h);
    }
    const batch = new CaseloadBatch();
    const load = async (column: 'household_id' | 'kube_id', ids: string[]) => {
      for (const chunk of keyChunks(ids)) {
        for (const row of await trx.selectFrom('caseload').selectAll().where(column, 'in', chunk).execute()) {
          batch.rows.set(row.household_id, row);
          batch.read.set(row.household_id, row);
          batch.indexByKube(row.household_id, null, row.kube_id);
        }
      }
    };
    await load('household_id', [...households]);
    await load('kube_id', [...kubes]);
    const courseIds = [...courses];
    for (const chunk of keyChunks(courseIds)) {
      for (const c of await trx.selectFrom('caseload_courses').selectAll().where('course_id', 'in', chunk).execute())
        batch.courses.set(c.course_id, c);
    }
    return batch;
  }

  /** A household registered in this batch. */
  add(row: CaseloadRow): void {
    this.rows.set(row.household_id, row);
    this.dirty.add(row.household_id);
  }

  /** Changes a household's row; nothing for a household the caseloads never saw registered. */
  set(householdId: string, values: Partial<CaseloadRow>): void {
    const row = this.rows.get(householdId);
    if (!row) return;
    if (values.kube_id !== undefined) this.indexByKube(householdId, row.kube_id, values.kube_id);
    // The row as read stays as read (write compares with it): the batch's first change copies it,
    // later ones change that copy (a household's row takes several changes in one batch).
    if (this.dirty.has(householdId)) Object.assign(row, values);
    else {
      this.rows.set(householdId, { ...row, ...values });
      this.dirty.add(householdId);
    }
  }

  /** Changes the rows of every household in a Kube. */
  setWhereKube(kubeId: string, values: Partial<CaseloadRow>): void {
    for (const householdId of [...(this.byKube.get(kubeId) ?? [])]) this.set(householdId, values);
  }

  /** The rows and courses held. */
  get size(): number {
    return this.rows.size + this.courses.size;
  }

  addCourse(course: CaseloadCourse): void {
    this.courses.set(course.course_id, course);
    this.newCourses.add(course.course_id);
  }

  async write(trx: Trx): Promise<void> {
    const rows = [...this.dirty].map((id) => this.rows.get(id)!);
    await writeChangedRows(trx, rows, {
      table: 'caseload',
      key: 'household_id',
      before: (row) => this.read.get(row.household_id),
    });
    const courses = [...this.newCourses].map((id) => this.courses.get(id)!);
    await writeRows(trx, courses, (chunk) =>
      trx
        .insertInto('caseload_courses')
        .values(chunk)
        .onConflict((oc) => oc.column('course_id').doNothing()),
    );
  }

  /**
   * After `write`: the rows as written are what the next `write` compares with (a rebuild keeps
   * one CaseloadBatch from batch to batch, BatchFold).
   */
  settle(): void {
    for (const id of this.dirty) this.read.set(id, this.rows.get(id)!);
    this.dirty.clear();
    this.newCourses.clear();
  }

  private indexByKube(householdId: string, from: string | null, to: string | null): void {
    if (from === to) return;
    if (from !== null) this.byKube.get(from)?.delete(householdId);
    if (to === null) return;
    let members = this.byKube.get(to);
    if (!members) this.byKube.set(to, (members = new Set()));
    members.add(householdId);
  }
}
