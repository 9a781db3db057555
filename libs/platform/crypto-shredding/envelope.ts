import { createCipheriv, createDecipheriv, randomFillSync } from 'node:crypto';

/**
 * One envelope per event: the event's personal values, as one JSON array in path order, sealed
 * with AES-256-GCM under the owner's key, the event id as associated data (a sealed value cannot
 * be moved to another event). Stored as `data.$enc = { k, p, c }`: the key id, the paths and base64 of
 * iv (12 bytes) | tag (16 bytes) | ciphertext.
 */
export interface Envelope {
  k: string;
  /** The paths sealed, as declared when the event was written (declarations may grow later). */
  p: string[];
  c: string;
}

export const ENVELOPE_FIELD = '$enc';

/**
 * IVs are cut from random bytes drawn 4 KiB at a time from the system's generator: one call into
 * it per 341 envelopes instead of one each (`randomBytes(12)` was a fifth of sealing's time). Each
 * IV is fresh random bytes used once, as before.
 */
const ivPool = Buffer.alloc(4_096);
let ivUsed = ivPool.length;

/** 12 fresh random bytes, a view of the pool valid until the next call (createCipheriv copies it). */
function freshIv(): Buffer {
  if (ivUsed + 12 > ivPool.length) {
    randomFillSync(ivPool);
    ivUsed = 0;
  }
  ivUsed += 12;
  return ivPool.subarray(ivUsed - 12, ivUsed);
}

export function seal(
  key: Buffer,
  keyId: string,
  paths: readonly string[],
  eventId: string,
  values: readonly unknown[],
): Envelope {
  const iv = freshIv();
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(eventId));
  const body = Buffer.concat([cipher.update(JSON.stringify(values), 'utf8'), cipher.final()]);
  return { k: keyId, p: [...paths], c: Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64') };
}

export function open(key: Buffer, eventId: string, envelope: Envelope): unknown[] {
  const raw = Buffer.from(envelope.c, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
  decipher.setAAD(Buffer.from(eventId));
  decipher.setAuthTag(raw.subarray(12, 28));
  const text = Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  return JSON.parse(text) as unknown[];
}

export function isEnvelope(value: unknown): value is Envelope {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Envelope).k === 'string' &&
    typeof (value as Envelope).c === 'string' &&
    Array.isArray((value as Envelope).p)
  );
}
