import { createSecretKey, type KeyObject } from 'node:crypto';
import { SignJWT, jwtVerify } from 'jose';
import { LruMap } from '#libs/platform/lru-map.js';
import { isRole, type Principal, type Role } from './roles.js';

const ISSUER = 'jejak';
const AUDIENCE = 'jejak-api';

const key = (secret: string): Uint8Array => new TextEncoder().encode(secret);

export async function signToken(
  secret: string,
  principal: { sub: string; role: Role; name?: string },
  expiresIn: string | number = '8h',
): Promise<string> {
  return new SignJWT({ role: principal.role, ...(principal.name ? { name: principal.name } : {}) })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(principal.sub)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(key(secret));
}

/** Verifies signature, algorithm, issuer, audience and expiry; the role must be one we know. */
async function verifyClaims(
  secret: KeyObject,
  token: string,
  now: number,
): Promise<{ principal: Principal; expiresAt: number }> {
  const { payload } = await jwtVerify(token, secret, {
    currentDate: new Date(now),
    algorithms: ['HS256'],
    issuer: ISSUER,
    audience: AUDIENCE,
  });
  if (!payload.sub) throw new Error('token has no subject');
  if (!isRole(payload.role)) throw new Error(`token has an unknown role: ${String(payload.role)}`);
  const principal = {
    sub: payload.sub,
    role: payload.role,
    ...(typeof payload.name === 'string' ? { name: payload.name } : {}),
  };
  return { principal, expiresAt: payload.exp === undefined ? Infinity : payload.exp * 1000 };
}

const REMEMBERED_TOKENS = 10_000;
const REMEMBER_AT_MOST_MS = 5 * 60_000;

/**
 * Verifies bearer tokens with the key imported once, and remembers tokens it has accepted until
 * they expire (at most five minutes, at most 10,000 tokens): a client sends the same token with
 * every request, and an HMAC-signed token that was valid stays valid until its expiry. Refused
 * tokens are never remembered.
 */
export class TokenVerifier {
  private readonly secret: KeyObject;
  private readonly accepted = new LruMap<string, { principal: Principal; until: number }>(REMEMBERED_TOKENS);

  constructor(
    secret: string,
    private readonly now: () => number = Date.now,
  ) {
    this.secret = createSecretKey(key(secret));
  }

  async verify(token: string): Promise<Principal> {
    const now = this.now();
    const known = this.accepted.get(token);
    if (known && known.until > now) return known.principal;
    if (known) this.accepted.delete(token);
    const { principal, expiresAt } = await verifyClaims(this.secret, token, now);
    this.accepted.set(token, { principal, until: Math.min(expiresAt, now + REMEMBER_AT_MOST_MS) });
    return principal;
  }
}
