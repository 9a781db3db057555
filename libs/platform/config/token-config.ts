/** The bearer-token part of the configuration: local HS256, or an OIDC provider's keys. */
export interface TokenConfig {
  /** OIDC: the identity provider's JSON Web Key Set (RS256, ES256). Unset: HS256 with the local secret only. */
  jwksUrl: string | undefined;
  /** The provider's `iss` and `aud`: required with jwksUrl, unused without it (local tokens: jejak, jejak-api). */
  issuer: string | undefined;
  audience: string | undefined;
  /** Where an OIDC token carries the role (a string, or an array of which the first Jejak role counts). */
  rolesClaim: string;
  /** Where an OIDC token carries the actor written into events. */
  subjectClaim: string;
  /** Longest accepted lifetime: exp - iat, or exp - now for a token without iat. */
  maxLifetimeSeconds: number;
  /** How far ahead of this server's clock iat and nbf may be. */
  clockSkewSeconds: number;
  /** After a fetch of the keys, how long a token with an unknown kid waits before the next fetch. */
  jwksCooldownSeconds: number;
}

/**
 * A duration as 90 (seconds), 90s, 30m, 12h or 2d, in seconds; a leading minus gives a negative
 * one. undefined when the text is none of these.
 */
export function parseDurationSeconds(text: string): number | undefined {
  const match = /^(-?)(\d{1,9})\s*(s|m|h|d)?$/.exec(text.trim());
  if (!match) return undefined;
  const unit = { s: 1, m: 60, h: 3_600, d: 86_400 }[(match[3] ?? 's') as 's' | 'm' | 'h' | 'd'];
  return (match[1] ? -1 : 1) * Number(match[2]) * unit;
}

/** 43200 → "12h", 90 → "90s": the shortest exact way to write a duration. */
export function formatDuration(seconds: number): string {
  for (const [unit, size] of [
    ['d', 86_400],
    ['h', 3_600],
    ['m', 60],
  ] as const) {
    if (seconds !== 0 && seconds % size === 0) return `${seconds / size}${unit}`;
  }
  return `${seconds}s`;
}

const MAX_LIFETIME_RANGE = { min: 60, max: 7 * 86_400 };
const CLAIM_PATH = /^[^.\s]+(\.[^.\s]+)*$/;
const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/;

export function tokenConfig(
  text: (name: string) => string | undefined,
  int: (name: string, fallback: number, min: number, max: number) => number,
  problems: string[],
): TokenConfig {
  const jwksUrl = text('JWT_JWKS_URL');
  if (jwksUrl !== undefined) {
    let url: URL | undefined;
    try {
      url = new URL(jwksUrl);
    } catch {
      // reported below
    }
    if (!url || !(url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.test(url.hostname)))) {
      problems.push(
        `JWT_JWKS_URL=${jwksUrl}: expected the https:// URL of the identity provider's JSON Web Key Set ` +
          '(Keycloak: https://<host>/realms/<realm>/protocol/openid-connect/certs); http:// only on localhost',
      );
    }
  }
  const issuer = text('JWT_ISSUER');
  const audience = text('JWT_AUDIENCE');
  if (jwksUrl !== undefined) {
    if (issuer === undefined) {
      problems.push(
        "JWT_ISSUER: required with JWT_JWKS_URL, the identity provider's issuer (Keycloak: https://<host>/realms/<realm>)",
      );
    }
    if (audience === undefined) {
      problems.push(
        "JWT_AUDIENCE: required with JWT_JWKS_URL, the audience (aud) the identity provider gives Jejak's tokens",
      );
    }
  } else {
    for (const [name, value] of [
      ['JWT_ISSUER', issuer],
      ['JWT_AUDIENCE', audience],
    ] as const) {
      if (value !== undefined) {
        problems.push(
          `${name}=${value}: only read with JWT_JWKS_URL; set that too, or unset ${name} (local tokens are jejak's, for jejak-api)`,
        );
      }
    }
  }
  const claimPath = (name: string, fallback: string): string => {
    const value = text(name) ?? fallback;
    if (CLAIM_PATH.test(value)) return value;
    problems.push(`${name}=${value}: expected a claim name or a dotted path to one, such as realm_access.roles`);
    return fallback;
  };
  const rolesClaim = claimPath('JWT_ROLES_CLAIM', 'role');
  const subjectClaim = claimPath('JWT_SUBJECT_CLAIM', 'sub');
  let maxLifetimeSeconds = 12 * 3_600;
  const maxLifetime = text('JWT_MAX_LIFETIME');
  if (maxLifetime !== undefined) {
    const seconds = parseDurationSeconds(maxLifetime);
    if (seconds === undefined || seconds < MAX_LIFETIME_RANGE.min || seconds > MAX_LIFETIME_RANGE.max) {
      problems.push(
        `JWT_MAX_LIFETIME=${maxLifetime}: expected a duration from ${formatDuration(MAX_LIFETIME_RANGE.min)} ` +
          `to ${formatDuration(MAX_LIFETIME_RANGE.max)}, such as 12h, 30m or 3600 (seconds)`,
      );
    } else {
      maxLifetimeSeconds = seconds;
    }
  }
  return {
    jwksUrl,
    issuer,
    audience,
    rolesClaim,
    subjectClaim,
    maxLifetimeSeconds,
    clockSkewSeconds: int('JWT_CLOCK_SKEW_SECONDS', 60, 0, 300),
    jwksCooldownSeconds: int('JWT_JWKS_COOLDOWN_SECONDS', 30, 0, 3_600),
  };
}
