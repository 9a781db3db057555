import type Database from 'better-sqlite3';
import pg from 'pg';
import { openSqliteDatabase } from '#libs/platform/event-store/sqlite/open-sqlite.js';
import { migrate } from '#libs/platform/postgres/index.js';

export const PERSONAL_DATA_KEYS_TABLE = 'personal_data_keys';

/**
 * Where the keys of personal data live: never beside the events they open. An erased key leaves
 * a row without key (a tombstone), so that nothing later creates a fresh key for the same owner.
 */
export interface KeyStore {
  /** The key; null once erased; undefined when there never was one. */
  find(keyId: string): Promise<Buffer | null | undefined>;
  /** Stores `key` unless the owner has a key or a tombstone already; returns what is stored then. */
  create(keyId: string, key: Buffer, at: string): Promise<Buffer | null>;
  /** Deletes the key for good, leaving the tombstone. */
  erase(keyId: string, at: string): Promise<void>;
  close(): Promise<void>;
}

interface KeyRow {
  key: Buffer | null;
}

interface PendingKey {
  keyId: string;
  key: Buffer;
  at: string;
  resolve: (stored: Buffer | null) => void;
  reject: (error: unknown) => void;
}

/** A SQLite file of its own (data/keys.db): a backup of the events carries no key. */
export class SqliteKeyStore implements KeyStore {
  private readonly db: Database.Database;
  private readonly select: Database.Statement<[string], KeyRow>;
  private readonly insert: Database.Statement<[string, Buffer, string]>;
  private readonly shred: Database.Statement<[{ id: string; at: string }]>;
  private readonly createAll: Database.Transaction<(batch: PendingKey[]) => Array<Buffer | null>>;
  private pending: PendingKey[] = [];

  constructor(filename: string) {
    this.db = openSqliteDatabase(filename, 'FULL');
    this.db.exec(`CREATE TABLE IF NOT EXISTS ${PERSONAL_DATA_KEYS_TABLE} (
      key_id TEXT PRIMARY KEY, key BLOB, created_at TEXT NOT NULL, erased_at TEXT)`);
    this.select = this.db.prepare(`SELECT key FROM ${PERSONAL_DATA_KEYS_TABLE} WHERE key_id = ?`);
    this.insert = this.db.prepare(
      `INSERT INTO ${PERSONAL_DATA_KEYS_TABLE} (key_id, key, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING`,
    );
    this.shred = this.db.prepare(
      `INSERT INTO ${PERSONAL_DATA_KEYS_TABLE} (key_id, key, created_at, erased_at) VALUES (@id, NULL, @at, @at)
       ON CONFLICT (key_id) DO UPDATE SET key = NULL, erased_at = coalesce(erased_at, @at)`,
    );
    this.createAll = this.db.transaction((batch: PendingKey[]) =>
      batch.map(({ keyId, key, at }) => {
        this.insert.run(keyId, key, at);
        return this.select.get(keyId)!.key;
      }),
    );
    // A deleted key's bytes are overwritten with zeros in the file (not left in a free page).
    this.db.pragma('secure_delete = ON');
  }

  async find(keyId: string): Promise<Buffer | null | undefined> {
    return this.select.get(keyId)?.key;
  }

  /**
   * Group commit, as the event store's appends: the keys asked for in one turn of the event loop
   * (households registered together) are written in one transaction, one fsync, instead of an
   * fsync each on the event loop. Each caller learns of its key once it is on disk.
   */
  create(keyId: string, key: Buffer, at: string): Promise<Buffer | null> {
    return new Promise((resolve, reject) => {
      this.pending.push({ keyId, key, at, resolve, reject });
      if (this.pending.length === 1) setImmediate(() => this.flush());
    });
  }

  private flush(): void {
    const batch = this.pending;
    this.pending = [];
    let stored: Array<Buffer | null>;
    try {
      stored = this.createAll.immediate(batch);
    } catch (error) {
      for (const request of batch) request.reject(error);
      return;
    }
    batch.forEach((request, i) => request.resolve(stored[i]!));
  }

  async erase(keyId: string, at: string): Promise<void> {
    this.shred.run({ id: keyId, at });
  }

  async close(): Promise<void> {
    this.db.close();
  }
}

/** A table of its own in the deployment's schema, shared by every API instance and the projector. */
export class PostgresKeyStore implements KeyStore {
  private constructor(private readonly pool: pg.Pool) {}

  static async open(connectionString: string, schema: string): Promise<PostgresKeyStore> {
    // Under the schema lock (ADR 0012): processes starting together create the table once.
    await migrate(connectionString, schema, 'personal-data-keys', [
      {
        version: 1,
        name: 'one key per household, its row kept without the key once erased (ADR 0010)',
        sql: `CREATE TABLE IF NOT EXISTS ${PERSONAL_DATA_KEYS_TABLE} (
          key_id text PRIMARY KEY, key bytea, created_at text NOT NULL, erased_at text)`,
      },
    ]);
    const pool = new pg.Pool({ connectionString, max: 4, options: `-c search_path="${schema}"` });
    pool.on('error', () => undefined);
    return new PostgresKeyStore(pool);
  }

  async find(keyId: string): Promise<Buffer | null | undefined> {
    const { rows } = await this.pool.query<KeyRow>(`SELECT key FROM ${PERSONAL_DATA_KEYS_TABLE} WHERE key_id = $1`, [
      keyId,
    ]);
    return rows[0]?.key;
  }

  async create(keyId: string, key: Buffer, at: string): Promise<Buffer | null> {
    const { rows } = await this.pool.query<KeyRow>(
      `WITH made AS (INSERT INTO ${PERSONAL_DATA_KEYS_TABLE} (key_id, key, created_at) VALUES ($1, $2, $3)
         ON CONFLICT DO NOTHING RETURNING key)
       SELECT key FROM made UNION ALL SELECT key FROM ${PERSONAL_DATA_KEYS_TABLE} WHERE key_id = $1 LIMIT 1`,
      [keyId, key, at],
    );
    if (rows[0]) return rows[0].key;
    // Another process inserted it after this statement's snapshot was taken: read it now.
    const made = await this.find(keyId);
    if (made === undefined) throw new Error(`The key ${keyId} was neither made nor found`);
    return made;
  }

  async erase(keyId: string, at: string): Promise<void> {
    await this.pool.query(
      `INSERT INTO ${PERSONAL_DATA_KEYS_TABLE} (key_id, key, created_at, erased_at) VALUES ($1, NULL, $2, $2)
       ON CONFLICT (key_id) DO UPDATE SET key = NULL, erased_at = coalesce(${PERSONAL_DATA_KEYS_TABLE}.erased_at, $2)`,
      [keyId, at],
    );
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
