import { generatedSecret } from '#libs/platform/private-files.js';

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
  return generatedSecret(dataDir, 'jwt-secret', (file) =>
    log(`JWT_SECRET is not set: generated a new secret in ${file} (npm run token uses it)`),
  );
}
