import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';

/** A SQLite file in WAL mode with the durability asked for; ':memory:' for unit tests. */
export function openSqliteDatabase(filename: string, synchronous: 'FULL' | 'NORMAL' = 'FULL'): Database.Database {
  if (filename !== ':memory:') mkdirSync(dirname(filename), { recursive: true });
  const db = new Database(filename);
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${synchronous}`);
  db.pragma('busy_timeout = 5000');
  return db;
}
