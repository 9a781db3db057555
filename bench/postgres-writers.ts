import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { PostgresEventStore, type NewEvent } from '#libs/platform/event-store/index.js';
import { perSecond, type Row } from './report.js';

export const WRITER_COUNTS = [1, 16, 64] as const;

/**
 * N writers, each appending one event per commit to its own streams, against the same server
 * that pgbench's simple-update run measures right after: the server's ceiling in the same run.
 */
export async function postgresWriterRows(url: string, event: () => NewEvent): Promise<Row[]> {
  const rows: Row[] = [];
  for (const writers of WRITER_COUNTS) {
    const schema = `bench_w_${randomUUID().slice(0, 8)}`;
    const store = await PostgresEventStore.open({ connectionString: url, schema, poolSize: writers });
    const perWriter = writers === 1 ? 1_000 : Math.max(50, Math.round(4_000 / writers));
    let ms: number;
    let queries: number;
    try {
      await Promise.all(
        Array.from({ length: writers }, () => store.append(`warm-${randomUUID()}`, [event()], 'no_stream')),
      );
      const counted = countQueries();
      const started = performance.now();
      await Promise.all(
        Array.from({ length: writers }, async () => {
          const stream = `bench-${randomUUID()}`;
          for (let i = 0; i < perWriter; i++) await store.append(stream, [event()], i === 0 ? 'no_stream' : i - 1);
        }),
      );
      ms = performance.now() - started;
      queries = counted.stop();
    } finally {
      // Closed before pgbench runs, so that both never hold their connections at once.
      await store.close();
      await dropScratch(url, `DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    }
    const count = writers * perWriter;
    rows.push({
      adapter: 'postgres',
      measure: `append, 1 event per commit, ${writers} writer${writers > 1 ? 's' : ''} on distinct streams`,
      count,
      perSecond: perSecond(count, ms),
      roundTripsPerAppend: Math.round((queries / count) * 100) / 100,
      pgbench: pgbenchSimpleUpdate(url, writers),
    });
  }
  return rows;
}

/**
 * Counts the statements sent (each query() is one round trip, a multi-statement text included),
 * announcements on the LISTEN connection included, until stopped.
 */
function countQueries(): { stop: () => number } {
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = proto.query;
  let n = 0;
  proto.query = function (this: unknown, ...args: unknown[]) {
    n += 1;
    return original.apply(this, args);
  };
  return {
    stop: () => {
      proto.query = original;
      return n;
    },
  };
}

/**
 * pgbench's built-in simple-update script (-N) with as many clients as writers, on a scratch
 * database of the same server: transactions per second, or why it could not run.
 */
function pgbenchSimpleUpdate(url: string, clients: number): number | string {
  const database = `jejak_pgbench_${randomUUID().slice(0, 8)}`;
  const server = new URL(url);
  const connection = ['-h', server.hostname, '-p', server.port || '5432', '-U', server.username || 'postgres'];
  try {
    execFileSync('createdb', [...connection, database], { stdio: 'pipe' });
    execFileSync('pgbench', [...connection, '-i', '-q', '-s', '1', database], { stdio: 'pipe' });
    const out = execFileSync('pgbench', [...connection, '-N', '-c', String(clients), '-j', '2', '-T', '8', database], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const tps = /tps = ([\d.]+) \(without initial connection time\)/.exec(out)?.[1];
    return tps ? Math.round(Number(tps)) : 'no tps in pgbench output';
  } catch (error) {
    const stderr = String((error as { stderr?: unknown }).stderr ?? '')
      .trim()
      .split('\n')
      .at(-1);
    return `pgbench failed: ${stderr || (error as Error).message.split('\n')[0]}`;
  } finally {
    try {
      execFileSync('dropdb', [...connection, '--if-exists', database], { stdio: 'pipe' });
    } catch {
      // the scratch database is named per run; nothing else depends on it
    }
  }
}

async function dropScratch(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
