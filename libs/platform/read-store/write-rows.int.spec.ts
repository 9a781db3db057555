import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteReadDatabase, type ReadDatabase } from './read-database.js';
import { ShadowTablesPlugin } from './table-rename.plugin.js';
import { writeRows } from './write-rows.js';

describe('writeRows on SQLite (one statement run for each row)', () => {
  let dir: string;
  let db: ReadDatabase;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'jejak-write-rows-'));
    db = openSqliteReadDatabase(dir);
    for (const table of ['totals', 'totals__rebuild'])
      await db.writer.schema
        .createTable(table)
        .addColumn('k', 'text', (c) => c.primaryKey())
        .addColumn('label', 'text')
        .addColumn('value', 'integer', (c) => c.notNull())
        .execute();
  });
  afterEach(async () => {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const all = (table = 'totals') => db.reader.selectFrom(table).selectAll().orderBy('k').execute();
  const upsert = (trx: typeof db.writer, rows: Array<Record<string, unknown>>) =>
    writeRows(trx, rows, (chunk) =>
      trx
        .insertInto('totals')
        .values(chunk)
        .onConflict((oc) =>
          oc.column('k').doUpdateSet((eb) => ({ value: eb(eb.ref('totals.value'), '+', eb.ref('excluded.value')) })),
        ),
    );

  it('writes every row, each upsert seeing the rows before it, whatever order its keys come in', async () => {
    await db.writer.transaction().execute(async (trx) => {
      await upsert(trx, [
        { k: 'a', label: 'x', value: 1 },
        { value: 2, k: 'b', label: null },
      ]);
      await upsert(trx, [{ k: 'a', label: 'x', value: 10 }]);
    });
    expect(await all()).toEqual([
      { k: 'a', label: 'x', value: 11 },
      { k: 'b', label: null, value: 2 },
    ]);
  });

  it('takes rows of another shape (a key missing, a value undefined) the multi-row way, losing none', async () => {
    await upsert(db.writer, [
      { k: 'a', value: 1 },
      { k: 'b', label: 'y', value: 2 },
      { k: 'c', label: undefined, value: 3 },
    ]);
    expect(await all()).toEqual([
      { k: 'a', label: null, value: 1 },
      { k: 'b', label: 'y', value: 2 },
      { k: 'c', label: null, value: 3 },
    ]);
  });

  it('writes into the shadow tables a rebuild points it at', async () => {
    const shadow = db.writer.withPlugin(new ShadowTablesPlugin(['totals']));
    await upsert(shadow, [{ k: 'a', label: 'x', value: 1 }]);
    expect(await all()).toEqual([]);
    expect(await all('totals__rebuild')).toEqual([{ k: 'a', label: 'x', value: 1 }]);
  });
});
