import { createHmac } from 'node:crypto';
import { generatedSecret } from '#libs/platform/private-files.js';

/** The secret behind every pseudonym, and the id that messages carry to say which one made theirs. */
export interface PseudonymKey {
  /** Derived from the secret (a keyed hash of a constant): names the key, reveals nothing of it. */
  id: string;
  secret: Buffer;
}

export const pseudonymKeyOf = (secret: string): PseudonymKey => ({
  id: `k${createHmac('sha256', secret).update('jejak-pseudonym-key-id').digest('hex').slice(0, 12)}`,
  secret: Buffer.from(secret, 'utf8'),
});

/**
 * JEJAK_PSEUDONYM_KEY when set; otherwise the key in `data/pseudonym-key`, created on first start
 * (0600, like the JWT secret) so that pseudonyms stay stable across restarts. Replacing it rotates
 * the pseudonyms (ADR 0010).
 */
export function resolvePseudonymKey(
  configured: string | undefined,
  dataDir: string,
  log: (message: string) => void,
): PseudonymKey {
  if (configured) return pseudonymKeyOf(configured);
  const secret = generatedSecret(dataDir, 'pseudonym-key', (file) =>
    log(`JEJAK_PSEUDONYM_KEY is not set: generated a new pseudonym key in ${file}`),
  );
  return pseudonymKeyOf(secret);
}
