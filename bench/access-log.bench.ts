import { mkdtempSync, rmSync } from 'node:fs';
import type { EventLoopUtilization } from 'node:perf_hooks';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CallHandler, ExecutionContext } from '@nestjs/common';
import { sql } from 'kysely';
import { createApp } from '../apps/api/src/create-app.js';
import {
  ACCESS_LOG,
  AccessLog,
  AccessLogInterceptor,
  AccessLogStore,
  type AccessRecord,
} from '#libs/platform/access-log/index.js';
import { signToken } from '#libs/platform/auth/index.js';
import { supervisorOfTheCity } from './bench-staff.js';
import { loadConfig } from '#libs/platform/config/index.js';
import { SqliteEventStore } from '#libs/platform/event-store/index.js';
import {
  PROJECTION_RUNNER,
  READ_DATABASE,
  type ProjectionRunner,
  type ReadDatabase,
} from '#libs/platform/read-store/index.js';
import { percentiles, report, type Row } from './report.js';
import { writeSyntheticCity } from './synthetic-city.js';

const SECRET = 'bench-secret-bench-secret-bench-secret-12';
const ROUNDS = 10;
const REQUESTS = 1_000;

const record = (i: number, households: number): AccessRecord => ({
  at: new Date(Date.UTC(2026, 0, 1) + i).toISOString(),
  actor: 'cw-bench',
  role: 'caseworker',
  method: 'GET',
  route: '/api/v1/households/:id',
  purpose: 'home visit',
  households: Array.from(
    { length: households },
    (_, h) => `00000000-0000-4000-8000-${String(i * 100 + h).padStart(12, '0')}`,
  ),
  requestId: `req-${i}`,
});

const us = (ms: number, n: number) => Math.round((ms / n) * 1000 * 10) / 10;
/** Milliseconds the main thread's event loop was busy during `since` (what requests wait behind). */
const busy = (since: EventLoopUtilization) => performance.eventLoopUtilization(since).active;

/**
 * What a recorded read costs: the interceptor and `record` on the request's path, the chained
 * batch write off it (SQLite; synchronous, so it holds the event loop for its time), and the
 * two together as the HTTP stack sees them: the same GETs with the interceptor on and bypassed,
 * in alternating rounds, each round's wall time including the flush of what it recorded.
 */
export async function accessLogBench(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'jejak-bench-access-'));
  const rows: Row[] = [];
  try {
    // record(): a push into the buffer.
    const buffer = new AccessLog(
      { append: async () => [], close: async () => undefined } as unknown as AccessLogStore,
      {
        batchSize: 1_000_000,
        flushIntervalMs: 60_000,
        maxBuffered: 1_000_000,
      },
    );
    const n = 200_000;
    let started = performance.now();
    for (let i = 0; i < n; i++) buffer.record(record(i, 1));
    rows.push({ measure: 'record() into the buffer, µs per read', value: us(performance.now() - started, n) });
    await buffer.close();

    // The batch write: canonical JSON here, then number, hash and inserts in the writer's thread.
    const store = await AccessLogStore.openSqlite(join(dir, 'access-log.db'));
    for (const households of [1, 50]) {
      const batches = 20;
      const made = Array.from({ length: batches }, (_, b) =>
        Array.from({ length: 500 }, (_, i) => record(b * 500 + i, households)),
      );
      await store.append([record(0, 1)]);
      started = performance.now();
      const elu = performance.eventLoopUtilization();
      for (const batch of made) await store.append(batch);
      const ms = performance.now() - started;
      rows.push({
        measure: `SQLite batch of 500 reads of ${households} household(s): µs per read on the main thread / in all`,
        value: `${us(busy(elu), batches * 500)} / ${us(ms, batches * 500)}`,
      });
    }
    started = performance.now();
    const verified = await store.verify();
    rows.push({
      measure: `verify, µs per entry (${verified.entriesChecked} entries)`,
      value: us(performance.now() - started, verified.entriesChecked),
    });
    await store.close();

    // Through HTTP, on a small city.
    const seeding = new SqliteEventStore({ filename: join(dir, 'events.db'), synchronous: 'NORMAL' });
    await writeSyntheticCity(seeding, 1_000);
    await seeding.close();
    // The probes send bursts: no rate limit.
    const config = loadConfig({
      JEJAK_DATA_DIR: dir,
      JWT_SECRET: SECRET,
      LOG_LEVEL: 'error',
      RATE_LIMIT_COMMANDS: '0',
      RATE_LIMIT_READS: '0',
    });
    const app = await createApp(config);
    try {
      const runner = app.get<ProjectionRunner>(PROJECTION_RUNNER);
      if (!(await runner.settle(600_000))) throw new Error('projections did not catch up');
      const log = app.get<AccessLog>(ACCESS_LOG);
      const ids = (
        await app
          .get<ReadDatabase>(READ_DATABASE)
          .reader.selectFrom('household_summary')
          .select('household_id')
          .orderBy(sql`random()`)
          .limit(REQUESTS)
          .execute()
      ).map((r) => String(r.household_id));
      await supervisorOfTheCity(app, 'sv-bench');
      const token = await signToken(SECRET, { sub: 'sv-bench', role: 'supervisor' });
      const fastify = app.getHttpAdapter().getInstance();
      const recorded = AccessLogInterceptor.prototype.intercept;
      const bypassed = (_: ExecutionContext, next: CallHandler) => next.handle();
      for (const probe of [
        { name: 'GET household', url: (i: number) => `/api/v1/households/${ids[i % ids.length]}` },
        { name: 'GET 50 households of a kelurahan', url: () => '/api/v1/households?kelurahan=Harapan%20Jaya&limit=50' },
      ]) {
        const samples = { on: [] as number[], off: [] as number[] };
        const wall = { on: 0, off: 0 };
        const main = { on: 0, off: 0 };
        for (let round = 0; round < ROUNDS * 2; round++) {
          const mode = round % 2 ? 'off' : 'on';
          AccessLogInterceptor.prototype.intercept = mode === 'on' ? recorded : bypassed;
          const roundStarted = performance.now();
          const elu = performance.eventLoopUtilization();
          for (let i = 0; i < REQUESTS; i++) {
            const t0 = performance.now();
            const response = await fastify.inject({
              method: 'GET',
              url: probe.url(i),
              headers: { authorization: `Bearer ${token}`, 'x-purpose': 'bench' },
            });
            if (round > 0) samples[mode].push(performance.now() - t0);
            if (response.statusCode !== 200) throw new Error(`${probe.name}: ${response.statusCode}`);
          }
          await log.flush();
          if (round > 0) {
            wall[mode] += performance.now() - roundStarted;
            main[mode] += busy(elu);
          }
        }
        const on = percentiles(samples.on);
        const off = percentiles(samples.off);
        const per = (of: { on: number; off: number }, mode: 'on' | 'off') => us(of[mode], samples[mode].length);
        const compare = (of: { on: number; off: number }) =>
          `${per(of, 'on')} / ${per(of, 'off')} (${Math.round((per(of, 'on') - per(of, 'off')) * 10) / 10})`;
        rows.push({ measure: `${probe.name}: p50 ms recorded / bypassed`, value: `${on.p50} / ${off.p50}` });
        rows.push({
          measure: `${probe.name}: main-thread µs per request, recorded / bypassed (difference)`,
          value: compare(main),
        });
        rows.push({
          measure: `${probe.name}: wall µs per request incl. its flush, recorded / bypassed (difference)`,
          value: compare(wall),
        });
      }
      AccessLogInterceptor.prototype.intercept = recorded;
    } finally {
      await app.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  report('access-log', rows, [
    `HTTP: ${ROUNDS} rounds of ${REQUESTS} sequential requests each way (Fastify inject), alternating; the first round warms up.`,
    'Main-thread time is event-loop utilisation: what other requests wait behind. The SQLite writes run in a worker thread.',
  ]);
}
