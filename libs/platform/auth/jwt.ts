import { SignJWT, jwtVerify } from 'jose';
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
export async function verifyToken(secret: string, token: string): Promise<Principal> {
  const { payload } = await jwtVerify(token, key(secret), {
    algorithms: ['HS256'],
    issuer: ISSUER,
    audience: AUDIENCE,
  });
  if (!payload.sub) throw new Error('token has no subject');
  if (!isRole(payload.role)) throw new Error(`token has an unknown role: ${String(payload.role)}`);
  return { sub: payload.sub, role: payload.role, ...(typeof payload.name === 'string' ? { name: payload.name } : {}) };
}
