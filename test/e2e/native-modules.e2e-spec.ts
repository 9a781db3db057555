import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { buildDist } from '../support/build-dist.js';
import { eventually } from '../support/eventually.js';
import { freePort } from '../support/free-port.js';
import { dropSchema, testDatabaseUrl } from '../support/postgres.js';
import { TEST_SECRET } from '../support/test-app.js';

const ROOT = resolve(import.meta.dirname, '../..');

/**
 * The built service in a child process writes a Node diagnostic report on SIGUSR2, which lists the
 * shared objects it has loaded. On PostgreSQL it must not have loaded better-sqlite3's native
 * module (an image for the scaled layout does not depend on that build); on the embedded default
 * it has, which shows that the report would name it.
 */
describe('the SQLite native module is loaded only where SQLite is used', () => {
  const dirs: string[] = [];
  const children: ChildProcess[] = [];
  const schema = `native_${randomUUID().replace(/-/g, '').slice(0, 12)}`;

  beforeAll(() => {
    buildDist();
  }, 120_000);
  afterAll(async () => {
    for (const child of children) child.kill('SIGKILL');
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    await dropSchema(schema);
  });

  async function loadedSharedObjects(env: Record<string, string>): Promise<string[]> {
    const dir = mkdtempSync(join(tmpdir(), 'jejak-native-'));
    dirs.push(dir);
    const port = await freePort();
    const child = spawn(
      process.execPath,
      ['--report-on-signal', '--report-signal=SIGUSR2', `--report-directory=${dir}`, 'dist/apps/api/src/main.js'],
      {
        cwd: ROOT,
        env: {
          ...process.env,
          JEJAK_DATA_DIR: join(dir, 'data'),
          PORT: String(port),
          HOST: '127.0.0.1',
          JWT_SECRET: TEST_SECRET,
          LOG_LEVEL: 'error',
          ...env,
        },
        stdio: 'ignore',
      },
    );
    children.push(child);
    await eventually(
      () => fetch(`http://127.0.0.1:${port}/health/ready`).then((r) => r.ok),
      'the service to be ready',
      { timeoutMs: 20_000, intervalMs: 100 },
    );
    child.kill('SIGUSR2');
    const report = await eventually(
      () => readdirSync(dir).find((f) => f.startsWith('report.') && f.endsWith('.json')) ?? false,
      'the diagnostic report',
    );
    const parsed = await eventually(
      () => JSON.parse(readFileSync(join(dir, report as string), 'utf8')) as { sharedObjects: string[] },
      'a whole report',
    );
    child.kill('SIGTERM');
    return parsed.sharedObjects;
  }

  it('a process on PostgreSQL has not loaded better_sqlite3.node', async () => {
    const loaded = await loadedSharedObjects({
      EVENT_STORE: 'postgres',
      READ_STORE: 'postgres',
      DATABASE_URL: testDatabaseUrl(),
      DATABASE_SCHEMA: schema,
    });
    expect(loaded.length).toBeGreaterThan(0);
    expect(loaded.filter((so) => so.includes('better_sqlite3'))).toEqual([]);
  }, 60_000);

  it('the embedded default has', async () => {
    const loaded = await loadedSharedObjects({});
    expect(loaded.filter((so) => so.includes('better_sqlite3'))).toHaveLength(1);
  }, 60_000);
});
