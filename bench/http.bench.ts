import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type autocannon from 'autocannon';
import pg from 'pg';
import { SECRET, benchHeaders, commandMix, run } from './http-load.js';
import { scaledRows } from './http-scaled.js';
import { report, type Row } from './report.js';
import { serverExecArgv } from './node-flags.js';

/**
 * The real command path on the embedded default with full durability, a realistic mix per
 * connection (register, assess, enrol in PKH, verify a stage, disburse it), measured against the
 * durable ceiling: a minimal server doing only the durable appends of the same requests
 * (bench/durable-ceiling-server.ts). Interleaved at each connection count: a bare Fastify route,
 * the ceiling, Jejak's mix without and with an `Idempotency-Key` on every command. Each server runs
 * in its own process (bench/http-server.ts, the ceiling's), autocannon in this one.
 * BENCH_HTTP_STORES=sqlite leaves out the PostgreSQL rows. BENCH_HTTP_BASELINE=<a built checkout's
 * dist/bench/http-server.js> measures that build too, interleaved (rows `base`, `base+key`): what a
 * change bought, in the same run. BENCH_HTTP_VARIANTS=name:KEY=value;KEY=value,... does the same for
 * this build with other settings (e.g. `live20:PROJECTION_LIVE_BATCH_MS=20,projector:BENCH_PROJECTOR=process`).
 * BENCH_HTTP_CONNECTIONS=64 measures only those connection counts.
 */
export async function httpBench(): Promise<void> {
  const rows = await httpRows('sqlite', {});
  const url = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const schema = `bench_http_${Date.now().toString(36)}`;
  if (process.env.BENCH_HTTP_STORES !== 'sqlite') {
    try {
      // One API instance on PostgreSQL (projections in process), in the same run as the embedded default.
      rows.push(...(await httpRows('postgres', { BENCH_POSTGRES_URL: url, BENCH_POSTGRES_SCHEMA: schema })));
      // The scaled layout (the projector and two API instances), on a schema of its own.
      rows.push(...(await scaledRows(url, `${schema}_scaled`)));
    } finally {
      const client = new pg.Client({ connectionString: url });
      await client.connect().then(
        () =>
          client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE; DROP SCHEMA IF EXISTS "${schema}_scaled" CASCADE`),
        () => undefined,
      );
      await client.end().catch(() => undefined);
    }
  }
  report('http', rows, [
    'Mix per connection: register, assess, enrol in PKH, verify a stage, disburse it; SQLITE_SYNCHRONOUS=FULL.',
    'ceiling: the minimal durable server (bench/durable-ceiling-server.ts) answering the same requests; ofCeiling and p99OfCeiling compare with it.',
    'jejak: the command mix; jejak+key: the same with an Idempotency-Key on every command.',
    'bare: a Fastify route that does nothing, in the API process; bareNest: the same through NestJS.',
    'postgres: one API instance with events, read models and keys in PostgreSQL on the same machine, projections in process (the ceiling stays SQLite).',
    'pgStatementsPerCommand: statements the API process sent to PostgreSQL per command (projections in process included).',
    'postgres, scaled: the projector process and two API instances (RUN_PROJECTIONS=false) on one schema, the connections split',
    '  between the instances by two load generators at once; commands/s summed, p50/p99 the worse of the two.',
    'Targets (issue 19): jejak and jejak+key ≥ 0.75 of the ceiling at 1 connection, ≥ 0.6 at 16 and 64, p99 ≤ 1.5 × its p99.',
  ]);
}

function forkServer(script: string, env: Record<string, string>, profile: boolean): ChildProcess {
  return fork(script.startsWith('/') ? script : join(import.meta.dirname, script), {
    env: { ...process.env, ...env },
    // BENCH_PROFILE=1 writes a CPU profile of the API server under bench/results/.
    execArgv: serverExecArgv(profile),
  });
}

async function stop(server: ChildProcess): Promise<void> {
  server.send('stop');
  await once(server, 'exit');
}

async function httpRows(store: string, env: Record<string, string>): Promise<Row[]> {
  const dir = mkdtempSync(join(tmpdir(), 'jejak-bench-http-'));
  // The row every other is compared with: no variant's settings, whatever the shell exported.
  const server = forkServer(
    'http-server.js',
    { ...env, BENCH_DATA_DIR: dir, BENCH_SECRET: SECRET, BENCH_SETTINGS: '{}' },
    true,
  );
  const ceilingServer = forkServer('durable-ceiling-server.js', { BENCH_DATA_DIR: dir }, false);
  const [[{ url, bareUrl, bareNestUrl }], [{ url: ceilingUrl }]] = (await Promise.all([
    once(server, 'message'),
    once(ceilingServer, 'message'),
  ])) as [[{ url: string; bareUrl: string; bareNestUrl: string }], [{ url: string }]];
  // Other servers measured beside this one, each on its own data: another build, other settings.
  const variants: Array<{ name: string; script: string; env: Record<string, string> }> = [];
  if (process.env.BENCH_HTTP_BASELINE)
    variants.push({ name: 'base', script: process.env.BENCH_HTTP_BASELINE, env: {} });
  for (const spec of (process.env.BENCH_HTTP_VARIANTS ?? '').split(',').filter(Boolean)) {
    const [name, settings = ''] = spec.split(':');
    const variantEnv = Object.fromEntries(
      settings
        .split(';')
        .filter(Boolean)
        // The first '=' only: a value may hold one (NODE_OPTIONS=--max-semi-space-size=32).
        .map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]),
    );
    variants.push({ name: name!, script: 'http-server.js', env: variantEnv });
  }
  const others: Array<[string, string, ChildProcess, string]> = [];
  for (const variant of variants) {
    const variantDir = mkdtempSync(join(tmpdir(), `jejak-bench-http-${variant.name}-`));
    const child = forkServer(
      variant.script,
      {
        ...env,
        ...variant.env,
        BENCH_DATA_DIR: variantDir,
        BENCH_SECRET: SECRET,
        BENCH_SETTINGS: JSON.stringify(variant.env),
      },
      false,
    );
    const [{ url: variantUrl }] = (await once(child, 'message')) as [{ url: string }];
    others.push([variantUrl, variant.name, child, variantDir]);
  }
  const headers = await benchHeaders();
  const rows: Row[] = [];
  try {
    const ask = async (message: 'reset' | 'stats', to = server): Promise<Record<string, number>> => {
      to.send(message);
      const [answer] = (await once(to, 'message')) as [Record<string, number>];
      return answer;
    };
    const targets: Array<[string, string, ChildProcess]> = [
      [url, 'jejak', server],
      ...others.map(([u, n, c]) => [u, n, c] as [string, string, ChildProcess]),
    ];
    for (const connections of connectionCounts()) {
      const bare = await run(bareUrl, connections, [{ method: 'GET', path: '/bare' }], {});
      const nest = await run(bareNestUrl, connections, [{ method: 'GET', path: '/bare' }], {});
      const ceiling = await run(ceilingUrl, connections, commandMix(false), headers);
      const measured: Array<[string, autocannon.Result, Record<string, number>]> = [];
      for (const keyed of [false, true]) {
        for (const [target, name, child] of targets) {
          await ask('reset', child);
          const result = await run(target, connections, commandMix(keyed), headers);
          measured.push([keyed ? `${name}+key` : name, result, await ask('stats', child)]);
        }
      }
      const ofBare = (r: autocannon.Result) => ratio(r.requests.average, bare.requests.average);
      rows.push({
        store,
        connections,
        server: 'bare',
        perSecond: Math.round(bare.requests.average),
        p50ms: bare.latency.p50,
        p99ms: bare.latency.p99,
        ofCeiling: ratio(bare.requests.average, ceiling.requests.average),
      });
      rows.push({
        store,
        connections,
        server: 'bareNest',
        perSecond: Math.round(nest.requests.average),
        p50ms: nest.latency.p50,
        p99ms: nest.latency.p99,
        ofBare: ofBare(nest),
      });
      rows.push({
        store,
        connections,
        server: 'ceiling',
        perSecond: Math.round(ceiling.requests.average),
        p50ms: ceiling.latency.p50,
        p99ms: ceiling.latency.p99,
        ofBare: ofBare(ceiling),
        non2xx: ceiling.non2xx,
      });
      for (const [name, result, { loopDelayP99ms, loopDelayMaxMs, statements }] of measured) {
        rows.push({
          store,
          connections,
          server: name,
          perSecond: Math.round(result.requests.average),
          p50ms: result.latency.p50,
          p99ms: result.latency.p99,
          ofBare: ofBare(result),
          ofCeiling: ratio(result.requests.average, ceiling.requests.average),
          p99OfCeiling: ratio(result.latency.p99, ceiling.latency.p99),
          loopDelayP99ms: loopDelayP99ms!,
          loopDelayMaxMs: loopDelayMaxMs!,
          ...(statements ? { pgStatementsPerCommand: Math.round((statements / result.requests.total) * 10) / 10 } : {}),
          non2xx: result.non2xx,
          errors: result.errors,
        });
      }
    }
  } finally {
    await Promise.all([stop(server), stop(ceilingServer), ...others.map(([, , child]) => stop(child))]);
    for (const d of [dir, ...others.map(([, , , d]) => d)]) rmSync(d, { recursive: true, force: true });
  }
  return rows;
}

/** BENCH_HTTP_CONNECTIONS=1,64 runs only those (a CPU profile of one load, BENCH_PROFILE=1). */
function connectionCounts(): number[] {
  const asked = (process.env.BENCH_HTTP_CONNECTIONS ?? '').split(',').filter(Boolean).map(Number);
  return asked.length ? asked : [1, 16, 64];
}

const ratio = (a: number, b: number): number => (b > 0 ? Math.round((a / b) * 100) / 100 : 0);
