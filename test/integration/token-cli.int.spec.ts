import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { buildDist, ROOT } from '../support/build-dist.js';

/** `npm run token`, the built script a newcomer runs first: usage and mistakes answered in a line, never a stack trace. */
describe('the token command', () => {
  let dataDir: string;
  const token = (...args: string[]) => {
    const env: NodeJS.ProcessEnv = { ...process.env, JEJAK_DATA_DIR: dataDir, LOG_LEVEL: 'error' };
    delete env.JWT_SECRET;
    delete env.JWT_JWKS_URL;
    return spawnSync(process.execPath, ['dist/apps/api/src/token.js', ...args], { cwd: ROOT, env, encoding: 'utf8' });
  };

  beforeAll(() => {
    buildDist();
    dataDir = mkdtempSync(join(tmpdir(), 'jejak-token-'));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('prints its usage for --help and exits 0', () => {
    const run = token('--help');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^usage: npm run token -- --role </);
  });

  it('names an unknown option with the usage, exit 2 and no stack trace', () => {
    const run = token('--bogus');
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("Unknown option '--bogus'");
    expect(run.stderr).toContain('usage: npm run token');
    expect(run.stderr).not.toMatch(/\bat .+\.js:\d+/);
  });

  it('mints a token for a role and a subject', () => {
    const run = token('--role', 'caseworker', '--sub', 'cw-01');
    expect(run.status).toBe(0);
    expect(run.stdout.trim().split('.')).toHaveLength(3);
  });
});
