import { SignJWT, decodeProtectedHeader, type JWTPayload } from 'jose';
import { formatDuration, parseDurationSeconds } from '#libs/platform/config/index.js';
import { LruMap } from '#libs/platform/lru-map.js';
import { ROLES, isRole, type Principal, type Role } from './roles.js';
import { claimAt, localMode, oidcMode, type Mode } from './token-modes.js';
import {
  DEFAULT_TOKEN_LIMITS,
  LOCAL_AUDIENCE,
  LOCAL_ISSUER,
  TokenKeysUnavailable,
  TokenRefused,
  type TokenLimits,
  type TokenSettings,
} from './token-settings.js';

export * from './token-settings.js';

const key = (secret: string): Uint8Array => new TextEncoder().encode(secret);

/**
 * A local HS256 token. `expiresIn` is its lifetime: seconds, or a duration such as 8h, 30m or 60s
 * (-1m makes one that has already expired). iat and exp come from one reading of the clock, so
 * exp - iat is exactly that lifetime.
 */
export async function signToken(
  secret: string,
  principal: { sub: string; role: Role; name?: string },
  expiresIn: string | number = '8h',
): Promise<string> {
  const lifetime = typeof expiresIn === 'number' ? expiresIn : parseDurationSeconds(expiresIn);
  if (lifetime === undefined || !Number.isInteger(lifetime)) {
    throw new TypeError(`expiresIn ${expiresIn}: expected seconds or a duration such as 8h, 30m or 60s`);
  }
  const issuedAt = Math.floor(Date.now() / 1000);
  return new SignJWT({ role: principal.role, ...(principal.name ? { name: principal.name } : {}) })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(principal.sub)
    .setIssuer(LOCAL_ISSUER)
    .setAudience(LOCAL_AUDIENCE)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + lifetime)
    .sign(key(secret));
}

/** The rules every token follows, whoever issued it. */
const REMEMBERED_TOKENS = 10_000;
const REMEMBER_AT_MOST_MS = 5 * 60_000;

/**
 * Verifies bearer tokens, and remembers tokens it has accepted until they expire (at most five
 * minutes, at most 10,000 tokens): a client sends the same token with every request, and a signed
 * token that was valid stays valid until its expiry. Refused tokens are never remembered.
 *
 * Without a JWKS URL only HS256 tokens signed with the local secret are accepted; with one, only
 * RS256 and ES256 tokens signed by a key of that set, so a token cannot choose how it is checked.
 * Every token must expire, within the maximum lifetime, and must not be issued (iat) or become
 * valid (nbf) further ahead of this server's clock than the allowed skew.
 */
export class TokenVerifier {
  private readonly mode: Mode;
  private readonly limits: TokenLimits;
  private readonly accepted = new LruMap<string, { principal: Principal; until: number }>(REMEMBERED_TOKENS);

  constructor(
    settings: TokenSettings,
    private readonly now: () => number = Date.now,
  ) {
    this.mode = settings.kind === 'local' ? localMode(settings.secret) : oidcMode(settings);
    this.limits = {
      maxLifetimeSeconds: settings.maxLifetimeSeconds ?? DEFAULT_TOKEN_LIMITS.maxLifetimeSeconds,
      clockSkewSeconds: settings.clockSkewSeconds ?? DEFAULT_TOKEN_LIMITS.clockSkewSeconds,
    };
  }

  async verify(token: string): Promise<Principal> {
    const now = this.now();
    const known = this.accepted.get(token);
    if (known && known.until > now) return known.principal;
    if (known) this.accepted.delete(token);
    const { principal, expiresAt } = await this.check(token, now);
    this.accepted.set(token, { principal, until: Math.min(expiresAt, now + REMEMBER_AT_MOST_MS) });
    return principal;
  }

  private async check(token: string, now: number): Promise<{ principal: Principal; expiresAt: number }> {
    const { mode } = this;
    const skew = this.limits.clockSkewSeconds;
    let payload: JWTPayload;
    try {
      // jose checks nbf with the skew; exp, iat and the lifetime are checked below.
      ({ payload } = await mode.verify(token, {
        currentDate: new Date(now),
        algorithms: mode.algorithms,
        issuer: mode.issuer,
        audience: mode.audience,
        clockTolerance: skew,
      }));
    } catch (error) {
      throw this.explain(error, token, now);
    }
    const seconds = now / 1000;
    const { exp, iat } = payload;
    if (exp === undefined) throw new TokenRefused('it has no expiry (exp): every token must expire');
    if (exp <= seconds) throw new TokenRefused(`it has expired (exp ${new Date(exp * 1000).toISOString()})`);
    if (iat !== undefined && iat > seconds + skew) {
      throw new TokenRefused(
        `it was issued in the future (iat is ${Math.ceil(iat - seconds)} s ahead of this server's clock; ` +
          `the allowed clock skew is ${skew} s)`,
      );
    }
    const max = this.limits.maxLifetimeSeconds;
    const lifetime = iat === undefined ? exp - seconds : exp - iat;
    if (lifetime > (iat === undefined ? max + skew : max)) {
      throw new TokenRefused(
        `its lifetime (${iat === undefined ? 'exp - now without iat' : 'exp - iat'}) of ` +
          `${formatDuration(Math.ceil(lifetime))} is longer than the maximum of ${formatDuration(max)} (JWT_MAX_LIFETIME)`,
      );
    }
    return { principal: this.principalOf(payload), expiresAt: exp * 1000 };
  }

  private principalOf(payload: JWTPayload): Principal {
    const sub = claimAt(payload, this.mode.subject);
    if (typeof sub !== 'string' || sub === '') {
      throw new TokenRefused(`it has no subject at ${this.mode.subject.join('.')}`);
    }
    const claimed = claimAt(payload, this.mode.role);
    const role = Array.isArray(claimed) ? claimed.find(isRole) : isRole(claimed) ? claimed : undefined;
    if (role === undefined) {
      throw new TokenRefused(
        `it has no Jejak role (${ROLES.join(', ')}) at ${this.mode.role.join('.')}` +
          (claimed === undefined ? '' : `: found ${JSON.stringify(claimed)}`),
      );
    }
    return { sub, role, ...(typeof payload.name === 'string' ? { name: payload.name } : {}) };
  }

  /** jose's error as the rule the token broke, in words an operator can act on. */
  private explain(error: unknown, token: string, now: number): Error {
    if (error instanceof TokenKeysUnavailable) return error;
    const { code, claim, reason, payload } = error as {
      code?: string;
      claim?: string;
      reason?: string;
      payload?: JWTPayload;
    };
    const message = (error as Error).message;
    switch (code) {
      case 'ERR_JOSE_ALG_NOT_ALLOWED': {
        let alg = 'of this token';
        try {
          alg = String(decodeProtectedHeader(token).alg);
        } catch {
          // the header was read once already; keep the generic words
        }
        return new TokenRefused(`its algorithm ${alg} is not accepted: ${this.mode.onlyAlgorithms}`);
      }
      case 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED':
        return new TokenRefused('its signature does not verify (signature verification failed)');
      case 'ERR_JWKS_NO_MATCHING_KEY':
        return new TokenRefused("no key of the identity provider's key set (JWT_JWKS_URL) matches its kid and alg");
      case 'ERR_JWKS_MULTIPLE_MATCHING_KEYS':
        return new TokenRefused("several keys of the identity provider's key set match it: it needs a kid");
      case 'ERR_JWT_EXPIRED':
        return new TokenRefused(
          `it has expired (exp${typeof payload?.exp === 'number' ? ` ${new Date(payload.exp * 1000).toISOString()}` : ''})`,
        );
      case 'ERR_JWT_CLAIM_VALIDATION_FAILED':
        if (reason === 'missing') return new TokenRefused(`it has no ${claim} claim`);
        if (claim === 'iss') {
          return new TokenRefused(
            `its issuer (iss) ${JSON.stringify(payload?.iss)} is not the expected ${JSON.stringify(this.mode.issuer)}`,
          );
        }
        if (claim === 'aud') {
          return new TokenRefused(
            `its audience (aud) ${JSON.stringify(payload?.aud)} does not include ${JSON.stringify(this.mode.audience)}`,
          );
        }
        if (claim === 'nbf' && reason === 'check_failed' && typeof payload?.nbf === 'number') {
          return new TokenRefused(
            `it is not valid yet (nbf is ${Math.ceil(payload.nbf - now / 1000)} s ahead of this server's clock; ` +
              `the allowed clock skew is ${this.limits.clockSkewSeconds} s)`,
          );
        }
        return new TokenRefused(`its ${claim} claim is not valid (${message})`);
      case 'ERR_JWS_INVALID':
      case 'ERR_JWT_INVALID':
        return new TokenRefused(`it is not a well-formed JWT (${message})`);
      default:
        return error instanceof Error ? error : new TokenRefused(String(error));
    }
  }
}
