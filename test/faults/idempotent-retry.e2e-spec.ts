import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { signToken } from '#libs/platform/auth/index.js';
import { giveWholeCityOver } from '../support/staff-areas.js';
import { SqliteEventStore } from '#libs/platform/event-store/index.js';
import { buildDist } from '../support/build-dist.js';
import { startBuiltService } from '../support/built-service.js';
import { TEST_SECRET, household } from '../support/test-app.js';

/**
 * A retry after a crash: the service (the built dist, full durability, in a child process)
 * acknowledges a command sent with an Idempotency-Key and is killed with SIGKILL; restarted, it
 * answers the client's retry with the recorded answer, and the store holds the command's events
 * once. The key is recorded in the transaction of the command's events, so no claim can be left
 * behind half-done.
 */
describe('faults: an Idempotency-Key retried after SIGKILL and a restart', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'jejak-retry-'));
  let child: ChildProcess | undefined;
  let base = '';
  let token = '';

  beforeAll(async () => {
    buildDist();
    token = await signToken(TEST_SECRET, { sub: 'cw-retry', role: 'caseworker' });
  }, 120_000);
  afterAll(() => {
    child?.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function start(): Promise<void> {
    ({ child, base } = await startBuiltService(dataDir));
    // The caseworker covers the city (kept across restarts: given again, it is already given).
    const admin = await signToken(TEST_SECRET, { sub: 'admin-retry', role: 'admin' });
    await giveWholeCityOver(base, admin, 'caseworker', 'cw-retry');
  }

  async function kill(): Promise<void> {
    const dying = child!;
    const exited = new Promise((done) => dying.once('exit', done));
    dying.kill('SIGKILL');
    await exited;
    child = undefined;
  }

  const send = (path: string, key: string, body: unknown) =>
    fetch(`${base}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': key },
      body: JSON.stringify(body),
    });

  async function eventsOf(stream: string) {
    const store = new SqliteEventStore({ filename: join(dataDir, 'events.db') });
    try {
      return await store.readStream(stream);
    } finally {
      await store.close();
    }
  }

  it('answers a retried registration with the recorded answer and writes it once', async () => {
    const body = household();
    await start();
    const first = await send('/api/v1/households', 'register-after-crash', body);
    expect(first.status).toBe(201);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    const answer = (await first.json()) as { id: string; revision: number; position: number };
    await kill();

    await start();
    const retry = await send('/api/v1/households', 'register-after-crash', body);
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.headers.get('etag')).toBe(`"${answer.revision}"`);
    expect(await retry.json()).toEqual(answer);
    await kill();

    const events = await eventsOf(`household-${answer.id}`);
    expect(events.map((e) => e.type)).toEqual(['HouseholdRegistered']);
  }, 120_000);

  it('answers a retried command on an existing household the same way', async () => {
    await start();
    const created = (await (await send('/api/v1/households', 'register-for-note', household())).json()) as {
      id: string;
    };
    const path = `/api/v1/households/${created.id}/notes`;
    const first = await send(path, 'note-after-crash', { text: 'home visit' });
    expect(first.status).toBe(200);
    const answer = await first.json();
    await kill();

    await start();
    const retry = await send(path, 'note-after-crash', { text: 'home visit' });
    expect(retry.status).toBe(200);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(await retry.json()).toEqual(answer);
    // The same key with another body is a different request: refused, not replayed.
    expect((await send(path, 'note-after-crash', { text: 'another note' })).status).toBe(422);
    await kill();

    const events = await eventsOf(`household-${created.id}`);
    expect(events.map((e) => e.type)).toEqual(['HouseholdRegistered', 'CaseNoteRecorded']);
  }, 120_000);
});
