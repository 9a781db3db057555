import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { privateDirectory, privateFile } from '#libs/platform/private-files.js';

/**
 * JWT_SECRET when set; otherwise the embedded default keeps one in the data directory, created on
 * first start (readable by its owner only) so that tokens survive restarts.
 */
export function resolveJwtSecret(
  configured: string | undefined,
  dataDir: string,
  log: (message: string) => void,
): string {
  if (configured) return configured;
  const file = join(dataDir, 'jwt-secret');
  if (existsSync(file)) {
    privateFile(file);
    return readFileSync(file, 'utf8').trim();
  }
  privateDirectory(dataDir);
  const secret = randomBytes(32).toString('hex');
  writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
  log(`JWT_SECRET is not set: generated a new secret in ${file} (npm run token uses it)`);
  return secret;
}
