import pg from 'pg';
import type { IdempotencyClaim, IdempotencyStore, StoredResponse } from './idempotency.store.js';

/** Idempotency keys in PostgreSQL; one INSERT ... ON CONFLICT decides who claims a key. */
export class PostgresIdempotencyStore implements IdempotencyStore {
  private constructor(
    private readonly pool: pg.Pool,
    private readonly table: string,
  ) {}

  static async open(connectionString: string, schema: string): Promise<PostgresIdempotencyStore> {
    const pool = new pg.Pool({ connectionString, max: 4 });
    pool.on('error', () => undefined);
    const table = `"${schema}".idempotency_keys`;
    await pool.query(`CREATE SCHEMA IF NOT EXISTS "${schema}";
      CREATE TABLE IF NOT EXISTS ${table} (
        scope TEXT NOT NULL, key TEXT NOT NULL, fingerprint TEXT NOT NULL,
        status INTEGER, response JSON, created_at TIMESTAMPTZ NOT NULL,
        PRIMARY KEY (scope, key))`);
    return new PostgresIdempotencyStore(pool, table);
  }

  async claim(scope: string, key: string, fingerprint: string, now: Date): Promise<IdempotencyClaim> {
    const inserted = await this.pool.query(
      `INSERT INTO ${this.table} (scope, key, fingerprint, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING key`,
      [scope, key, fingerprint, now],
    );
    if (inserted.rowCount === 1) return { state: 'claimed' };
    const { rows } = await this.pool.query<{
      fingerprint: string;
      status: number | null;
      response: StoredResponse | null;
    }>(`SELECT fingerprint, status, response FROM ${this.table} WHERE scope = $1 AND key = $2`, [scope, key]);
    const row = rows[0];
    if (!row) return this.claim(scope, key, fingerprint, now);
    if (row.fingerprint !== fingerprint) return { state: 'different_request' };
    if (row.status === null || row.response === null) return { state: 'in_progress' };
    return { state: 'completed', response: row.response };
  }

  async complete(scope: string, key: string, response: StoredResponse): Promise<void> {
    await this.pool.query(`UPDATE ${this.table} SET status = $1, response = $2 WHERE scope = $3 AND key = $4`, [
      response.status,
      JSON.stringify(response),
      scope,
      key,
    ]);
  }

  async release(scope: string, key: string): Promise<void> {
    await this.pool.query(`DELETE FROM ${this.table} WHERE scope = $1 AND key = $2 AND status IS NULL`, [scope, key]);
  }

  /** The connection pool's use, for /metrics. */
  poolStats(): { total: number; idle: number; waiting: number } {
    return { total: this.pool.totalCount, idle: this.pool.idleCount, waiting: this.pool.waitingCount };
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
