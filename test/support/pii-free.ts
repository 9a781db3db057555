import { PiiFreeView, Pseudonyms, pseudonymKeyOf } from '#libs/platform/privacy/index.js';
import { PERSONAL_DATA_POLICY } from '#libs/privacy/index.js';

/** A pseudonym key for tests (never one of a deployment). */
export const TEST_PSEUDONYM_KEY = 'test-pseudonym-key-0123456789abcdef0123456789';

/** The PII-free view every PII-free path uses, under a test key (or the one given). */
export const testPiiFree = (secret: string = TEST_PSEUDONYM_KEY): PiiFreeView =>
  new PiiFreeView(PERSONAL_DATA_POLICY, new Pseudonyms(pseudonymKeyOf(secret)));
