import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import type { Kysely } from 'kysely';
import {
  fillTable,
  queryPlan,
  scratchReadDatabase,
  type ScratchReadDatabase,
} from '../../../../test/support/scratch-read-database.js';
import { inBatchRows } from './pkh-due.batch.js';
import { createPkhDueTables, type PkhDueTables } from './pkh-due.table.js';

/**
 * A cancelled disbursement batch puts the stages still in it back on the due list: those rows are
 * found through a partial index of the rows in an open batch, not by reading every row the due
 * list ever had (paid rows keep their batch).
 */
describe.each(['sqlite', 'postgres'] as const)('the due list looked up by disbursement batch (%s)', (dialect) => {
  let scratch: ScratchReadDatabase;
  let db: Kysely<PkhDueTables>;

  beforeEach(async () => {
    scratch = await scratchReadDatabase(dialect, 'pkh-due');
    db = scratch.database.writer as Kysely<PkhDueTables>;
    await createPkhDueTables(db);
    // 3,000 rows: every tenth still in its batch, a few due, the rest paid in batches b0..b9.
    const rows = Array.from({ length: 3_000 }, (_, i) => {
      const state = i % 10 === 0 ? 'in_batch' : i % 10 === 1 ? 'due' : 'paid';
      return {
        household_id: `h${i}`,
        stage: '2026-Q1',
        kecamatan: 'Bekasi Utara',
        kelurahan: 'Harapan Jaya',
        pkh_status: 'active',
        amount: 750_000,
        state,
        batch_id: state === 'due' ? null : `b${i % 7}`,
        last_failure: null,
        verified_position: i + 1,
      } as const;
    });
    await fillTable(db, dialect, 'pkh_due', rows);
  });
  afterEach(() => scratch.dispose());

  it('finds the rows still in a cancelled batch through their partial index, and only those', async () => {
    const query = inBatchRows(db, ['b3']);
    expect(await queryPlan(db, dialect, query)).toContain('pkh_due_in_batch');
    const found = (await query.execute()).map((r) => r.household_id).sort();
    // In a batch: i % 10 === 0; batch b3: i % 7 === 3. Paid rows of b3 stay where they are.
    const expected = Array.from({ length: 3_000 }, (_, i) => i)
      .filter((i) => i % 10 === 0 && i % 7 === 3)
      .map((i) => `h${i}`)
      .sort();
    expect(found).toEqual(expected);
    expect(found.length).toBeGreaterThan(0);
  });
});
