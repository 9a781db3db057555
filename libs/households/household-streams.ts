import { createHmac } from 'node:crypto';
import { streamName } from '#libs/platform/event-store/index.js';

export type IdentityKind = 'kk' | 'nik';

export const HOUSEHOLD_CATEGORY = 'household';
export const IDENTITY_CATEGORY = 'identity';

export const householdStream = (householdId: string): string => streamName(HOUSEHOLD_CATEGORY, householdId);

/** The key that names identity streams, kept with the household keys (never erased). */
export const IDENTITY_NAMING_KEY = 'identity-naming';

/**
 * One reservation stream per KK or NIK number, named by a keyed hash (HMAC-SHA256 under
 * IDENTITY_NAMING_KEY): a 16-digit number has too little entropy for a plain hash, and a stream
 * name travels to feeds and logs. Without the key store, the names tell no number (ADR 0010).
 */
export const identityStream = (kind: IdentityKind, number: string, namingKey: Buffer): string =>
  streamName(IDENTITY_CATEGORY, createHmac('sha256', namingKey).update(`${kind}:${number}`).digest('hex').slice(0, 40));
