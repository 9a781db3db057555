import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { fileSha256 } from '#libs/intake/index.js';
import { syntheticExtract } from '../../bench/synthetic-extract.js';
import { ROOT, buildDist } from '../support/build-dist.js';
import { parseCsv } from '../support/csv.js';
import { testDatabaseUrl } from '../support/postgres.js';
import { TEST_SECRET, startTestApp, type TestApp } from '../support/test-app.js';

/**
 * Issue #17's bulk intake under a crash: `jejak import` in a child process (the built CLI) is
 * killed with SIGKILL midway through a 2,000-row extract with bad rows, run again to the end,
 * then once more. Every good household is registered exactly once, every row of a bad one is in
 * the row report, and a household whose KK was registered before is reported as already known.
 */
describe('bulk intake: killed midway, resumed, registered once', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'jejak-intake-'));
  const postgres = process.env.JEJAK_TEST_STORES === 'postgres';
  const schema = `e2e_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const extract = syntheticExtract(2_000, { seed: 17, badShare: 0.04, prefix: '17' });
  const file = join(dataDir, 'dtks.csv');
  const report = join(dataDir, 'dtks.report.csv');
  const progressFile = join(dataDir, 'imports', `${fileSha256(extract.csv)}.json`);
  let child: ChildProcess | undefined;
  let app: TestApp;
  const runs: Array<{ code: number | null; signal: string | null; stdout: string }> = [];

  const env = {
    ...process.env,
    JEJAK_DATA_DIR: dataDir,
    JWT_SECRET: TEST_SECRET,
    LOG_LEVEL: 'error',
    ...(postgres
      ? { EVENT_STORE: 'postgres', READ_STORE: 'postgres', DATABASE_URL: testDatabaseUrl(), DATABASE_SCHEMA: schema }
      : {}),
  };

  function runImport(path: string, reportPath: string, killWhen?: () => boolean) {
    return new Promise<{ code: number | null; signal: string | null; stdout: string }>((resolve) => {
      child = spawn(
        process.execPath,
        ['dist/apps/api/src/cli.js', 'import', path, '--report', reportPath, '--window', '64'],
        {
          cwd: ROOT,
          env,
          stdio: ['ignore', 'pipe', 'ignore'],
        },
      );
      let stdout = '';
      child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      const watch = killWhen
        ? setInterval(() => {
            if (killWhen()) child!.kill('SIGKILL');
          }, 10)
        : undefined;
      child.once('exit', (code, signal) => {
        if (watch) clearInterval(watch);
        resolve({ code, signal, stdout });
      });
    });
  }

  /** Killed once some households are done and before the last: a window may be half written. */
  const midway = () => {
    if (!existsSync(progressFile)) return false;
    try {
      const progress = JSON.parse(readFileSync(progressFile, 'utf8'));
      return progress.nextHousehold >= 64 && !progress.finishedAt;
    } catch {
      return false;
    }
  };

  beforeAll(async () => {
    buildDist();
    writeFileSync(file, extract.csv);
    runs.push(await runImport(file, report, midway));
    runs.push(await runImport(file, report));
    runs.push(await runImport(file, report));
    // Another extract naming a KK of the first one: that household is already known.
    const [firstKk] = extract.good.keys();
    const lines = extract.csv.split('\r\n');
    const again = lines.find((l) => l.startsWith(`${firstKk},`))!;
    writeFileSync(join(dataDir, 'again.csv'), `${lines[0]}\r\n${again}\r\n`);
    runs.push(await runImport(join(dataDir, 'again.csv'), join(dataDir, 'again.report.csv')));
    app = await startTestApp({ JEJAK_DATA_DIR: dataDir, ...(postgres ? { DATABASE_SCHEMA: schema } : {}) });
  }, 300_000);

  afterAll(async () => {
    child?.kill('SIGKILL');
    await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('was killed by SIGKILL midway, then ran to the end twice', () => {
    expect(runs.map((r) => r.signal ?? r.code)).toEqual(['SIGKILL', 0, 0, 0]);
  });

  it('registers every good household exactly once, and no bad one', async () => {
    const registered = new Map<string, number>();
    for (const e of await app.store.readAll())
      if (e.type === 'HouseholdRegistered') {
        const kk = (e.data as { kk: string }).kk;
        registered.set(kk, (registered.get(kk) ?? 0) + 1);
      }
    expect(registered.size).toBe(extract.good.size);
    for (const [kk] of extract.good) expect(registered.get(kk)).toBe(1);
  });

  it('reports every row of the bad households, and only those', () => {
    const rows = parseCsv(readFileSync(report, 'utf8'));
    expect(rows.map((r) => Number(r.line)).sort((a, b) => a - b)).toEqual(extract.badLines);
    expect(new Set(rows.map((r) => r.outcome))).toEqual(new Set(['refused']));
    expect(rows.every((r) => r.rule && r.column && r.nik)).toBe(true);
  });

  it('counts the same rows after the resume and after the repeat, registering nothing more', () => {
    const [, resumed, repeated] = runs.map((r) => (r.stdout ? JSON.parse(r.stdout) : null));
    const goodRows = [...extract.good.values()].reduce((a, b) => a + b, 0);
    expect(resumed.rows).toEqual({ registered: goodRows, already_known: 0, refused: extract.badLines.length });
    expect(repeated.rows).toEqual(resumed.rows);
  });

  it('reports a household whose KK another file registered as already known', () => {
    const again = JSON.parse(runs[3]!.stdout);
    expect(again.households).toEqual({ registered: 0, already_known: 1, refused: 0 });
    const [row] = parseCsv(readFileSync(join(dataDir, 'again.report.csv'), 'utf8'));
    expect(row).toMatchObject({ outcome: 'already_known', rule: 'HOUSEHOLD.KK_ALREADY_REGISTERED', column: 'kk' });
  });
});
