import pg from 'pg';

/** One step of a component's schema: applied once, in order, in its own transaction. */
export interface Migration {
  version: number;
  /** Why the step exists, kept in the versions table for operators. */
  name: string;
  sql: string;
}

const LOCK = "hashtext('jejak:schema')";

/**
 * Runs `work` while holding the schema's session-level advisory lock on a connection of its own
 * (ADR 0012): processes starting together on one database take turns, so concurrent
 * `CREATE ... IF NOT EXISTS` never race in the catalogue. Released on every path, and by the
 * server if the process dies.
 */
export async function underSchemaLock<T>(
  connectionString: string,
  schema: string,
  work: (client: pg.Client) => Promise<T>,
): Promise<T> {
  const client = new pg.Client({ connectionString });
  client.on('error', () => undefined);
  await client.connect();
  try {
    await client.query(`SELECT pg_advisory_lock(${LOCK}, hashtext($1))`, [schema]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    return await work(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Brings `component` (the event store, the command keys, the access log) up to its last
 * migration under the schema lock; the versions table says what has run, so a restart applies
 * nothing twice and several processes starting at once apply each step once.
 */
export async function migrate(
  connectionString: string,
  schema: string,
  component: string,
  migrations: readonly Migration[],
): Promise<void> {
  await underSchemaLock(connectionString, schema, async (client) => {
    await client.query(`CREATE TABLE IF NOT EXISTS "${schema}".schema_versions (
      component  TEXT        NOT NULL,
      version    INTEGER     NOT NULL,
      name       TEXT        NOT NULL,
      applied_at TIMESTAMPTZ NOT NULL DEFAULT now(),
      PRIMARY KEY (component, version)
    )`);
    const { rows } = await client.query<{ version: number | null }>(
      `SELECT max(version) AS version FROM "${schema}".schema_versions WHERE component = $1`,
      [component],
    );
    const current = rows[0]?.version ?? 0;
    for (const step of [...migrations].sort((a, b) => a.version - b.version)) {
      if (step.version <= current) continue;
      await client.query('BEGIN');
      try {
        await client.query(`SET LOCAL search_path TO "${schema}"`);
        await client.query(step.sql);
        await client.query(`INSERT INTO "${schema}".schema_versions (component, version, name) VALUES ($1, $2, $3)`, [
          component,
          step.version,
          step.name,
        ]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw new Error(
          `Schema migration ${component} ${step.version} (${step.name}) failed: ${(error as Error).message}`,
          {
            cause: error,
          },
        );
      }
    }
  });
}
