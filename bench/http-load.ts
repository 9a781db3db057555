import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { signToken } from '#libs/platform/auth/index.js';
import { serverExecArgv } from './node-flags.js';

/** The http benchmark's load: its command mix, its server processes, its autocannon runs. */

export const SECRET = 'bench-secret-bench-secret-bench-secret-12';
export const DURATION = 5;

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
export const run = (
  url: string,
  connections: number,
  requests: autocannon.Request[],
  headers: Record<string, string>,
) => autocannon({ url, connections, duration: DURATION, requests, headers, pipelining: 1 });

/** A server process of bench/http-server.ts, its addresses and its IPC questions. */
export interface BenchServer {
  url: string;
  bareUrl: string;
  bareNestUrl: string;
  ask(message: 'reset' | 'stats'): Promise<Record<string, number>>;
  stop(): Promise<void>;
}

export async function startServer(env: Record<string, string>, dir: string): Promise<BenchServer> {
  // BENCH_PROFILE=1 writes a CPU profile of the server under bench/results/.
  const server = fork(join(import.meta.dirname, 'http-server.js'), {
    env: { ...process.env, ...env, BENCH_DATA_DIR: dir, BENCH_SECRET: SECRET, BENCH_SETTINGS: JSON.stringify(env) },
    execArgv: serverExecArgv(),
  });
  const [addresses] = (await once(server, 'message')) as [{ url: string; bareUrl: string; bareNestUrl: string }];
  return {
    ...addresses,
    async ask(message) {
      server.send(message);
      const [answer] = (await once(server, 'message')) as [Record<string, number>];
      return answer;
    },
    async stop() {
      server.send('stop');
      await once(server, 'exit');
    },
  };
}

export const benchHeaders = async (): Promise<Record<string, string>> => ({
  authorization: `Bearer ${await signToken(SECRET, { sub: 'sv-bench', role: 'supervisor' })}`,
  'content-type': 'application/json',
});

/**
 * Register, assess, enrol in PKH, verify a stage, disburse it: one household per round, per
 * connection; with `keyed`, every command carries a new Idempotency-Key.
 */
export function commandMix(keyed = false): autocannon.Request[] {
  const withKey = (req: autocannon.Request): autocannon.Request =>
    keyed ? { ...req, headers: { ...req.headers, 'idempotency-key': randomUUID() } } : req;
  const follow = (suffix: string, body: () => unknown): autocannon.Request => ({
    method: 'POST',
    setupRequest: (req, context: Ctx) =>
      withKey({ ...req, path: `/api/v1/households/${context.id}${suffix}`, body: JSON.stringify(body()) }),
  });
  return [
    {
      method: 'POST',
      path: '/api/v1/households',
      setupRequest: (req) => withKey({ ...req, body: householdBody() }),
      onResponse: (status, body, context: Ctx) => {
        if (status === 201) context.id = JSON.parse(body).id;
      },
    },
    follow('/assessments', () => ({ perCapitaIncome: 400_000, povertyLine: 600_000, assessedOn: '2026-01-05' })),
    follow('/pkh/enrolment', () => ({ enrolledOn: '2026-01-10' })),
    follow('/pkh/verifications', () => ({ stage: '2026-1', compliant: true, verifiedOn: '2026-01-20' })),
    follow('/pkh/disbursements', () => ({
      stage: '2026-1',
      amount: 975_000,
      channel: 'bank_transfer',
      reference: 'KKS-bench',
      disbursedOn: '2026-01-25',
    })),
  ];
}
