import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';

/**
 * The read store, through Kysely so that projections and queries run on SQLite and PostgreSQL
 * alike. Projections write through `writer`; queries read through `reader` (on SQLite a second
 * connection, so that WAL lets reads go on while a projection batch commits).
 */
export interface ReadDatabase {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each capability types its own tables
  reader: Kysely<any>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  writer: Kysely<any>;
  dialect: 'sqlite';
  close(): Promise<void>;
}

export const READ_DATABASE = Symbol('READ_DATABASE');

export function openSqliteReadDatabase(dataDir: string, filename = 'read.db'): ReadDatabase {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, filename);
  const connect = (): Database.Database => {
    const db = new Database(path);
    db.pragma('journal_mode = WAL');
    // Read models are rebuilt from the events; a lost last batch after a power cut is replayed.
    db.pragma('synchronous = NORMAL');
    db.pragma('busy_timeout = 5000');
    return db;
  };
  const writer = new Kysely({ dialect: new SqliteDialect({ database: connect() }) });
  const reader = new Kysely({ dialect: new SqliteDialect({ database: connect() }) });
  return {
    reader,
    writer,
    dialect: 'sqlite',
    async close() {
      await reader.destroy();
      await writer.destroy();
    },
  };
}
