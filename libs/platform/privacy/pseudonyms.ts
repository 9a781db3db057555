import { createHmac } from 'node:crypto';
import type { PseudonymKey } from './pseudonym-key.js';

/**
 * Keyed pseudonyms (HMAC-SHA256): the same person or household always gets the same one under a
 * key, so jobs can join across events and topics, and no one without the key can compute one
 * from a NIK (whose few billion values a plain hash gives away in seconds). The kind is part of
 * the input, so a person's and a household's pseudonym never coincide.
 */
export class Pseudonyms {
  constructor(private readonly key: PseudonymKey) {}

  get keyId(): string {
    return this.key.id;
  }

  person(nik: string): string {
    return `p_${this.mac('person', nik)}`;
  }

  household(householdId: string): string {
    return `h_${this.mac('household', householdId)}`;
  }

  private mac(kind: string, value: string): string {
    return createHmac('sha256', this.key.secret).update(`${kind}\u0000${value}`).digest('hex').slice(0, 32);
  }
}
