import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { buildDist } from '../support/build-dist.js';
import { eventually } from '../support/eventually.js';
import { freePort } from '../support/free-port.js';
import { dropSchema, testDatabaseUrl } from '../support/postgres.js';
import { TEST_SECRET } from '../support/test-app.js';

const ROOT = resolve(import.meta.dirname, '../..');
const ROUNDS = 10;
const API_INSTANCES = 4;

interface Started {
  name: string;
  child: ChildProcess;
  port: number;
  output: string[];
  exit?: { code: number | null; signal: NodeJS.Signals | null };
}

/**
 * The scaled layout started all at once on an empty PostgreSQL schema, as a compose file does:
 * the projector and four API instances, ten times. Schema set-up takes turns under one lock
 * (ADR 0012), so no process may crash on the catalogue and every one must become ready.
 */
describe('start-up: the projector and four API instances at the same moment on an empty database', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'jejak-startup-'));

  beforeAll(() => {
    buildDist();
  }, 180_000);
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  function start(name: string, main: string, port: number, env: Record<string, string>): Started {
    const child = spawn(process.execPath, [main], {
      cwd: ROOT,
      env: {
        ...process.env,
        JEJAK_DATA_DIR: join(dataDir, name),
        PORT: String(port),
        HOST: '127.0.0.1',
        JWT_SECRET: TEST_SECRET,
        LOG_LEVEL: 'warn',
        KAFKA_BROKERS: '',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const started: Started = { name, child, port, output: [] };
    child.stdout!.on('data', (chunk: Buffer) => started.output.push(chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => started.output.push(chunk.toString()));
    child.on('exit', (code, signal) => (started.exit = { code, signal }));
    return started;
  }

  async function stop(all: Started[]): Promise<void> {
    await Promise.all(
      all.map(
        (s) =>
          new Promise<void>((done) => {
            if (s.exit) return done();
            s.child.once('exit', () => done());
            s.child.kill('SIGKILL');
          }),
      ),
    );
  }

  const ready = (s: Started): Promise<boolean> =>
    fetch(`http://127.0.0.1:${s.port}/health/ready`).then(
      (r) => r.ok,
      () => false,
    );

  it.each(Array.from({ length: ROUNDS }, (_, i) => i + 1))(
    'round %i: no process exits and all become ready',
    async () => {
      const schema = `startup_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
      const shared = {
        EVENT_STORE: 'postgres',
        READ_STORE: 'postgres',
        DATABASE_URL: testDatabaseUrl(),
        DATABASE_SCHEMA: schema,
      };
      const ports = await Promise.all(Array.from({ length: API_INSTANCES + 1 }, () => freePort()));
      const all = [
        start('projector', 'dist/apps/projector/src/main.js', ports[0]!, shared),
        ...ports
          .slice(1)
          .map((port, i) =>
            start(`api-${i + 1}`, 'dist/apps/api/src/main.js', port, { ...shared, RUN_PROJECTIONS: 'false' }),
          ),
      ];
      try {
        await eventually(
          async () => {
            const exited = all.filter((s) => s.exit);
            if (exited.length) return { exited: exited.map((s) => [s.name, s.exit, s.output.join('').slice(-2_000)]) };
            return (await Promise.all(all.map(ready))).every(Boolean);
          },
          'every process ready, none exited',
          { timeoutMs: 50_000, intervalMs: 200 },
        ).then((outcome) => expect(outcome).toBe(true));
      } finally {
        await stop(all);
        await dropSchema(schema);
      }
      // Killed by us after readiness (start-up is what is tested): none ended on its own.
      const ended = all.map((s) => [s.name, s.exit?.signal === 'SIGKILL']);
      expect(ended).toEqual(all.map((s) => [s.name, true]));
    },
    60_000,
  );

  it('waits for PostgreSQL with back-off, naming host and port, then exits non-zero with a clear message', async () => {
    const closed = await freePort();
    const api = start('api-waiting', 'dist/apps/api/src/main.js', await freePort(), {
      EVENT_STORE: 'postgres',
      READ_STORE: 'postgres',
      DATABASE_URL: `postgres://postgres@127.0.0.1:${closed}/test`,
      DATABASE_WAIT_SECONDS: '2',
    });
    const exit = await new Promise<{ code: number | null }>((done) => api.child.once('exit', (code) => done({ code })));
    const output = api.output.join('');
    expect(exit.code).not.toBe(0);
    expect(output).toContain(`Waiting for PostgreSQL at 127.0.0.1:${closed}/test (attempt 1`);
    expect(output).toContain(`Waiting for PostgreSQL at 127.0.0.1:${closed}/test (attempt 2`);
    expect(output).toContain(
      `PostgreSQL at 127.0.0.1:${closed}/test did not answer within 2 s (DATABASE_WAIT_SECONDS)`,
    );
  });
});
