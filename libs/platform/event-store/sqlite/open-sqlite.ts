import { createRequire } from 'node:module';
import { basename, dirname } from 'node:path';
import type Database from 'better-sqlite3';
import { privateDirectory, privateFile, privateIfExists } from '#libs/platform/private-files.js';

let driver: typeof Database | undefined;
/**
 * better-sqlite3, loaded on the first SQLite file opened: a process on PostgreSQL or KurrentDB
 * never loads the native module, so an image built for them does not depend on its build.
 */
const sqlite = (): typeof Database => (driver ??= createRequire(import.meta.url)('better-sqlite3') as typeof Database);

/**
 * A SQLite file in WAL mode with the durability asked for; ':memory:' for unit tests. The file is
 * made 0600 before SQLite opens it, so its WAL and shared-memory files (which SQLite creates with
 * the database's mode) are 0600 too; a directory made for it is 0700.
 */
export function openSqliteDatabase(filename: string, synchronous: 'FULL' | 'NORMAL' = 'FULL'): Database.Database {
  if (filename !== ':memory:') {
    privateDirectory(dirname(filename));
    privateFile(filename);
    for (const suffix of ['-wal', '-shm']) privateIfExists(`${filename}${suffix}`);
  }
  const db = new (sqlite())(filename);
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
  for (const old of connections) if (!old.open) connections.delete(old);
  connections.add(db);
  return db;
}

/** Every connection opened here (the event store's, the read store's, the idempotency keys'). */
const connections = new Set<Database.Database>();

/** The SQLite connections this process holds open, by file name (events.db, read.db, ...), for /metrics. */
export function openSqliteConnections(): Map<string, number> {
  const open = new Map<string, number>();
  for (const db of connections) {
    if (!db.open) {
      connections.delete(db);
      continue;
    }
    const file = db.memory ? ':memory:' : basename(db.name);
    open.set(file, (open.get(file) ?? 0) + 1);
  }
  return open;
}
