import type Database from 'better-sqlite3';
import { SQLITE_COMMAND_KEYS_SCHEMA, type CommandKeyRecord } from '#libs/platform/event-store/index.js';
import type { IdempotencyStore } from './idempotency.store.js';

/** The command keys of the SQLite event store's file (or of a file of their own, see adapters). */
export class SqliteIdempotencyStore implements IdempotencyStore {
  private readonly stmt;

  constructor(db: Database.Database) {
    db.exec(SQLITE_COMMAND_KEYS_SCHEMA);
    this.stmt = {
      find: db.prepare<[string, string], CommandKeyRecord>(
        'SELECT scope, key, fingerprint, stream, revision, position FROM command_keys WHERE scope = ? AND key = ?',
      ),
      record: db.prepare(
        `INSERT OR IGNORE INTO command_keys (scope, key, fingerprint, stream, revision, position, recorded_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ),
    };
  }

  async find(scope: string, key: string): Promise<CommandKeyRecord | undefined> {
    return this.stmt.find.get(scope, key);
  }

  async record(r: CommandKeyRecord): Promise<void> {
    this.stmt.record.run(r.scope, r.key, r.fingerprint, r.stream, r.revision, r.position, new Date().toISOString());
  }
}
