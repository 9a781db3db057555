import type Database from 'better-sqlite3';
import type { IdempotencyClaim, IdempotencyStore, StoredResponse } from './idempotency.store.js';

interface Row {
  fingerprint: string;
  status: number | null;
  response: string | null;
}

/** Kept beside the events (same SQLite file): a retried command's answer survives restarts. */
export class SqliteIdempotencyStore implements IdempotencyStore {
  private readonly claimTx;
  private readonly stmt;

  constructor(db: Database.Database) {
    db.exec(`CREATE TABLE IF NOT EXISTS idempotency_keys (
      scope TEXT NOT NULL, key TEXT NOT NULL, fingerprint TEXT NOT NULL,
      status INTEGER, response TEXT, created_at TEXT NOT NULL,
      PRIMARY KEY (scope, key)) WITHOUT ROWID`);
    this.stmt = {
      get: db.prepare<[string, string], Row>(
        'SELECT fingerprint, status, response FROM idempotency_keys WHERE scope = ? AND key = ?',
      ),
      insert: db.prepare('INSERT INTO idempotency_keys (scope, key, fingerprint, created_at) VALUES (?, ?, ?, ?)'),
      complete: db.prepare('UPDATE idempotency_keys SET status = ?, response = ? WHERE scope = ? AND key = ?'),
      delete: db.prepare('DELETE FROM idempotency_keys WHERE scope = ? AND key = ? AND status IS NULL'),
    };
    this.claimTx = db.transaction((scope: string, key: string, fingerprint: string, now: string): IdempotencyClaim => {
      const row = this.stmt.get.get(scope, key);
      if (!row) {
        this.stmt.insert.run(scope, key, fingerprint, now);
        return { state: 'claimed' };
      }
      if (row.fingerprint !== fingerprint) return { state: 'different_request' };
      if (row.status === null || row.response === null) return { state: 'in_progress' };
      return { state: 'completed', response: JSON.parse(row.response) as StoredResponse };
    });
  }

  async claim(scope: string, key: string, fingerprint: string, now: Date): Promise<IdempotencyClaim> {
    return this.claimTx.immediate(scope, key, fingerprint, now.toISOString());
  }

  async complete(scope: string, key: string, response: StoredResponse): Promise<void> {
    this.stmt.complete.run(response.status, JSON.stringify(response), scope, key);
  }

  async release(scope: string, key: string): Promise<void> {
    this.stmt.delete.run(scope, key);
  }
}
