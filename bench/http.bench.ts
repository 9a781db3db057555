import { fork } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { signToken } from '#libs/platform/auth/index.js';
import { report, type Row } from './report.js';

const SECRET = 'bench-secret-bench-secret-bench-secret-12';
const DURATION = 5;

let counter = 0;
function householdBody(): string {
  counter += 1;
  const n = String(counter).padStart(9, '0');
  return JSON.stringify({
    kk: `3275100${n}`,
    address: { kecamatan: 'Bekasi Utara', kelurahan: 'Harapan Jaya' },
    members: [
      {
        nik: `3275200${n}`,
        name: 'Siti Bench',
        birthDate: '1988-02-02',
        sex: 'female',
        relationship: 'head',
        pregnant: true,
      },
      {
        nik: `3275300${n}`,
        name: 'Ayu Bench',
        birthDate: '2017-06-06',
        sex: 'female',
        relationship: 'child',
        schoolLevel: 'primary',
      },
    ],
  });
}

type Ctx = { id?: string };
const run = (url: string, connections: number, requests: autocannon.Request[], headers: Record<string, string>) =>
  autocannon({ url, connections, duration: DURATION, requests, headers, pipelining: 1 });

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
  } finally {
    const client = new pg.Client({ connectionString: url });
    await client.connect().then(
      () => client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`),
      () => undefined,
    );
    await client.end().catch(() => undefined);
  }
  report('http', rows, [
    'Mix per connection: register, assess, enrol in PKH, verify a stage, disburse it; SQLITE_SYNCHRONOUS=FULL.',
    'postgres: one API instance with events, read models and keys in PostgreSQL on the same machine, projections in process.',
    'bareNest: a NestJS route on the Fastify adapter that does nothing, the framework fixed by the design card; no command can beat it.',
    'Targets on 2 cores with the load generator on the same machine: at least 40 % of the bare route, p99 under 30 ms at 64 connections.',
  ]);
}

async function httpRows(store: string, env: Record<string, string>): Promise<Row[]> {
  const dir = mkdtempSync(join(tmpdir(), 'jejak-bench-http-'));
  // BENCH_PROFILE=1 writes a CPU profile of the server under bench/results/.
  const server = fork(join(import.meta.dirname, 'http-server.js'), {
    env: { ...process.env, ...env, BENCH_DATA_DIR: dir, BENCH_SECRET: SECRET },
    execArgv: process.env.BENCH_PROFILE ? ['--cpu-prof', '--cpu-prof-dir=bench/results'] : [],
  });
  const [{ url, bareUrl, bareNestUrl }] = (await once(server, 'message')) as [
    { url: string; bareUrl: string; bareNestUrl: string },
  ];
  const token = await signToken(SECRET, { sub: 'sv-bench', role: 'supervisor' });
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const mix: autocannon.Request[] = [
    {
      method: 'POST',
      path: '/api/v1/households',
      setupRequest: (req) => ({ ...req, body: householdBody() }),
      onResponse: (status, body, context: Ctx) => {
        if (status === 201) context.id = JSON.parse(body).id;
      },
    },
    {
      method: 'POST',
      setupRequest: (req, context: Ctx) => ({
        ...req,
        path: `/api/v1/households/${context.id}/assessments`,
        body: JSON.stringify({ perCapitaIncome: 400_000, povertyLine: 600_000, assessedOn: '2026-01-05' }),
      }),
    },
    {
      method: 'POST',
      setupRequest: (req, context: Ctx) => ({
        ...req,
        path: `/api/v1/households/${context.id}/pkh/enrolment`,
        body: JSON.stringify({ enrolledOn: '2026-01-10' }),
      }),
    },
    {
      method: 'POST',
      setupRequest: (req, context: Ctx) => ({
        ...req,
        path: `/api/v1/households/${context.id}/pkh/verifications`,
        body: JSON.stringify({ stage: '2026-1', compliant: true, verifiedOn: '2026-01-20' }),
      }),
    },
    {
      method: 'POST',
      setupRequest: (req, context: Ctx) => ({
        ...req,
        path: `/api/v1/households/${context.id}/pkh/disbursements`,
        body: JSON.stringify({
          stage: '2026-1',
          amount: 975_000,
          channel: 'bank_transfer',
          reference: 'KKS-bench',
          disbursedOn: '2026-01-25',
        }),
      }),
    },
  ];
  const rows: Row[] = [];
  try {
    const ask = async (message: 'reset' | 'stats'): Promise<Record<string, number>> => {
      server.send(message);
      const [answer] = (await once(server, 'message')) as [Record<string, number>];
      return answer;
    };
    for (const connections of [1, 16, 64]) {
      await ask('reset');
      const commands = await run(url, connections, mix, headers);
      const { loopDelayP99ms, loopDelayMaxMs } = await ask('stats');
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
      });
    }
  } finally {
    server.send('stop');
    await once(server, 'exit');
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}
