import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * Under a permissive umask the data directory was 0777 and the databases 0666 (SQLite makes its
 * files 0644 less the umask): every account on the machine could read the city's households.
 */
describe('the edge: file permissions of the embedded default', () => {
  const root = mkdtempSync(join(tmpdir(), 'jejak-files-'));
  const dataDir = join(root, 'var', 'data');
  let t: TestApp;
  let umask: number;
  const mode = (file: string) => (statSync(join(dataDir, file)).mode & 0o777).toString(8);

  beforeAll(async () => {
    umask = process.umask(0);
    // No JWT_SECRET: the service generates one into the data directory. SQLite makes the WAL and
    // shared-memory files as it opens the databases.
    t = await startTestApp({ JEJAK_DATA_DIR: dataDir, JWT_SECRET: '' });
  });
  afterAll(async () => {
    process.umask(umask);
    await t?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('makes the data directory, and any parent it makes, 0700', () => {
    expect(mode('.')).toBe('700');
    expect((statSync(join(root, 'var')).mode & 0o777).toString(8)).toBe('700');
  });

  it('makes the generated JWT secret and pseudonym key 0600', () => {
    expect(mode('jwt-secret')).toBe('600');
    expect(mode('pseudonym-key')).toBe('600');
  });

  it('makes the SQLite databases and their WAL and shared-memory files 0600', () => {
    if (t.postgresSchema !== null) return;
    for (const file of ['events.db', 'events.db-wal', 'events.db-shm', 'read.db', 'read.db-wal', 'read.db-shm']) {
      expect({ file, mode: mode(file) }).toEqual({ file, mode: '600' });
    }
  });
});
