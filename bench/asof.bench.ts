import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../apps/api/src/create-app.js';
import { signToken } from '#libs/platform/auth/index.js';
import { loadConfig } from '#libs/platform/config/index.js';
import { EVENT_STORE, type EventStore } from '#libs/platform/event-store/index.js';
import { percentiles, report } from './report.js';

const SECRET = 'bench-secret-bench-secret-bench-secret-12';

/** Point-in-time state of a household with 1,000 events, through the real HTTP route, as of times across its history. */
export async function asofBench(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'jejak-bench-asof-'));
  const app = await createApp(
    loadConfig({ JEJAK_DATA_DIR: dir, JWT_SECRET: SECRET, LOG_LEVEL: 'error', RATE_LIMIT_READS: '0' }),
  );
  try {
    const store = app.get<EventStore>(EVENT_STORE);
    const id = randomUUID();
    const meta = {
      actor: 'cw',
      role: 'caseworker',
      correlationId: 'c',
      causationId: 'k',
      occurredAt: '2026-01-01T00:00:00.000Z',
      schemaVersion: 1,
    };
    await store.append(
      `household-${id}`,
      [
        {
          eventId: randomUUID(),
          type: 'HouseholdRegistered',
          data: {
            householdId: id,
            kk: '3275000000000001',
            address: { kecamatan: 'Jatiasih', kelurahan: 'Jatirasa' },
            members: [
              {
                nik: '3275000000000011',
                name: 'A',
                birthDate: '1980-01-01',
                sex: 'female',
                relationship: 'head',
                pregnant: false,
                severeDisability: false,
                schoolLevel: 'none',
              },
            ],
          },
          metadata: meta,
        },
      ],
      'no_stream',
    );
    // 999 notes in 37 visits of 27, each recorded at its own time: as-of reads land all over the history.
    const cutoffs: string[] = [];
    for (let visit = 0; visit < 37; visit++) {
      await new Promise((resolve) => setTimeout(resolve, 2));
      await store.append(
        `household-${id}`,
        Array.from({ length: 27 }, (_, n) => ({
          eventId: randomUUID(),
          type: 'CaseNoteRecorded',
          data: { noteId: randomUUID(), text: `note ${visit}.${n}`, topic: 'visit' },
          metadata: meta,
        })),
        'any',
      );
      cutoffs.push(new Date().toISOString());
    }
    const token = await signToken(SECRET, { sub: 'au', role: 'auditor' });
    const fastify = app.getHttpAdapter().getInstance();
    const samples: number[] = [];
    for (let i = 0; i < 301; i++) {
      // The latest time first: nothing is kept yet, so that one reads and folds all 1,000 events.
      const asOf = cutoffs[(cutoffs.length - 1 + i * 11) % cutoffs.length]!;
      const started = performance.now();
      const response = await fastify.inject({
        method: 'GET',
        url: `/api/v1/households/${id}/state?asOf=${encodeURIComponent(asOf)}`,
        headers: { authorization: `Bearer ${token}` },
      });
      samples.push(performance.now() - started);
      if (response.statusCode !== 200) throw new Error(`as-of answered ${response.statusCode}`);
    }
    const cold = Math.round(samples.shift()! * 100) / 100;
    const { p50, p90, p99 } = percentiles(samples);
    report(
      'asof',
      [{ events: 1_000, requests: samples.length, firstMs: cold, p50ms: p50, p90ms: p90, p99ms: p99 }],
      [
        'As of 37 different times across the history; the first request folds all 1,000 events, later ones start from the',
        'nearest kept state (every 100th event) before the time asked. Target: median under 5 ms.',
      ],
    );
  } finally {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
