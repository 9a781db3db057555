import { hash } from 'node:crypto';
import { canonicalJson } from './canonical-json.js';

/** The hash a chain starts from: the "previous hash" of its first link. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * One link of a tamper-evident chain: SHA-256 of the previous link's hash followed by the
 * canonical JSON of the value. Changing, removing or inserting a value changes every link after
 * it. The audit chain (events) and the access log (reads) both link with this.
 */
export function chainDigest(previous: string, value: unknown): string {
  return chainDigestOfText(previous, canonicalJson(value));
}

/** chainDigest of a value whose canonical JSON the caller wrote (it must be exactly canonicalJson's). */
export function chainDigestOfText(previous: string, canonical: string): string {
  // One-shot hash of previous + text: the same digest as two updates, a third cheaper per link.
  return hash('sha256', previous + canonical, 'hex');
}
