import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { benchHeaders, commandMix, run, startServer } from './http-load.js';
import { scaledRows } from './http-scaled.js';
import { report, type Row } from './report.js';

/**
 * The real command path on the embedded default with full durability, a realistic mix per
 * connection (register, assess, enrol in PKH, verify a stage, disburse it), against a bare
 * Fastify route in the same process as the ceiling. The server runs in a child process
 * (bench/http-server.ts), autocannon in this one.
 */
export async function httpBench(): Promise<void> {
  const rows = await httpRows('sqlite', {});
  const url = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const schema = `bench_http_${Date.now().toString(36)}`;
  try {
    // One API instance on PostgreSQL (projections in process), in the same run as the embedded default.
    rows.push(...(await httpRows('postgres', { BENCH_POSTGRES_URL: url, BENCH_POSTGRES_SCHEMA: schema })));
    // The scaled layout, on a schema of its own.
    rows.push(...(await scaledRows(url, `${schema}_scaled`)));
  } finally {
    const client = new pg.Client({ connectionString: url });
    await client.connect().then(
      () => client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE; DROP SCHEMA IF EXISTS "${schema}_scaled" CASCADE`),
      () => undefined,
    );
    await client.end().catch(() => undefined);
  }
  report('http', rows, [
    'Mix per connection: register, assess, enrol in PKH, verify a stage, disburse it; SQLITE_SYNCHRONOUS=FULL.',
    'postgres: one API instance with events, read models and keys in PostgreSQL on the same machine, projections in process.',
    'pgStatementsPerCommand: statements the API process sent to PostgreSQL per command (projections in process included).',
    'postgres, scaled: the projector process and two API instances (RUN_PROJECTIONS=false) on one schema, the connections split',
    '  between the instances by two load generators at once; commands/s summed, p50/p99 the worse of the two.',
    'bareNest: a NestJS route on the Fastify adapter that does nothing, the framework fixed by the design card; no command can beat it.',
    'Targets on 2 cores with the load generator on the same machine: at least 40 % of the bare route, p99 under 30 ms at 64 connections.',
  ]);
}

async function httpRows(store: string, env: Record<string, string>): Promise<Row[]> {
  const dir = mkdtempSync(join(tmpdir(), 'jejak-bench-http-'));
  const server = await startServer(env, dir);
  const { url, bareUrl, bareNestUrl, ask } = server;
  const headers = await benchHeaders();
  const mix = commandMix();
  const rows: Row[] = [];
  try {
    for (const connections of [1, 16, 64]) {
      await ask('reset');
      const commands = await run(url, connections, mix, headers);
      const { loopDelayP99ms, loopDelayMaxMs, statements } = await ask('stats');
      const ceiling = await run(bareUrl, connections, [{ method: 'GET', path: '/bare' }], {});
      const nest = await run(bareNestUrl, connections, [{ method: 'GET', path: '/bare' }], {});
      rows.push({
        store,
        connections,
        commandsPerSecond: Math.round(commands.requests.average),
        p50ms: commands.latency.p50,
        p99ms: commands.latency.p99,
        loopDelayP99ms: loopDelayP99ms!,
        loopDelayMaxMs: loopDelayMaxMs!,
        non2xx: commands.non2xx,
        errors: commands.errors,
        bareRoutePerSecond: Math.round(ceiling.requests.average),
        ofBare: `${Math.round((commands.requests.average / ceiling.requests.average) * 100)} %`,
        bareNestPerSecond: Math.round(nest.requests.average),
        nestOfBare: `${Math.round((nest.requests.average / ceiling.requests.average) * 100)} %`,
        totalCommands: commands.requests.total,
        ...(statements ? { pgStatementsPerCommand: Math.round((statements / commands.requests.total) * 10) / 10 } : {}),
      });
    }
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}
