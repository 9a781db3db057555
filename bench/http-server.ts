/**
 * The server side of the http benchmark, run in its own process so that the load generator
 * (autocannon, in the parent) does not share the server's event loop: the embedded default
 * (SQLite, projections in process, SQLITE_SYNCHRONOUS=FULL) and, in the same process, a bare
 * Fastify route as the ceiling and a bare NestJS route as the framework's floor. Tells the parent
 * the addresses over IPC; exits when told to.
 */
import 'reflect-metadata';
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import Fastify from 'fastify';
import pg from 'pg';
import { createApp } from '../apps/api/src/create-app.js';
import { supervisorOfTheCity } from './bench-staff.js';
import { loadConfig } from '#libs/platform/config/index.js';

const dir = process.env.BENCH_DATA_DIR;
const secret = process.env.BENCH_SECRET;
// Set: events, read models, keys and access log in this PostgreSQL schema instead of SQLite files.
const postgres = process.env.BENCH_POSTGRES_URL;
const schema = process.env.BENCH_POSTGRES_SCHEMA;
// process: the read models are run by apps/projector in a process of its own on the same files
// (what a projector thread would cost the command loop: nothing but another core's share).
const projectorElsewhere = process.env.BENCH_PROJECTOR === 'process';
if (!dir || !secret || !process.send) throw new Error('run by bench/http.bench.ts');

const app = await createApp(
  // The load generator is one principal sending bursts: no rate limits.
  loadConfig({
    LOG_LEVEL: 'error',
    SQLITE_SYNCHRONOUS: 'FULL',
    PROJECTION_LIVE_BATCH_MS: process.env.PROJECTION_LIVE_BATCH_MS ?? '0',
    // The settings a variant or mode of the calling bench gives (BENCH_HTTP_VARIANTS, the modes of
    // rebuild-under-load): loadConfig reads this object, not the process's environment. They may
    // change the tunables above, not what the bench itself depends on (below).
    ...(JSON.parse(process.env.BENCH_SETTINGS ?? '{}') as Record<string, string>),
    JEJAK_DATA_DIR: dir,
    JWT_SECRET: secret,
    RATE_LIMIT_COMMANDS: '0',
    RATE_LIMIT_READS: '0',
    RUN_PROJECTIONS: projectorElsewhere ? 'false' : 'true',
    ...(postgres && schema
      ? { EVENT_STORE: 'postgres', READ_STORE: 'postgres', DATABASE_URL: postgres, DATABASE_SCHEMA: schema }
      : {}),
    // The scaled layout's API instance: the projector process runs the projections.
    ...(process.env.BENCH_OBSERVE === '1' ? { RUN_PROJECTIONS: 'false' } : {}),
  }),
);
await supervisorOfTheCity(app, 'sv-bench');
const projector = projectorElsewhere
  ? fork(join(import.meta.dirname, '../apps/projector/src/main.js'), {
      env: {
        ...process.env,
        JEJAK_DATA_DIR: dir,
        JWT_SECRET: secret,
        LOG_LEVEL: 'error',
        SQLITE_SYNCHRONOUS: 'FULL',
        PORT: '0',
        HOST: '127.0.0.1',
      },
    })
  : undefined;
await app.listen(0, '127.0.0.1');
const bare = Fastify();
bare.get('/bare', async () => ({ ok: true }));
const bareUrl = await bare.listen({ port: 0, host: '127.0.0.1' });

// The stack's own floor: a NestJS application on the Fastify adapter with one route that does
// nothing, as the design card fixes the framework. No command can be faster than this.
@Controller()
class BareController {
  @Get('bare')
  bare(): { ok: boolean } {
    return { ok: true };
  }
}
@Module({ controllers: [BareController] })
class BareModule {}
const bareNest = await NestFactory.create<NestFastifyApplication>(BareModule, new FastifyAdapter(), { logger: false });
await bareNest.listen(0, '127.0.0.1');
process.send({ url: await app.getUrl(), bareUrl, bareNestUrl: await bareNest.getUrl() });
// How long the event loop was held up (better-sqlite3 works synchronously: commits, fsyncs and
// WAL checkpoints stop everything else while they run). 'reset' starts a measurement, 'stats' ends it.
const delay = monitorEventLoopDelay({ resolution: 1 });
delay.enable();
// Statements sent to PostgreSQL (each query() one round trip), by their first words, between
// 'reset' and 'stats'. BENCH_PROFILE=1 also prints the most frequent ones.
const statements = new Map<string, number>();
if (postgres) {
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = proto.query;
  proto.query = function (this: unknown, ...args: unknown[]) {
    const text = typeof args[0] === 'string' ? args[0] : String((args[0] as { text?: string })?.text ?? '');
    const shape = text.replace(/\s+/g, ' ').slice(0, 90);
    statements.set(shape, (statements.get(shape) ?? 0) + 1);
    return original.apply(this, args);
  };
}
process.on('message', async (message) => {
  if (message === 'reset') {
    delay.reset();
    statements.clear();
    process.send!({ reset: true });
  } else if (message === 'stats') {
    const ms = (ns: number) => Math.round(ns / 1e5) / 10;
    const sent = [...statements.values()].reduce((n, c) => n + c, 0);
    if (process.env.BENCH_PROFILE && sent)
      console.error(
        [...statements]
          .sort((a, b) => b[1] - a[1])
          .slice(0, 25)
          .map(([t, c]) => `${c}\t${t}`)
          .join('\n'),
      );
    process.send!({ loopDelayP99ms: ms(delay.percentile(99)), loopDelayMaxMs: ms(delay.max), statements: sent });
  } else if (message === 'stop') {
    await bare.close();
    await bareNest.close();
    await app.close();
    if (projector) {
      projector.kill('SIGTERM');
      await once(projector, 'exit');
    }
    process.exit(0);
  }
});
