import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import pg from 'pg';
import { migrate } from '#libs/platform/postgres/index.js';
import { OUTCOME_STATE_VERSION, type OutcomeState } from '#libs/reporting/index.js';

/** Where the reporting job keeps its summary between batches, and what makes it the only writer. */
export interface JobStateStore {
  /** Resolves once this copy of the job is the only writer (a second copy waits here). */
  acquire(say: (message: string) => void, signal?: AbortSignal): Promise<void>;
  load(): Promise<OutcomeState | undefined>;
  save(state: OutcomeState): Promise<void>;
  close(): Promise<void>;
}

function checked(state: Partial<OutcomeState>, where: string): OutcomeState {
  if (state.version !== OUTCOME_STATE_VERSION)
    throw new Error(
      `${where} holds the state of an older reporting job (version ${state.version ?? 1}, now ${OUTCOME_STATE_VERSION}): ` +
        'delete it and reset the consumer group to the earliest offsets, so the job folds the topics again',
    );
  return state as OutcomeState;
}

/** The embedded default: a file, written whole and renamed into place. One copy of the job per file. */
export function fileJobState(file: string): JobStateStore {
  return {
    async acquire() {},
    async load() {
      return existsSync(file) ? checked(JSON.parse(readFileSync(file, 'utf8')), file) : undefined;
    },
    async save(state) {
      mkdirSync(dirname(file), { recursive: true });
      const tmp = `${file}.tmp`;
      writeFileSync(tmp, JSON.stringify(state));
      renameSync(tmp, file);
    },
    async close() {},
  };
}

/**
 * In PostgreSQL, one row per job, written only through the connection that holds the job's
 * session advisory lock: a second copy of the job waits for the lock (a standby), and a copy that
 * lost its connection, and so its lock, cannot write any more.
 */
export function postgresJobState(connectionString: string, schema: string, job: string, pollMs = 2_000): JobStateStore {
  const client = new pg.Client({ connectionString });
  client.on('error', () => undefined);
  const table = `"${schema}".reporting_job_state`;
  return {
    async acquire(say, signal) {
      // Under the schema lock (ADR 0012), like every other table of the deployment.
      await migrate(connectionString, schema, 'reporting-job-state', [
        {
          version: 1,
          name: "each reporting job's state, one row per job",
          sql: `CREATE TABLE IF NOT EXISTS ${table} (job text PRIMARY KEY, state json NOT NULL, saved_at timestamptz NOT NULL)`,
        },
      ]);
      await client.connect();
      const key = `jejak-reporting-job:${schema}:${job}`;
      for (let waiting = false; ; waiting = true) {
        const { rows } = await client.query<{ locked: boolean }>(
          'SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS locked',
          [key],
        );
        if (rows[0]!.locked) return;
        if (!waiting) say(`another copy of ${job} holds its lock in ${schema}; waiting as a standby`);
        if (signal?.aborted) throw new Error('stopped while waiting for the lock');
        await new Promise((resolve) => setTimeout(resolve, pollMs));
      }
    },
    async load() {
      const { rows } = await client.query<{ state: Partial<OutcomeState> }>(
        `SELECT state FROM ${table} WHERE job = $1`,
        [job],
      );
      return rows[0] ? checked(rows[0].state, `${table} (${job})`) : undefined;
    },
    async save(state) {
      await client.query(
        `INSERT INTO ${table} (job, state, saved_at) VALUES ($1, $2, now())
         ON CONFLICT (job) DO UPDATE SET state = EXCLUDED.state, saved_at = EXCLUDED.saved_at`,
        [job, JSON.stringify(state)],
      );
    },
    async close() {
      await client.end().catch(() => undefined);
    },
  };
}
