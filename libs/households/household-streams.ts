import { createHash } from 'node:crypto';
import { streamName } from '#libs/platform/event-store/index.js';

export type IdentityKind = 'kk' | 'nik';

export const HOUSEHOLD_CATEGORY = 'household';
export const IDENTITY_CATEGORY = 'identity';

export const householdStream = (householdId: string): string => streamName(HOUSEHOLD_CATEGORY, householdId);

/**
 * One reservation stream per KK or NIK number. The number is hashed so that stream names (which
 * travel to feeds and logs) carry no identity number in clear.
 */
export const identityStream = (kind: IdentityKind, number: string): string =>
  streamName(IDENTITY_CATEGORY, createHash('sha256').update(`${kind}:${number}`).digest('hex').slice(0, 40));
