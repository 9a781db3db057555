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
  // SQLite's default page cache is 2 MiB: too small for the indexes of a city's events and read
  // models, so inserts would read pages back from the OS. 64 MiB per connection, at most.
  db.pragma('cache_size = -65536');
  db.pragma('temp_store = MEMORY');
  // Checkpoints normally run off the event loop (BackgroundCheckpointer); a writer checkpoints
  // itself only when the WAL passes 10,000 pages (40 MiB), should the background one fall behind.
  db.pragma('wal_autocheckpoint = 10000');
  return db;
}
