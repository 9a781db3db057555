import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { signToken } from '#libs/platform/auth/index.js';
import { buildDist } from '../support/build-dist.js';
import { startBuiltService } from '../support/built-service.js';
import { eventually } from '../support/eventually.js';
import { giveWholeCityOver } from '../support/staff-areas.js';
import { TEST_SECRET, household } from '../support/test-app.js';

interface Status {
  name: string;
  checkpoint: number;
  state: string;
  head: number;
  readModel: boolean;
}

/**
 * PROJECTOR_THREAD=true: the built service runs its projections, reactors and relay in a worker
 * thread (the thread only exists in the built code). Reads with `minPosition` see each write at
 * once, the admin sees the worker's statuses, a rebuild asked over HTTP runs in the worker while
 * commands go on, SIGTERM stops both threads, and a restart resumes from the checkpoints.
 */
describe('projections in a worker thread of the API process', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'jejak-projector-thread-'));
  let child: ChildProcess | undefined;
  let base: string;
  let cw: string;
  let admin: string;
  /** What the service logged (errors only). */
  let output = (): string => '';
  const auth = (token: string) => ({ authorization: `Bearer ${token}` });

  async function start(): Promise<void> {
    const service = await startBuiltService(
      dataDir,
      {
        PROJECTOR_THREAD: 'true',
        // A read that the worker would not serve answers 503 quickly instead of hiding in a retry.
        READ_WAIT_TIMEOUT_MS: '3000',
        RATE_LIMIT_COMMANDS: '0',
        RATE_LIMIT_READS: '0',
      },
      { ready: '/health/ready', capture: true },
    );
    ({ child, base } = service);
    output = service.output;
  }

  /** SIGTERM: Nest closes the application (the worker first), then ends the process by the same signal. */
  async function stop(): Promise<{ code: number | null; signal: string | null }> {
    const exited = once(child!, 'exit') as Promise<[number | null, string | null]>;
    child!.kill('SIGTERM');
    const [code, signal] = await exited;
    child = undefined;
    return { code, signal };
  }

  async function registerAndRead(): Promise<string> {
    const created = await request(base).post('/api/v1/households').set(auth(cw)).send(household()).expect(201);
    const { id, position } = created.body as { id: string; position: number };
    // Straight after the write: the worker's batch must be seen here without a poll's delay.
    const summary = await request(base).get(`/api/v1/households/${id}`).query({ minPosition: position }).set(auth(cw));
    expect(summary.status).toBe(200);
    expect(summary.body.id).toBe(id);
    const history = await request(base)
      .get(`/api/v1/households/${id}/history`)
      .query({ minPosition: position })
      .set(auth(cw));
    expect(history.status).toBe(200);
    expect(JSON.stringify(history.body)).toContain('HouseholdRegistered');
    return id;
  }

  const statuses = async (): Promise<Status[]> =>
    (await request(base).get('/api/v1/admin/projections').set(auth(admin)).expect(200)).body as Status[];

  beforeAll(async () => {
    buildDist();
    cw = await signToken(TEST_SECRET, { sub: 'cw-thread', role: 'caseworker' });
    admin = await signToken(TEST_SECRET, { sub: 'admin-thread', role: 'admin' });
    await start();
    await giveWholeCityOver(base, admin, 'caseworker', 'cw-thread');
  }, 180_000);

  afterAll(() => {
    child?.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  const registered: string[] = [];

  it('answers each read with the write just made, through the worker', async () => {
    for (let i = 0; i < 15; i++) registered.push(await registerAndRead());
  }, 60_000);

  it("shows the worker's projections to the admin, every read model live at the head", async () => {
    await eventually(
      async () => {
        const all = await statuses();
        return (
          all.length > 0 && all.filter((s) => s.readModel).every((s) => s.state === 'live' && s.checkpoint === s.head)
        );
      },
      'every read model to be live at the head',
      { timeoutMs: 15_000 },
    );
    const names = (await statuses()).map((s) => s.name);
    expect(names).toEqual(
      expect.arrayContaining(['household-summary', 'caseloads', 'actor-index', 'pkh-exit-graduation']),
    );
  });

  it('rebuilds a read model in the worker when the admin asks, while commands go on', async () => {
    await request(base)
      .post('/api/v1/admin/projections/household-summary/rebuild')
      .set(auth(admin))
      .expect(202, { name: 'household-summary', state: 'rebuilding' });
    registered.push(await registerAndRead());
    await eventually(
      async () => (await statuses()).find((s) => s.name === 'household-summary')?.state === 'live',
      'the rebuilt read model to be live again',
      { timeoutMs: 30_000 },
    );
    const list = await request(base).get('/api/v1/households').query({ limit: 100 }).set(auth(cw)).expect(200);
    const ids = JSON.stringify(list.body);
    for (const id of registered) expect(ids).toContain(id);
  }, 60_000);

  it('stops both threads on SIGTERM and resumes from the checkpoints after a restart', async () => {
    const before = await statuses();
    const ended = await stop();
    expect(ended.code === 0 || ended.signal === 'SIGTERM').toBe(true);
    expect(output()).not.toMatch(/projector thread (exited|failed)/i);
    await start();
    const after = await statuses();
    for (const s of before.filter((x) => x.readModel))
      expect(after.find((a) => a.name === s.name)?.checkpoint).toBeGreaterThanOrEqual(s.checkpoint);
    registered.push(await registerAndRead());
    const first = await request(base).get(`/api/v1/households/${registered[0]}`).set(auth(cw));
    expect(first.status).toBe(200);
  }, 90_000);
});
