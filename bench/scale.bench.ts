import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { sql } from 'kysely';
import { createApp } from '../apps/api/src/create-app.js';
import { supervisorOfTheCity } from './bench-staff.js';
import { signToken } from '#libs/platform/auth/index.js';
import { loadConfig } from '#libs/platform/config/index.js';
import { EVENT_STORE, SqliteEventStore, type EventStore } from '#libs/platform/event-store/index.js';
import {
  PROJECTION_RUNNER,
  READ_DATABASE,
  type ProjectionRunner,
  type ReadDatabase,
} from '#libs/platform/read-store/index.js';
import { mb, percentiles, report, type Row } from './report.js';
import { EVENTS_PER_HOUSEHOLD, writeSyntheticCity } from './synthetic-city.js';

const SECRET = 'bench-secret-bench-secret-bench-secret-12';
const REQUESTS = 200;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

interface Probe {
  query: string;
  /** Who asks (supervisor unless said): the feed and the audit routes are the auditors'. */
  role?: 'auditor';
  /** The i-th request of a round, on households (and their caseworkers) sampled across the city. */
  request(i: number, sample: Sample, head: number): { method: 'GET' | 'POST'; url: string; body?: string };
}

interface Sample {
  ids: string[];
  caseworkers: string[];
}

let registered = 0;
const PROBES: Probe[] = [
  {
    query: 'GET household (read model)',
    request: (i, { ids }) => ({ method: 'GET', url: `/api/v1/households/${ids[i]}` }),
  },
  {
    query: 'GET household state as of a date (events)',
    request: (i, { ids }) => ({
      method: 'GET',
      url: `/api/v1/households/${ids[i]}/state?asOf=${encodeURIComponent(new Date().toISOString())}`,
    }),
  },
  {
    query: 'GET household history (all its streams)',
    request: (i, { ids }) => ({ method: 'GET', url: `/api/v1/households/${ids[i]}/history` }),
  },
  {
    query: 'GET households of a kelurahan, first page',
    request: () => ({
      method: 'GET',
      url: '/api/v1/households?kecamatan=Bekasi%20Utara&kelurahan=Harapan%20Jaya&limit=50',
    }),
  },
  {
    query: "GET a caseworker's caseload, first page",
    request: (i, { caseworkers }) => ({ method: 'GET', url: `/api/v1/caseloads/${caseworkers[i]}?limit=50` }),
  },
  {
    query: 'GET global feed, 100 events from anywhere',
    role: 'auditor',
    request: (i, _sample, head) => ({ method: 'GET', url: `/api/v1/events?after=${(i * 7_919) % head}&limit=100` }),
  },
  {
    query: "GET an actor's events, first page",
    role: 'auditor',
    request: () => ({ method: 'GET', url: '/api/v1/audit/actors/sv-bench/events?limit=50' }),
  },
  {
    query: 'POST register a household (uniqueness checks)',
    request: () => {
      registered += 1;
      const n = String(registered).padStart(9, '0');
      return {
        method: 'POST',
        url: '/api/v1/households',
        body: JSON.stringify({
          kk: `3276100${n}`,
          address: { kecamatan: 'Bekasi Utara', kelurahan: 'Harapan Jaya' },
          members: [
            { nik: `3276200${n}`, name: 'Skala', birthDate: '1988-02-02', sex: 'female', relationship: 'head' },
          ],
        }),
      };
    },
  },
  {
    query: 'GET programme outcomes (city-wide)',
    request: () => ({ method: 'GET', url: '/api/v1/reports/programme-outcomes' }),
  },
];

const label = (events: number): string =>
  events >= 1_000_000 ? `${events / 1_000_000}M` : events >= 1_000 ? `${Math.round(events / 1_000)}k` : String(events);

async function measure(app: NestFastifyApplication, column: string, byQuery: Map<string, Row>): Promise<void> {
  const store = app.get<EventStore>(EVENT_STORE);
  const runner = app.get<ProjectionRunner>(PROJECTION_RUNNER);
  const readDb = app.get<ReadDatabase>(READ_DATABASE);
  const fastify = app.getHttpAdapter().getInstance();
  const tokens = {
    supervisor: await signToken(SECRET, { sub: 'sv-bench', role: 'supervisor' }),
    auditor: await signToken(SECRET, { sub: 'au-bench', role: 'auditor' }),
  };
  await supervisorOfTheCity(app, 'sv-bench');
  if (!(await runner.settle(3_600_000))) throw new Error('projections did not catch up');
  // What the catch-up left behind is not the queries' to pay for.
  gc();
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  const head = await store.headPosition();
  const rows = await readDb.reader
    .selectFrom('household_summary')
    .select(['household_id', 'caseworker_id'])
    .orderBy(sql`random()`)
    .limit(REQUESTS)
    .execute();
  const sample = {
    ids: rows.map((r) => String(r.household_id)),
    caseworkers: rows.map((r) => String(r.caseworker_id)),
  };
  for (const probe of PROBES) {
    const samples: number[] = [];
    for (let i = -20; i < REQUESTS; i++) {
      const { method, url, body } = probe.request(Math.max(0, i) % rows.length, sample, head);
      const started = performance.now();
      const response = await fastify.inject({
        method,
        url,
        headers: {
          authorization: `Bearer ${tokens[probe.role ?? 'supervisor']}`,
          ...(body ? { 'content-type': 'application/json' } : {}),
        },
        ...(body ? { payload: body } : {}),
      });
      if (i >= 0) samples.push(performance.now() - started);
      if (response.statusCode >= 300) throw new Error(`${probe.query}: ${response.statusCode} ${response.body}`);
    }
    const { p50, p99 } = percentiles(samples);
    const row = byQuery.get(probe.query)!;
    row[`${column} p50 ms`] = p50;
    row[`${column} p99 ms`] = p99;
  }
}

/**
 * The same queries against one store as it grows to each size in turn (10k, 100k, 1M events):
 * latency should stay flat where a query is served by an index, and memory bounded (nothing
 * loads the whole store). Requests go through the whole HTTP stack in process (Fastify inject).
 * Caseworkers follow about 250 households each at every size, as in the field.
 */
export async function scaleBench(args: { sizes: number[] }): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'jejak-bench-scale-'));
  const byQuery = new Map<string, Row>(PROBES.map((p) => [p.query, { query: p.query }]));
  const memory: Row = { query: 'heap after GC, MiB' };
  const rss: Row = { query: 'resident set, MiB' };
  const config = loadConfig({ JEJAK_DATA_DIR: dir, JWT_SECRET: SECRET, LOG_LEVEL: 'error', RATE_LIMIT_READS: '0' });
  let households = 0;
  let events = 0;
  try {
    for (const size of args.sizes) {
      // The city grows while the service is down and the projections catch up when it starts:
      // the quickest way to a million events, and how a restart after a bulk import goes.
      if (size > events) {
        const seeding = new SqliteEventStore({ filename: join(dir, 'events.db'), synchronous: 'NORMAL' });
        const more = Math.ceil((size - events) / EVENTS_PER_HOUSEHOLD);
        events += await writeSyntheticCity(seeding, more, { from: households });
        households += more;
        await seeding.close();
      }
      const app = await createApp(config);
      try {
        await measure(app, label(size), byQuery);
        gc();
        memory[`${label(size)} p50 ms`] = mb(process.memoryUsage().heapUsed);
        rss[`${label(size)} p50 ms`] = mb(process.memoryUsage().rss);
      } finally {
        await app.close();
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  report(
    'scale',
    [...byQuery.values(), memory, rss],
    [
      `Sizes: ${args.sizes.map(label).join(', ')} events (a synthetic city, ${EVENTS_PER_HOUSEHOLD} events per household); ${REQUESTS} requests per query and size, through the HTTP stack in process.`,
      'Memory rows are read after each size (in the p50 columns). The city-wide report reads monthly sums per area, not the households.',
    ],
  );
}
