import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { createApp } from '../../apps/api/src/create-app.js';
import { signToken } from '#libs/platform/auth/index.js';
import { giveWholeCityOver } from '../support/staff-areas.js';
import { verifyAuditChain } from '#libs/audit/index.js';
import { loadConfig } from '#libs/platform/config/index.js';
import { EVENT_STORE, SqliteEventStore, type EventStore } from '#libs/platform/event-store/index.js';
import {
  PROJECTION_RUNNER,
  READ_DATABASE,
  type ProjectionRunner,
  type ReadDatabase,
} from '#libs/platform/read-store/index.js';
import { buildDist } from '../support/build-dist.js';
import { startBuiltService } from '../support/built-service.js';
import { TEST_SECRET, household } from '../support/test-app.js';

/**
 * The service in a child process (the built dist, full durability) serves commands under load
 * and is killed with SIGKILL at random moments, then restarted. Every acknowledged command's
 * events must be in the store, streams stay gap-free, and every projection equals its rebuild.
 */
describe('crash: SIGKILL under load, restart, nothing acknowledged is lost', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'jejak-crash-'));
  let child: ChildProcess | undefined;
  let base: string;
  const acknowledged: Array<{ id: string; revision: number }> = [];

  beforeAll(() => {
    buildDist();
  }, 120_000);
  afterAll(() => {
    child?.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function startChild(): Promise<void> {
    // Sixteen workers as one caseworker: the load is meant, not limited.
    const service = await startBuiltService(
      dataDir,
      { RATE_LIMIT_COMMANDS: '0', RATE_LIMIT_READS: '0' },
      { ready: '/health', timeoutMs: 30_000 },
    );
    child = service.child;
    base = service.base;
  }

  async function load(until: Promise<void>): Promise<void> {
    const token = await signToken(TEST_SECRET, { sub: 'cw-crash', role: 'caseworker' });
    const admin = await signToken(TEST_SECRET, { sub: 'admin-crash', role: 'admin' });
    await giveWholeCityOver(base, admin, 'caseworker', 'cw-crash');
    const http = request(base);
    let stop = false;
    void until.then(() => (stop = true));
    const worker = async () => {
      while (!stop) {
        try {
          const created = await http
            .post('/api/v1/households')
            .set({ authorization: `Bearer ${token}`, 'idempotency-key': randomUUID() })
            .send(household());
          if (created.status !== 201) continue;
          acknowledged.push({ id: created.body.id, revision: created.body.revision });
          for (let n = 0; n < 3 && !stop; n++) {
            const note = await http
              .post(`/api/v1/households/${created.body.id}/notes`)
              .set({ authorization: `Bearer ${token}` })
              .send({ text: `note ${n}` });
            if (note.status === 200) acknowledged.push({ id: created.body.id, revision: note.body.revision });
          }
        } catch {
          // The server died mid-request: that command was never acknowledged.
        }
      }
    };
    await Promise.all(Array.from({ length: 16 }, worker));
  }

  /** What the store held after a kill: acknowledged revisions missing, streams and positions with gaps. */
  interface AfterKill {
    missing: Array<{ id: string; revision: number }>;
    streamsWithGaps: string[];
    positionsGapFree: boolean;
  }

  async function inspectStore(): Promise<AfterKill> {
    const store = new SqliteEventStore({ filename: join(dataDir, 'events.db') });
    try {
      const missing: AfterKill['missing'] = [];
      for (const { id, revision } of acknowledged) {
        const [event] = await store.readStream(`household-${id}`, { from: revision, limit: 1 });
        if (event?.revision !== revision) missing.push({ id, revision });
      }
      const all = await store.readAll();
      const byStream = new Map<string, number[]>();
      for (const e of all) byStream.set(e.stream, [...(byStream.get(e.stream) ?? []), e.revision]);
      const streamsWithGaps = [...byStream]
        .filter(([, revisions]) => revisions.some((r, i) => r !== i))
        .map(([s]) => s);
      return { missing, streamsWithGaps, positionsGapFree: all.every((e, i) => e.position === i + 1) };
    } finally {
      await store.close();
    }
  }

  describe('three kills under load', () => {
    const afterKills: AfterKill[] = [];

    beforeAll(async () => {
      for (let cycle = 0; cycle < 3; cycle++) {
        await startChild();
        const killAfter = new Promise<void>((done) =>
          setTimeout(
            () => {
              child!.kill('SIGKILL');
              done();
            },
            400 + Math.floor(Math.random() * 800),
          ),
        );
        await load(killAfter);
        await new Promise((r) =>
          child!.exitCode !== null || child!.signalCode ? r(undefined) : child!.once('exit', r),
        );
        afterKills.push(await inspectStore());
      }
    }, 120_000);

    it('acknowledges commands under load between the kills', () => {
      expect(acknowledged.length).toBeGreaterThan(20);
    });

    it('keeps the events of every acknowledged command', () => {
      expect(afterKills.map((k) => k.missing)).toEqual([[], [], []]);
    });

    it('leaves no stream with a gap in its revisions', () => {
      expect(afterKills.map((k) => k.streamsWithGaps)).toEqual([[], [], []]);
    });

    it('leaves no gap in the global positions', () => {
      expect(afterKills.map((k) => k.positionsGapFree)).toEqual([true, true, true]);
    });
  });

  describe('restarted in process', () => {
    let app: NestFastifyApplication;
    let runner: ProjectionRunner;
    const dump = async () => {
      const db = app.get<ReadDatabase>(READ_DATABASE).reader;
      const out: Record<string, string[]> = {};
      for (const table of [
        'household_summary',
        'household_links',
        'caseload',
        'outcome_totals',
        'audit_actor_events',
        'audit_chain',
      ]) {
        out[table] = (await db.selectFrom(table).selectAll().execute()).map((r) => JSON.stringify(r)).sort();
      }
      return out;
    };

    beforeAll(async () => {
      app = await createApp(loadConfig({ JEJAK_DATA_DIR: dataDir, JWT_SECRET: TEST_SECRET, LOG_LEVEL: 'error' }));
      runner = app.get<ProjectionRunner>(PROJECTION_RUNNER);
    });
    afterAll(async () => app?.close());

    it('catches up from the checkpoints to projections equal to their rebuild from zero', async () => {
      expect(await runner.settle(30_000)).toBe(true);
      const live = await dump();
      expect(live.household_summary!.length).toBeGreaterThan(0);
      for (const { name } of runner.status()) if (runner.rebuildable(name) !== false) await runner.rebuild(name);
      expect(await runner.settle(30_000)).toBe(true);
      expect(await dump()).toEqual(live);
    }, 60_000);

    it('keeps the audit chain verifiable', async () => {
      expect(await runner.settle(30_000)).toBe(true);
      const result = await verifyAuditChain(
        app.get<EventStore>(EVENT_STORE),
        app.get<ReadDatabase>(READ_DATABASE).reader,
      );
      expect(result).toMatchObject({ ok: true, firstBreak: null });
    });
  });
});
