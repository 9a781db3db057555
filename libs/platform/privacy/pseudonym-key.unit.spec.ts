import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from '@jest/globals';
import { pseudonymKeyOf, resolvePseudonymKey } from './pseudonym-key.js';

describe('the pseudonym key', () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'jejak-pseudonym-key-'));
    dirs.push(dir);
    return join(dir, 'data');
  };
  afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('is created on first start, readable by its owner only, and the same on the next start', () => {
    const dataDir = tempDir();
    const logged: string[] = [];
    const first = resolvePseudonymKey(undefined, dataDir, (m) => logged.push(m));
    expect(statSync(join(dataDir, 'pseudonym-key')).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(dataDir, 'pseudonym-key'), 'utf8').trim()).toHaveLength(64);
    expect(logged).toHaveLength(1);
    const second = resolvePseudonymKey(undefined, dataDir, (m) => logged.push(m));
    expect(second).toEqual(first);
    expect(logged).toHaveLength(1);
  });

  it('comes from JEJAK_PSEUDONYM_KEY when set, and no file is made', () => {
    const dataDir = tempDir();
    const key = resolvePseudonymKey('x'.repeat(40), dataDir, () => {});
    expect(key).toEqual(pseudonymKeyOf('x'.repeat(40)));
    expect(() => statSync(join(dataDir, 'pseudonym-key'))).toThrow();
  });

  it('is named by an id that differs from key to key and does not contain the key', () => {
    const a = pseudonymKeyOf('a'.repeat(40));
    expect(a.id).toMatch(/^k[0-9a-f]{12}$/);
    expect(a.id).not.toBe(pseudonymKeyOf('b'.repeat(40)).id);
  });
});
