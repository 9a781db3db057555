import { sql } from 'kysely';
import type { AnyTransaction } from './read-database.js';
import { keyChunks } from './row-chunks.js';
import { writeChangedRows } from './write-rows.js';

/** Which table a BatchRows holds rows of, and how its rows are found. */
export interface BatchRowsOf<T extends object> {
  table: string;
  /** The primary key's one column. */
  key: keyof T & string;
  /**
   * A column whose rows change together (a household's referrals when it moves); `group` finds
   * them among the rows loaded and added. Its value never changes on a row.
   */
  group?: keyof T & string;
}

/**
 * The rows of one table that a batch of events touches: read once before the batch, changed in
 * memory event by event, and written once after it with writeChangedRows. This is how a read
 * model that used to run a statement or two per event (a round trip each on PostgreSQL) folds a
 * batch; the rows it holds must be loaded before the first event changes them, by `load`.
 * Rows are replaced, never changed in place, so that the row as read stays as read. Keys (and
 * group values) are compared as JavaScript values: they are text columns, which both stores give
 * back as strings.
 */
export class BatchRows<T extends object> {
  private readonly rows = new Map<unknown, T>();
  private readonly read = new Map<unknown, T>();
  private readonly groups = new Map<unknown, Set<unknown>>();
  private readonly changed = new Set<unknown>();

  constructor(private readonly of: BatchRowsOf<T>) {}

  /**
   * Reads the table's rows whose `column` holds one of `values`; rows already held stay as they
   * are. Only before the first change: a row added before it was read would overwrite the stored one.
   */
  async load(trx: AnyTransaction, column: keyof T & string, values: Iterable<string>): Promise<void> {
    if (this.changed.size > 0) throw new Error(`BatchRows of ${this.of.table}: load before the first change`);
    for (const chunk of keyChunks([...new Set(values)])) {
      const found = (await trx
        .selectFrom(this.of.table)
        .selectAll()
        .where(sql.ref(column), 'in', chunk)
        .execute()) as T[];
      for (const row of found) {
        const key = row[this.of.key];
        if (this.rows.has(key)) continue;
        this.rows.set(key, row);
        this.read.set(key, row);
        this.index(row);
      }
    }
  }

  /**
   * The whole fold of a read model keyed by one row per event: reads the rows of the events' keys
   * (`keyOf`), applies the events to them in order (`apply`), and writes what changed.
   */
  async fold<E>(
    trx: AnyTransaction,
    events: readonly E[],
    keyOf: (event: E) => string,
    apply: (rows: BatchRows<T>, event: E) => void,
  ): Promise<void> {
    await this.load(trx, this.of.key, events.map(keyOf));
    for (const event of events) apply(this, event);
    await this.write(trx);
  }

  get(key: unknown): T | undefined {
    return this.rows.get(key);
  }

  /** A row new to the table, unless it holds one with that key already (an insert that does nothing then). */
  add(row: T): void {
    const key = row[this.of.key];
    if (this.rows.has(key)) return;
    this.rows.set(key, row);
    this.changed.add(key);
    this.index(row);
  }

  /** Changes the row with this key, if there is one; `values` may be worked out from the row. */
  set(key: unknown, values: Partial<T> | ((row: T) => Partial<T>)): void {
    const row = this.rows.get(key);
    if (!row) return;
    this.rows.set(key, { ...row, ...(typeof values === 'function' ? values(row) : values) });
    this.changed.add(key);
  }

  /** Changes every row of the group `value` (see BatchRowsOf.group). */
  setGroup(value: unknown, values: Partial<T> | ((row: T) => Partial<T>)): void {
    for (const key of this.groups.get(value) ?? []) this.set(key, values);
  }

  /** Writes the rows changed since they were read (writeChangedRows: only the columns that differ). */
  async write(trx: AnyTransaction): Promise<void> {
    const rows = [...this.changed].map((key) => this.rows.get(key)!);
    await writeChangedRows(trx, rows, {
      table: this.of.table,
      key: this.of.key,
      before: (row) => this.read.get(row[this.of.key]),
    });
  }

  private index(row: T): void {
    if (!this.of.group) return;
    const value = row[this.of.group];
    let keys = this.groups.get(value);
    if (!keys) this.groups.set(value, (keys = new Set()));
    keys.add(row[this.of.key]);
  }
}
