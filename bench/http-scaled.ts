import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type autocannon from 'autocannon';
import { SECRET, benchHeaders, commandMix, run, startServer, type BenchServer } from './http-load.js';
import type { Row } from './report.js';
import { freePort } from '../test/support/free-port.js';
import { serverExecArgv } from './node-flags.js';

/**
 * The scaled layout on PostgreSQL: the projector process (apps/projector) and two API instances
 * in observe mode (RUN_PROJECTIONS=false) on one schema, the load split across both instances by
 * two autocannon runs at once (no load balancer needed). commands/s is their sum; p99 the worse
 * of the two runs.
 */
export async function scaledRows(databaseUrl: string, schema: string): Promise<Row[]> {
  const dir = mkdtempSync(join(tmpdir(), 'jejak-bench-scaled-'));
  const env = { BENCH_POSTGRES_URL: databaseUrl, BENCH_POSTGRES_SCHEMA: schema, BENCH_OBSERVE: '1' };
  let projector: ChildProcess | undefined;
  const instances: BenchServer[] = [];
  try {
    projector = await startProjector(databaseUrl, schema, dir);
    // One after the other: the second finds the benchmark's supervisor already given the city.
    for (let i = 0; i < 2; i++) instances.push(await startServer(env, dir));
    const headers = await benchHeaders();
    const rows: Row[] = [];
    for (const connections of [1, 16, 64]) {
      const shares = [Math.ceil(connections / 2), Math.floor(connections / 2)];
      for (const instance of instances) await instance.ask('reset');
      const results = await Promise.all(
        instances.flatMap((instance, i) =>
          shares[i]! > 0 ? [run(instance.url, shares[i]!, commandMix(), headers)] : [],
        ),
      );
      const sum = (pick: (r: autocannon.Result) => number) => results.reduce((n, r) => n + pick(r), 0);
      let statements = 0;
      for (const instance of instances) statements += (await instance.ask('stats')).statements ?? 0;
      rows.push({
        store: 'postgres, scaled: projector + 2 API instances',
        connections,
        commandsPerSecond: Math.round(sum((r) => r.requests.average)),
        p50ms: Math.max(...results.map((r) => r.latency.p50)),
        p99ms: Math.max(...results.map((r) => r.latency.p99)),
        non2xx: sum((r) => r.non2xx),
        errors: sum((r) => r.errors),
        totalCommands: sum((r) => r.requests.total),
        pgStatementsPerCommand: Math.round((statements / sum((r) => r.requests.total)) * 10) / 10,
      });
    }
    return rows;
  } finally {
    for (const instance of instances) await instance.stop();
    if (projector && projector.exitCode === null) {
      projector.kill('SIGTERM');
      await once(projector, 'exit');
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

async function startProjector(databaseUrl: string, schema: string, dir: string): Promise<ChildProcess> {
  const port = await freePort();
  const child = fork(join(import.meta.dirname, '../apps/projector/src/main.js'), {
    env: {
      ...process.env,
      EVENT_STORE: 'postgres',
      READ_STORE: 'postgres',
      DATABASE_URL: databaseUrl,
      DATABASE_SCHEMA: schema,
      JEJAK_DATA_DIR: dir,
      JWT_SECRET: SECRET,
      LOG_LEVEL: 'error',
      HOST: '127.0.0.1',
      PORT: String(port),
    },
    execArgv: serverExecArgv(),
  });
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the projector exited with ${child.exitCode}`);
    const ready = await fetch(`http://127.0.0.1:${port}/health/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) return child;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error('the projector was not ready within 60 s');
    }
    await new Promise((done) => setTimeout(done, 200));
  }
}
