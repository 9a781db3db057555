import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { BackgroundCheckpointer, openSqliteDatabase } from '#libs/platform/event-store/index.js';
import { eventually } from '../support/eventually.js';

describe('background checkpointer', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'jejak-checkpointer-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('copies the WAL into the database file from its worker while the writer goes on', async () => {
    const file = join(dir, 'events.db');
    const db = openSqliteDatabase(file, 'FULL');
    db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
    const insert = db.prepare('INSERT INTO t (body) VALUES (?)');
    // About 2 MiB: under the writer's own threshold (10,000 pages), so it stays in the WAL.
    db.transaction(() => {
      for (let i = 0; i < 2_000; i++) insert.run('x'.repeat(1_000));
    })();
    expect(statSync(file).size).toBeLessThan(100_000);

    const checkpointer = BackgroundCheckpointer.start([file], { intervalMs: 20 });
    try {
      await eventually(() => expect(statSync(file).size).toBeGreaterThan(2_000_000), 'the WAL copied into the file', {
        timeoutMs: 10_000,
      });
      // The writer was never in the way, nor is it after.
      insert.run('after');
      expect(db.prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: 2_001 });
    } finally {
      await checkpointer.close();
      db.close();
    }
  });
});
