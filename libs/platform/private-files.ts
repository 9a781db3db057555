import { randomBytes } from 'node:crypto';
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/**
 * Files that hold personal data or secrets (the SQLite databases with their WAL and shared-memory
 * files, the generated JWT secret) are readable by the service's user only, whatever the umask:
 * SQLite creates its files 0644 and mkdir 0777 less the umask, so a permissive umask (0, or the
 * usual 022) left the city's households readable by every account on the machine.
 */

/**
 * Makes the directory (and any missing parent) with mode 0700. A directory that already exists
 * keeps the mode it has: the operator chose it (and it may be shared, /tmp say).
 */
export function privateDirectory(path: string): void {
  const first = mkdirSync(path, { recursive: true, mode: 0o700 });
  if (first === undefined) return;
  // mkdir's mode is masked by the umask; chmod is not. Every directory made here, deepest first.
  const top = resolve(first);
  for (let dir = resolve(path); ; dir = dirname(dir)) {
    chmodSync(dir, 0o700);
    if (dir === top || dir === dirname(dir)) break;
  }
}

/** Creates the file if it is missing, and makes it (new or not) 0600. */
export function privateFile(path: string): void {
  closeSync(openSync(path, 'a', 0o600));
  chmodSync(path, 0o600);
}

/** Makes the file 0600 if it exists (a WAL or shared-memory file SQLite made earlier). */
export function privateIfExists(path: string): void {
  if (existsSync(path)) chmodSync(path, 0o600);
}

/**
 * A secret the embedded default keeps in the data directory (the JWT secret, the pseudonym key):
 * read if the file is there, else 32 random bytes written 0600 on first start, and `created`
 * told the file's path.
 */
export function generatedSecret(dataDir: string, name: string, created: (file: string) => void): string {
  const file = join(dataDir, name);
  if (existsSync(file)) {
    privateFile(file);
    return readFileSync(file, 'utf8').trim();
  }
  privateDirectory(dataDir);
  const secret = randomBytes(32).toString('hex');
  writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
  created(file);
  return secret;
}
