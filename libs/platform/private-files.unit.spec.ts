import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { privateDirectory, privateFile, privateIfExists } from './private-files.js';

describe('private files, under umask 0', () => {
  const root = mkdtempSync(join(tmpdir(), 'jejak-private-'));
  const mode = (path: string) => (statSync(path).mode & 0o777).toString(8);
  let umask: number;
  beforeAll(() => {
    umask = process.umask(0);
  });
  afterAll(() => {
    process.umask(umask);
    rmSync(root, { recursive: true, force: true });
  });

  it('makes new directories 0700, parents included', () => {
    privateDirectory(join(root, 'a', 'b'));
    expect([mode(join(root, 'a')), mode(join(root, 'a', 'b'))]).toEqual(['700', '700']);
  });

  it('leaves an existing directory as the operator made it', () => {
    mkdirSync(join(root, 'shared'), { mode: 0o755 });
    privateDirectory(join(root, 'shared'));
    expect(mode(join(root, 'shared'))).toBe('755');
  });

  it('makes a new or existing file 0600', () => {
    privateFile(join(root, 'new.db'));
    writeFileSync(join(root, 'old.db'), 'x', { mode: 0o666 });
    privateFile(join(root, 'old.db'));
    expect([mode(join(root, 'new.db')), mode(join(root, 'old.db'))]).toEqual(['600', '600']);
  });

  it('makes an existing WAL 0600 and makes no file that is missing', () => {
    writeFileSync(join(root, 'x.db-wal'), '');
    chmodSync(join(root, 'x.db-wal'), 0o644);
    privateIfExists(join(root, 'x.db-wal'));
    privateIfExists(join(root, 'x.db-shm'));
    expect(mode(join(root, 'x.db-wal'))).toBe('600');
    expect(() => statSync(join(root, 'x.db-shm'))).toThrow();
  });
});
