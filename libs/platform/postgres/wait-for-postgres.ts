import pg from 'pg';

export interface WaitForPostgresOptions {
  /** Give up after this long (DATABASE_WAIT_SECONDS); 0 tries once. */
  limitMs: number;
  /** Told what is awaited, before each wait. */
  log: (message: string) => void;
  firstDelayMs?: number;
  maxDelayMs?: number;
}

/**
 * Processes of the scaled layout may start before their database: they wait for it with
 * exponential back-off (0.25 s doubling up to 5 s), saying whom they wait for, and fail with a
 * clear message once the limit has passed.
 */
export async function waitForPostgres(connectionString: string, options: WaitForPostgresOptions): Promise<void> {
  const target = describe(connectionString);
  const deadline = Date.now() + options.limitMs;
  let delay = options.firstDelayMs ?? 250;
  for (let attempt = 1; ; attempt++) {
    const client = new pg.Client({ connectionString, connectionTimeoutMillis: 5_000 });
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.query('SELECT 1');
      return;
    } catch (error) {
      const reason = (error as Error).message || (error as { code?: string }).code || String(error);
      const left = deadline - Date.now();
      if (left <= 0)
        throw new Error(
          `PostgreSQL at ${target} did not answer within ${Math.round(options.limitMs / 1000)} s ` +
            `(DATABASE_WAIT_SECONDS), ${attempt} attempts; last error: ${reason}`,
          { cause: error },
        );
      const wait = Math.min(delay, left);
      options.log(`Waiting for PostgreSQL at ${target} (attempt ${attempt}: ${reason}); next try in ${wait} ms`);
      await new Promise((resolve) => setTimeout(resolve, wait));
      delay = Math.min(delay * 2, options.maxDelayMs ?? 5_000);
    } finally {
      await client.end().catch(() => undefined);
    }
  }
}

/** host:port/database, never the user or password. */
function describe(connectionString: string): string {
  try {
    const url = new URL(connectionString);
    return `${url.hostname}:${url.port || '5432'}${url.pathname}`;
  } catch {
    return 'the configured DATABASE_URL';
  }
}
