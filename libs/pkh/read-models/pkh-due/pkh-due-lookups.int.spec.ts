import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { CompiledQuery, sql, type Kysely } from 'kysely';
import {
  openPostgresReadDatabase,
  openSqliteReadDatabase,
  type ReadDatabase,
} from '#libs/platform/read-store/index.js';
import { dropSchema, testDatabaseUrl } from '../../../../test/support/postgres.js';
import { inBatchRows } from './pkh-due.batch.js';
import { createPkhDueTables, type PkhDueTables } from './pkh-due.table.js';

/**
 * A cancelled disbursement batch puts the stages still in it back on the due list: those rows are
 * found through a partial index of the rows in an open batch, not by reading every row the due
 * list ever had (paid rows keep their batch).
 */
describe.each(['sqlite', 'postgres'] as const)('the due list looked up by disbursement batch (%s)', (dialect) => {
  let dir: string;
  let schema: string;
  let database: ReadDatabase;
  let db: Kysely<PkhDueTables>;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'jejak-pkh-due-'));
    schema = `pkh_due_${randomUUID().slice(0, 8)}`;
    database =
      dialect === 'sqlite' ? openSqliteReadDatabase(dir) : await openPostgresReadDatabase(testDatabaseUrl(), schema);
    db = database.writer as Kysely<PkhDueTables>;
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
    for (let i = 0; i < rows.length; i += 250)
      await db
        .insertInto('pkh_due')
        .values(rows.slice(i, i + 250))
        .execute();
    if (dialect === 'postgres') await sql`ANALYZE pkh_due`.execute(db);
  });
  afterEach(async () => {
    await database.close();
    if (dialect === 'postgres') await dropSchema(schema);
    rmSync(dir, { recursive: true, force: true });
  });

  it('finds the rows still in a cancelled batch through their partial index, and only those', async () => {
    const query = inBatchRows(db, ['b3']);
    const { sql: text, parameters } = query.compile();
    const explain = dialect === 'sqlite' ? 'EXPLAIN QUERY PLAN ' : 'EXPLAIN ';
    const { rows: plan } = await db.executeQuery<Record<string, string>>(
      CompiledQuery.raw(explain + text, [...parameters]),
    );
    expect(plan.map((r) => r.detail ?? r['QUERY PLAN']).join('\n')).toContain('pkh_due_in_batch');
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
