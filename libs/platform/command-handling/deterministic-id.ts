import { createHash, randomUUID } from 'node:crypto';

/** A UUID (version 8, RFC 9562) derived from a name: the same name always gives the same id. */
export function uuidFromName(name: string): string {
  const hex = createHash('sha256').update(name).digest('hex').slice(0, 32).split('');
  hex[12] = '8';
  hex[16] = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  const h = hex.join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** With an idempotency key, a retried command produces the same ids; without, fresh ones. */
export function idFor(idempotencyKey: string | undefined, actor: string, purpose: string): string {
  return idempotencyKey ? uuidFromName(`${actor}\u0000${idempotencyKey}\u0000${purpose}`) : randomUUID();
}
