import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importExtract } from '../apps/api/src/cli/import/import-extract.js';
import { createApp } from '../apps/api/src/create-app.js';
import { loadConfig } from '#libs/platform/config/index.js';
import { EVENT_STORE, type EventStore } from '#libs/platform/event-store/index.js';
import { PROJECTION_RUNNER, type ProjectionRunner } from '#libs/platform/read-store/index.js';
import { perSecond, report, type Row } from './report.js';
import { benchEvent } from './store.bench.js';
import { syntheticExtract } from './synthetic-extract.js';

const SECRET = 'bench-secret-bench-secret-bench-secret-12';

/**
 * Bulk intake (ADR 0015) on the embedded default as shipped (SQLite, synchronous=FULL,
 * projections in process): a generated DTKS extract of `rows` rows, 2 % of its households bad,
 * imported by `jejak import`'s own code; then the same at other windows (households registered
 * at once) on a smaller file, to show what the group commit buys. Each run on fresh stores.
 * Beside each, in the same run, its ceiling: the same durable appends alone (one per registered
 * household, its KK and each of its NIKs, in the same windows) on a fresh store of the same kind,
 * with no CSV, validation, deciding or read models.
 */
export async function importBench(args: { rows: number }): Promise<void> {
  const rows: Row[] = [];
  const runs = [
    { rows: args.rows, window: 256 },
    { rows: args.rows, window: 64 },
    { rows: Math.min(args.rows, 4_000), window: 1 },
    { rows: Math.min(args.rows, 4_000), window: 16 },
    { rows: Math.min(args.rows, 4_000), window: 64 },
    { rows: Math.min(args.rows, 4_000), window: 256 },
  ];
  for (const run of runs) {
    const dir = mkdtempSync(join(tmpdir(), 'jejak-bench-import-'));
    const app = await createApp(loadConfig({ JEJAK_DATA_DIR: dir, JWT_SECRET: SECRET, LOG_LEVEL: 'error' }));
    try {
      const extract = syntheticExtract(run.rows, { seed: 40, badShare: 0.02 });
      const file = join(dir, 'extract.csv');
      writeFileSync(file, extract.csv);
      const started = performance.now();
      const result = await importExtract(app, {
        file,
        report: join(dir, 'report.csv'),
        actor: 'bench',
        dataDir: dir,
        window: run.window,
        say: () => {},
      });
      const importMs = performance.now() - started;
      await app.get<ProjectionRunner>(PROJECTION_RUNNER).settle(3_600_000);
      const settledMs = performance.now() - started;
      const appends = result.households.registered * 2 + result.rows.registered;
      const ceilingMs = await appendsAlone(appends, run.window);
      rows.push({
        rows: extract.rows,
        households: result.households.registered + result.households.refused + result.households.already_known,
        window: run.window,
        registered: result.rows.registered,
        refused: result.rows.refused,
        'import (s)': Number((importMs / 1000).toFixed(1)),
        'rows/s': perSecond(extract.rows, importMs),
        'ceiling (s)': Number((ceilingMs / 1000).toFixed(1)),
        'of ceiling': Number((ceilingMs / importMs).toFixed(2)),
        'read models caught up (s)': Number((settledMs / 1000).toFixed(1)),
      });
    } finally {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }
  report('import', rows, [
    'SQLite synchronous=FULL, read models built in the same process while importing (as `jejak import` runs).',
    'A household is one append plus a reservation per KK and NIK (read, then appended): about 5.5 appends per household of 3.5 rows.',
    'ceiling: those appends alone on a fresh store, one event each, as many at once as the window; of ceiling = ceiling time / import time.',
  ]);
}

/** The import's durable appends and nothing else: `appends` one-event appends, `window` at a time. */
async function appendsAlone(appends: number, window: number): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'jejak-bench-import-ceiling-'));
  const app = await createApp(
    loadConfig({ JEJAK_DATA_DIR: dir, JWT_SECRET: SECRET, LOG_LEVEL: 'error', RUN_PROJECTIONS: 'false' }),
  );
  try {
    const store = app.get<EventStore>(EVENT_STORE);
    const started = performance.now();
    for (let done = 0; done < appends; done += window) {
      const count = Math.min(window, appends - done);
      await Promise.all(
        Array.from({ length: count }, () => store.append(`bench-${randomUUID()}`, [benchEvent()], 'no_stream')),
      );
    }
    return performance.now() - started;
  } finally {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
