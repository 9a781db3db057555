import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApp } from '../apps/api/src/create-app.js';
import { supervisorOfTheCity } from './bench-staff.js';
import { signToken } from '#libs/platform/auth/index.js';
import { loadConfig } from '#libs/platform/config/index.js';
import { SqliteEventStore } from '#libs/platform/event-store/index.js';
import { PROJECTION_RUNNER, type ProjectionRunner } from '#libs/platform/read-store/index.js';
import { perSecond, report, type Row } from './report.js';
import { writeSyntheticCity } from './synthetic-city.js';

const SECRET = 'bench-secret-bench-secret-bench-secret-12';

/**
 * Closing a month folds the whole outcome feed (ADR 0011): how long one close takes, and how long
 * the month's report then takes as closed and with its late corrections, per city size.
 */
export async function closeBench(args: { sizes: number[] }): Promise<void> {
  const rows: Row[] = [];
  for (const households of args.sizes) {
    const dir = mkdtempSync(join(tmpdir(), 'jejak-bench-close-'));
    let app: NestFastifyApplication | undefined;
    try {
      const seeding = new SqliteEventStore({ filename: join(dir, 'events.db'), synchronous: 'NORMAL' });
      const events = await writeSyntheticCity(seeding, households);
      await seeding.close();
      app = await createApp(loadConfig({ JEJAK_DATA_DIR: dir, JWT_SECRET: SECRET, LOG_LEVEL: 'error' }));
      await supervisorOfTheCity(app, 'sv-bench');
      if (!(await app.get<ProjectionRunner>(PROJECTION_RUNNER).settle(3_600_000))) throw new Error('no catch-up');
      const token = await signToken(SECRET, { sub: 'sv-bench', role: 'supervisor' });
      const fastify = app.getHttpAdapter().getInstance();
      const started = performance.now();
      const close = await fastify.inject({
        method: 'POST',
        url: '/api/v1/reports/periods/2026-03/close',
        headers: { authorization: `Bearer ${token}` },
      });
      const closeMs = performance.now() - started;
      if (close.statusCode !== 200) throw new Error(`close: ${close.statusCode} ${close.body}`);
      const read = async (view: string) => {
        const at = performance.now();
        const response = await fastify.inject({
          method: 'GET',
          url: `/api/v1/reports/periods/2026-03?view=${view}`,
          headers: { authorization: `Bearer ${token}` },
        });
        if (response.statusCode !== 200) throw new Error(`${view}: ${response.statusCode}`);
        return Math.round(performance.now() - at);
      };
      rows.push({
        households,
        events,
        'close (ms)': Math.round(closeMs),
        'events folded/s': perSecond(events, closeMs),
        'as closed (ms)': await read('as-closed'),
        'with late corrections (ms)': await read('with-late-corrections'),
      });
    } finally {
      await app?.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }
  report('close', rows, ['A close reads and folds every outcome event once; reading a closed month reads one row.']);
}
