import { createSecretKey } from 'node:crypto';
import { createRemoteJWKSet, jwtVerify, type JWTPayload, type JWTVerifyGetKey, type JWTVerifyOptions } from 'jose';
import { LOCAL_AUDIENCE, LOCAL_ISSUER, TokenKeysUnavailable, type OidcTokens } from './token-settings.js';

/**
 * How a token is checked: the local mode (HS256 with this service's secret) or the OIDC mode
 * (RS256/ES256 with the identity provider's key set). One of them per process, chosen by
 * JWT_JWKS_URL, so that a token cannot choose how it is checked.
 */
const key = (secret: string): Uint8Array => new TextEncoder().encode(secret);
const OIDC_ALGORITHMS = ['RS256', 'ES256'];

export interface Mode {
  verify(token: string, options: JWTVerifyOptions): Promise<{ payload: JWTPayload }>;
  algorithms: string[];
  issuer: string;
  audience: string;
  role: string[];
  subject: string[];
  /** Why a token of another algorithm is refused. */
  onlyAlgorithms: string;
}

export function localMode(secret: string): Mode {
  const secretKey = createSecretKey(key(secret));
  return {
    verify: (token, options) => jwtVerify(token, secretKey, options),
    algorithms: ['HS256'],
    issuer: LOCAL_ISSUER,
    audience: LOCAL_AUDIENCE,
    role: ['role'],
    subject: ['sub'],
    onlyAlgorithms: "only HS256 tokens signed with this service's secret are (JWT_JWKS_URL is not set)",
  };
}

export function oidcMode(settings: OidcTokens): Mode {
  const keys = createRemoteJWKSet(new URL(settings.jwksUrl), {
    cooldownDuration: (settings.jwksCooldownSeconds ?? 30) * 1000,
  });
  // A token naming no key we know is refused; keys that cannot be fetched or read are not the token's fault.
  const resolve: JWTVerifyGetKey = async (header, token) => {
    try {
      return await keys(header, token);
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (code === 'ERR_JWKS_NO_MATCHING_KEY' || code === 'ERR_JWKS_MULTIPLE_MATCHING_KEYS') throw error;
      throw new TokenKeysUnavailable(
        `the identity provider's keys (JWT_JWKS_URL) could not be fetched or read: ${(error as Error).message}`,
        { cause: error },
      );
    }
  };
  return {
    verify: (token, options) => jwtVerify(token, resolve, options),
    algorithms: OIDC_ALGORITHMS,
    issuer: settings.issuer,
    audience: settings.audience,
    role: (settings.rolesClaim ?? 'role').split('.'),
    subject: (settings.subjectClaim ?? 'sub').split('.'),
    onlyAlgorithms: `only ${OIDC_ALGORITHMS.join(' and ')} tokens of the identity provider are (JWT_JWKS_URL is set)`,
  };
}

/** The value at a dotted path of own properties (realm_access.roles), or undefined. */
export function claimAt(payload: JWTPayload, path: readonly string[]): unknown {
  let value: unknown = payload;
  for (const name of path) {
    if (typeof value !== 'object' || value === null || Array.isArray(value) || !Object.hasOwn(value, name)) {
      return undefined;
    }
    value = (value as Record<string, unknown>)[name];
  }
  return value;
}
