import pg from 'pg';
import { migrate } from '#libs/platform/postgres/index.js';
import type { ImportProgress } from '../import/import-progress.js';
import type { ImportJob, ImportJobStore } from './import-job-store.js';

/**
 * Import jobs in PostgreSQL, one row per job: the job (status, counts, the KK, NIK and name of the
 * rows not registered, sealed: ADR 0015) and its progress (the checkpoint a resumed run starts from), each written
 * whole. The table is created by a versioned migration under the schema lock (ADR 0012).
 */
export class PostgresImportJobStore implements ImportJobStore {
  private constructor(private readonly pool: pg.Pool) {}

  static async open(connectionString: string, schema: string): Promise<PostgresImportJobStore> {
    await migrate(connectionString, schema, 'import-jobs', [
      {
        version: 1,
        name: 'import jobs and their progress, one row per job, shared by the API instances',
        sql: `CREATE TABLE IF NOT EXISTS import_jobs (
          id         text        PRIMARY KEY,
          status     text        NOT NULL,
          job        jsonb       NOT NULL,
          progress   jsonb,
          updated_at timestamptz NOT NULL DEFAULT now()
        )`,
      },
    ]);
    const pool = new pg.Pool({ connectionString, max: 2, options: `-c search_path="${schema}"` });
    pool.on('error', () => undefined);
    return new PostgresImportJobStore(pool);
  }

  async find(id: string): Promise<ImportJob | null> {
    const { rows } = await this.pool.query<{ job: ImportJob }>('SELECT job FROM import_jobs WHERE id = $1', [id]);
    return rows[0]?.job ?? null;
  }

  async save(job: ImportJob): Promise<void> {
    await this.pool.query(
      `INSERT INTO import_jobs (id, status, job) VALUES ($1, $2, $3)
       ON CONFLICT (id) DO UPDATE SET status = EXCLUDED.status, job = EXCLUDED.job, updated_at = now()`,
      [job.id, job.status, JSON.stringify(job)],
    );
  }

  async progressOf(id: string): Promise<ImportProgress | null> {
    const { rows } = await this.pool.query<{ progress: ImportProgress | null }>(
      'SELECT progress FROM import_jobs WHERE id = $1',
      [id],
    );
    return rows[0]?.progress ?? null;
  }

  async saveProgress(id: string, progress: ImportProgress): Promise<void> {
    // The job's row is written before its first checkpoint (ImportJobs.start).
    await this.pool.query('UPDATE import_jobs SET progress = $2, updated_at = now() WHERE id = $1', [
      id,
      JSON.stringify(progress),
    ]);
  }

  async running(): Promise<ImportJob[]> {
    const { rows } = await this.pool.query<{ job: ImportJob }>(
      "SELECT job FROM import_jobs WHERE status = 'running' ORDER BY id",
    );
    return rows.map((r) => r.job);
  }

  async expiring(cutoff: string): Promise<ImportJob[]> {
    // endedAt is ISO 8601 UTC text: comparable as text, as the file store compares it.
    const { rows } = await this.pool.query<{ job: ImportJob }>(
      `SELECT job FROM import_jobs
        WHERE status <> 'running' AND NOT job ? 'reportExpiredAt' AND job->>'endedAt' <= $1
        ORDER BY id`,
      [cutoff],
    );
    return rows.map((r) => r.job);
  }

  async close(): Promise<void> {
    await this.pool.end().catch(() => undefined);
  }
}
