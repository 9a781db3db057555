import type { TokenConfig } from '#libs/platform/config/index.js';

/** Issuer and audience of the local HS256 tokens (npm run token). */
export const LOCAL_ISSUER = 'jejak';
export const LOCAL_AUDIENCE = 'jejak-api';

export interface TokenLimits {
  /** Longest accepted lifetime: exp - iat, or exp - now for a token without iat. */
  maxLifetimeSeconds: number;
  /** How far ahead of this server's clock iat and nbf may be (exp gets none). */
  clockSkewSeconds: number;
}

export const DEFAULT_TOKEN_LIMITS: TokenLimits = { maxLifetimeSeconds: 12 * 3_600, clockSkewSeconds: 60 };

/** The embedded default: HS256 tokens signed with the local secret, issued by jejak for jejak-api. */
export interface LocalTokens extends Partial<TokenLimits> {
  kind: 'local';
  secret: string;
}

/** An OpenID Connect provider's tokens (RS256, ES256), its keys fetched from its JWKS. */
export interface OidcTokens extends Partial<TokenLimits> {
  kind: 'oidc';
  jwksUrl: string;
  issuer: string;
  audience: string;
  /** Dotted path to the role: a string, or an array of which the first Jejak role counts. Default `role`. */
  rolesClaim?: string;
  /** Dotted path to the subject, the actor written into events. Default `sub`. */
  subjectClaim?: string;
  /** jose's cooldown: after a fetch, how long an unknown kid waits before the next one. Default 30 s. */
  jwksCooldownSeconds?: number;
}

export type TokenSettings = LocalTokens | OidcTokens;

/** The token settings of the configuration; the secret is only used without JWT_JWKS_URL. */
export function tokenSettings(config: TokenConfig, secret: string): TokenSettings {
  const limits = { maxLifetimeSeconds: config.maxLifetimeSeconds, clockSkewSeconds: config.clockSkewSeconds };
  if (config.jwksUrl === undefined) return { kind: 'local', secret, ...limits };
  return {
    kind: 'oidc',
    jwksUrl: config.jwksUrl,
    issuer: config.issuer!,
    audience: config.audience!,
    rolesClaim: config.rolesClaim,
    subjectClaim: config.subjectClaim,
    jwksCooldownSeconds: config.jwksCooldownSeconds,
    ...limits,
  };
}

/** The token was refused; the message names the rule it broke. */
export class TokenRefused extends Error {
  override readonly name = 'TokenRefused';
}

/** The identity provider's keys could not be fetched or used: no fault of the token. */
export class TokenKeysUnavailable extends Error {
  override readonly name = 'TokenKeysUnavailable';
}
