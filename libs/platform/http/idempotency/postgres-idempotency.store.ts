import pg from 'pg';
import { migratePostgresCommandKeys, type CommandKeyRecord } from '#libs/platform/event-store/index.js';
import type { IdempotencyStore } from './idempotency.store.js';

/** The command keys of the PostgreSQL event store's schema (or of the read store's, see adapters). */
export class PostgresIdempotencyStore implements IdempotencyStore {
  private constructor(
    private readonly pool: pg.Pool,
    private readonly table: string,
  ) {}

  static async open(connectionString: string, schema: string, poolSize = 4): Promise<PostgresIdempotencyStore> {
    await migratePostgresCommandKeys(connectionString, schema);
    const pool = new pg.Pool({ connectionString, max: poolSize });
    pool.on('error', () => undefined);
    return new PostgresIdempotencyStore(pool, `"${schema}".command_keys`);
  }

  async find(scope: string, key: string): Promise<CommandKeyRecord | undefined> {
    const { rows } = await this.pool.query<CommandKeyRecord & { revision: string; position: string }>(
      `SELECT scope, key, fingerprint, stream, revision, position FROM ${this.table} WHERE scope = $1 AND key = $2`,
      [scope, key],
    );
    const row = rows[0];
    return row && { ...row, revision: Number(row.revision), position: Number(row.position) };
  }

  async record(r: CommandKeyRecord): Promise<void> {
    await this.pool.query(
      `INSERT INTO ${this.table} (scope, key, fingerprint, stream, revision, position, recorded_at)
       VALUES ($1, $2, $3, $4, $5, $6, now()) ON CONFLICT DO NOTHING`,
      [r.scope, r.key, r.fingerprint, r.stream, r.revision, r.position],
    );
  }

  /** The connection pool's use, for /metrics. */
  poolStats(): { total: number; idle: number; waiting: number } {
    return { total: this.pool.totalCount, idle: this.pool.idleCount, waiting: this.pool.waitingCount };
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
