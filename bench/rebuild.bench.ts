import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../apps/api/src/create-app.js';
import { loadConfig } from '#libs/platform/config/index.js';
import { EVENT_STORE, SqliteEventStore, type EventStore } from '#libs/platform/event-store/index.js';
import { PROJECTION_RUNNER, type ProjectionRunner } from '#libs/platform/read-store/index.js';
import { mb, perSecond, report, type Row } from './report.js';
import { writeSyntheticCity } from './synthetic-city.js';

/** Rebuilds every projection over a synthetic city; events per second and peak memory. */
export async function rebuildBench(args: { households: number }): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'jejak-bench-rebuild-'));
  try {
    const seeding = new SqliteEventStore({ filename: join(dir, 'events.db'), synchronous: 'NORMAL' });
    const events = await writeSyntheticCity(seeding, args.households);
    // The ceiling: reading every event once, as the shared feed does, with nothing built.
    const readStarted = performance.now();
    for (let after = 0; ;) {
      const batch = await seeding.readBatch(after, undefined, 1_000);
      after = batch.checkpoint;
      if (batch.caughtUp) break;
    }
    const read = performance.now() - readStarted;
    await seeding.close();
    const buildStarted = performance.now();
    const app = await createApp(
      loadConfig({ JEJAK_DATA_DIR: dir, JWT_SECRET: 'bench-secret-bench-secret-bench-secret-12', LOG_LEVEL: 'error' }),
    );
    const rows: Row[] = [];
    let peak = process.memoryUsage().rss;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100);
    try {
      const runner = app.get<ProjectionRunner>(PROJECTION_RUNNER);
      const head = await app.get<EventStore>(EVENT_STORE).headPosition();
      await runner.settle(3_600_000);
      const built = performance.now() - buildStarted;
      rows.push({
        projection: 'reading the events only (ceiling)',
        events,
        seconds: Math.round(read / 100) / 10,
        perSecond: perSecond(events, read),
      });
      rows.push({
        projection: 'all at once, built live from zero',
        events: head,
        seconds: Math.round(built / 100) / 10,
        perSecond: perSecond(head, built),
      });
      let started: number;
      for (const { name } of runner.status()) {
        // Reactors and the relay own no tables: their rebuild is a replay, not a build.
        if (runner.rebuildable(name) === false || name === 'pkh-exit-graduation' || name === 'kafka-relay') continue;
        started = performance.now();
        await runner.rebuild(name);
        await runner.settle(3_600_000);
        rows.push({
          projection: name,
          events: head,
          seconds: Math.round((performance.now() - started) / 100) / 10,
          perSecond: perSecond(head, performance.now() - started),
        });
      }
    } finally {
      clearInterval(sampler);
      await app.close();
    }
    report('rebuild', rows, [
      `${args.households} households, ${events} events; peak RSS ${mb(peak)} MiB.`,
      'Target: at least 100,000 events/s on SQLite.',
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
