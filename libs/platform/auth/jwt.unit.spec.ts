import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SignJWT, type JWTPayload } from 'jose';
import {
  providerKey,
  serveJwks,
  signWith,
  type JwksServer,
  type ProviderKey,
} from '../../../test/support/jwks-server.js';
import { TokenKeysUnavailable, TokenRefused, TokenVerifier, signToken, type OidcTokens } from './jwt.js';

const SECRET = 'unit-secret-unit-secret-unit-secret-1234';
const NOW = 1_780_000_000; // seconds: the verifiers below read this clock
const HOUR = 3_600;

describe('TokenVerifier', () => {
  it('accepts a valid token, and again from memory, with the same principal', async () => {
    const verifier = new TokenVerifier({ kind: 'local', secret: SECRET });
    const token = await signToken(SECRET, { sub: 'cw-01', role: 'caseworker', name: 'Dewi' });
    const first = await verifier.verify(token);
    expect(first).toEqual({ sub: 'cw-01', role: 'caseworker', name: 'Dewi' });
    expect(await verifier.verify(token)).toBe(first);
  });

  it('refuses a token signed with another secret or altered, and keeps refusing it', async () => {
    const verifier = new TokenVerifier({ kind: 'local', secret: SECRET });
    const foreign = await signToken('another-secret-another-secret-another-12', { sub: 'x', role: 'supervisor' });
    await expect(verifier.verify(foreign)).rejects.toThrow(/signature/);
    await expect(verifier.verify(foreign)).rejects.toThrow(/signature/);
    const [header, , signature] = (await signToken(SECRET, { sub: 'cw-01', role: 'caseworker' })).split('.');
    const elevated = Buffer.from(JSON.stringify({ sub: 'cw-01', role: 'admin', iss: 'jejak', aud: 'jejak-api' }));
    await expect(verifier.verify(`${header}.${elevated.toString('base64url')}.${signature}`)).rejects.toThrow();
  });

  it('stops accepting a remembered token once it has expired', async () => {
    let now = Date.now();
    const verifier = new TokenVerifier({ kind: 'local', secret: SECRET }, () => now);
    const token = await signToken(SECRET, { sub: 'cw-01', role: 'caseworker' }, '60s');
    await verifier.verify(token);
    now += 30_000;
    await expect(verifier.verify(token)).resolves.toMatchObject({ sub: 'cw-01' });
    now += 31_000;
    await expect(verifier.verify(token)).rejects.toThrow(/expired \(exp/);
  });

  it('signs tokens whose lifetime is exactly the one asked for', async () => {
    const token = await signToken(SECRET, { sub: 'cw-01', role: 'caseworker' }, '12h');
    const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as JWTPayload;
    expect(claims.exp! - claims.iat!).toBe(12 * HOUR);
    await expect(signToken(SECRET, { sub: 'x', role: 'admin' }, 'a while')).rejects.toThrow(/expiresIn/);
  });
});

/** Local HS256 tokens with exactly these claims (undefined leaves one out). */
const local = (claims: JWTPayload, alg = 'HS256') =>
  new SignJWT({
    sub: 'cw-01',
    role: 'caseworker',
    iss: 'jejak',
    aud: 'jejak-api',
    iat: NOW,
    exp: NOW + HOUR,
    ...claims,
  })
    .setProtectedHeader({ alg, typ: 'JWT' })
    .sign(new TextEncoder().encode(SECRET));

describe('the rules every token follows', () => {
  const verifier = (limits: { maxLifetimeSeconds?: number; clockSkewSeconds?: number } = {}) =>
    new TokenVerifier({ kind: 'local', secret: SECRET, ...limits }, () => NOW * 1000);
  const refusal = async (token: Promise<string>, limits = {}) => {
    const error = await verifier(limits)
      .verify(await token)
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(TokenRefused);
    return (error as Error).message;
  };

  it('refuses a token without exp', async () => {
    expect(await refusal(local({ exp: undefined }))).toBe('it has no expiry (exp): every token must expire');
  });

  it('refuses a lifetime longer than the maximum, exp - iat or exp - now without iat', async () => {
    await expect(verifier().verify(await local({ exp: NOW + 12 * HOUR }))).resolves.toMatchObject({ sub: 'cw-01' });
    expect(await refusal(local({ exp: NOW + 12 * HOUR + 1 }))).toMatch(
      /^its lifetime \(exp - iat\) of 43201s is longer than the maximum of 12h \(JWT_MAX_LIFETIME\)$/,
    );
    // Issued an hour ago for 12 hours and a half: still too long, though only 11.5 hours are left.
    expect(await refusal(local({ iat: NOW - HOUR, exp: NOW + 11.5 * HOUR }))).toMatch(/lifetime \(exp - iat\) of 750m/);
    expect(await refusal(local({ iat: undefined, exp: NOW + 13 * HOUR }))).toMatch(
      /lifetime \(exp - now without iat\) of 13h is longer than the maximum of 12h/,
    );
    expect(await refusal(local({ exp: NOW + 2 * HOUR }), { maxLifetimeSeconds: HOUR })).toMatch(
      /of 2h is longer than the maximum of 1h/,
    );
  });

  it('refuses a token issued in the future beyond the clock skew', async () => {
    await expect(verifier().verify(await local({ iat: NOW + 60 }))).resolves.toMatchObject({ sub: 'cw-01' });
    expect(await refusal(local({ iat: NOW + 61 }))).toBe(
      "it was issued in the future (iat is 61 s ahead of this server's clock; the allowed clock skew is 60 s)",
    );
    expect(await refusal(local({ iat: NOW + 5 }), { clockSkewSeconds: 0 })).toMatch(/issued in the future/);
  });

  it('refuses a token that becomes valid (nbf) in the future beyond the clock skew', async () => {
    await expect(verifier().verify(await local({ nbf: NOW + 60 }))).resolves.toMatchObject({ sub: 'cw-01' });
    expect(await refusal(local({ nbf: NOW + 300 }))).toBe(
      "it is not valid yet (nbf is 300 s ahead of this server's clock; the allowed clock skew is 60 s)",
    );
  });

  it('refuses an expired token without leeway', async () => {
    expect(await refusal(local({ iat: NOW - HOUR, exp: NOW }))).toBe('it has expired (exp 2026-05-28T20:26:40.000Z)');
    expect(await refusal(local({ iat: NOW - 2 * HOUR, exp: NOW - HOUR }))).toMatch(/^it has expired/);
  });

  it('refuses another issuer or audience than jejak, jejak-api', async () => {
    expect(await refusal(local({ iss: 'https://sso.example.org/realms/other' }))).toBe(
      'its issuer (iss) "https://sso.example.org/realms/other" is not the expected "jejak"',
    );
    expect(await refusal(local({ aud: ['account', 'other-api'] }))).toBe(
      'its audience (aud) ["account","other-api"] does not include "jejak-api"',
    );
    expect(await refusal(local({ aud: undefined }))).toBe('it has no aud claim');
  });

  it('refuses a role it does not know and a token without subject', async () => {
    expect(await refusal(local({ role: 'superuser' }))).toMatch(/no Jejak role .* at role: found "superuser"/);
    expect(await refusal(local({ sub: undefined }))).toBe('it has no subject at sub');
  });

  it('refuses what is not a JWT at all', async () => {
    expect(await refusal(Promise.resolve('not-a-token'))).toMatch(/^it is not a well-formed JWT/);
  });
});

describe('algorithms: no confusion between the local secret and the identity provider', () => {
  let rsa: ProviderKey;
  let jwks: JwksServer;
  beforeAll(async () => {
    rsa = await providerKey('RS256', 'rsa-1');
    jwks = await serveJwks([rsa.jwk]);
  });
  afterAll(() => jwks.close());

  it('without JWT_JWKS_URL, refuses RS256 even with good claims, and an unsigned token', async () => {
    const verifier = new TokenVerifier({ kind: 'local', secret: SECRET }, () => NOW * 1000);
    const claims = { sub: 'cw-01', role: 'admin', iss: 'jejak', aud: 'jejak-api', iat: NOW, exp: NOW + HOUR };
    await expect(verifier.verify(await signWith(rsa, claims))).rejects.toThrow(
      "its algorithm RS256 is not accepted: only HS256 tokens signed with this service's secret are (JWT_JWKS_URL is not set)",
    );
    const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.`;
    await expect(verifier.verify(none)).rejects.toThrow(/algorithm none is not accepted/);
  });

  it('with JWT_JWKS_URL, refuses HS256 before fetching any key', async () => {
    const verifier = new TokenVerifier(
      { kind: 'oidc', jwksUrl: jwks.url, issuer: 'jejak', audience: 'jejak-api' },
      () => NOW * 1000,
    );
    await expect(verifier.verify(await local({}))).rejects.toThrow(
      'its algorithm HS256 is not accepted: only RS256 and ES256 tokens of the identity provider are (JWT_JWKS_URL is set)',
    );
    expect(jwks.fetches()).toBe(0);
  });
});

describe('OIDC tokens', () => {
  const ISSUER = 'https://sso.example.org/realms/jejak';
  let rsa: ProviderKey;
  let ec: ProviderKey;
  let jwks: JwksServer;
  let settings: OidcTokens;
  beforeAll(async () => {
    [rsa, ec] = await Promise.all([providerKey('RS256', 'rsa-1'), providerKey('ES256', 'ec-1')]);
    jwks = await serveJwks([rsa.jwk, ec.jwk]);
    settings = {
      kind: 'oidc',
      jwksUrl: jwks.url,
      issuer: ISSUER,
      audience: 'jejak-api',
      rolesClaim: 'realm_access.roles',
      subjectClaim: 'preferred_username',
    };
  });
  afterAll(() => jwks.close());

  const keycloak = (claims: JWTPayload = {}): JWTPayload => ({
    iss: ISSUER,
    aud: ['jejak-api', 'account'],
    sub: 'f3a1c9e2-0000-4000-8000-000000000001',
    preferred_username: 'dewi',
    name: 'Dewi Lestari',
    realm_access: { roles: ['offline_access', 'default-roles-jejak', 'supervisor', 'caseworker'] },
    iat: NOW,
    exp: NOW + 300,
    ...claims,
  });
  const verifier = () => new TokenVerifier(settings, () => NOW * 1000);

  it('takes the subject and the first Jejak role from the configured claims, with RS256 and ES256', async () => {
    const v = verifier();
    const principal = { sub: 'dewi', role: 'supervisor', name: 'Dewi Lestari' };
    expect(await v.verify(await signWith(rsa, keycloak()))).toEqual(principal);
    expect(await v.verify(await signWith(ec, keycloak()))).toEqual(principal);
    expect(jwks.fetches()).toBe(1);
  });

  it('refuses another issuer or audience, and a token without a Jejak role or subject', async () => {
    const v = verifier();
    await expect(
      v.verify(await signWith(rsa, keycloak({ iss: 'https://sso.example.org/realms/other' }))),
    ).rejects.toThrow(`its issuer (iss) "https://sso.example.org/realms/other" is not the expected "${ISSUER}"`);
    await expect(v.verify(await signWith(ec, keycloak({ aud: 'account' })))).rejects.toThrow(
      'its audience (aud) "account" does not include "jejak-api"',
    );
    await expect(
      v.verify(await signWith(rsa, keycloak({ realm_access: { roles: ['offline_access'] } }))),
    ).rejects.toThrow(
      /no Jejak role \(caseworker, supervisor, auditor, reporter, admin\) at realm_access.roles: found \["offline_access"\]/,
    );
    await expect(v.verify(await signWith(rsa, keycloak({ realm_access: undefined })))).rejects.toThrow(
      /no Jejak role .* at realm_access.roles$/,
    );
    await expect(v.verify(await signWith(rsa, keycloak({ preferred_username: undefined })))).rejects.toThrow(
      'it has no subject at preferred_username',
    );
  });

  it('applies the lifetime and clock rules to the provider tokens too', async () => {
    const v = verifier();
    await expect(v.verify(await signWith(rsa, keycloak({ exp: undefined })))).rejects.toThrow(/no expiry/);
    await expect(v.verify(await signWith(rsa, keycloak({ exp: NOW + 24 * HOUR })))).rejects.toThrow(/lifetime/);
    await expect(v.verify(await signWith(rsa, keycloak({ iat: NOW + 600 })))).rejects.toThrow(/issued in the future/);
  });

  it('refuses a token signed with another key, under a known kid or an unknown one', async () => {
    const stranger = await providerKey('RS256', 'rsa-1');
    await expect(verifier().verify(await signWith(stranger, keycloak()))).rejects.toThrow(/signature/);
    await expect(verifier().verify(await signWith(stranger, keycloak(), 'rsa-9'))).rejects.toThrow(
      "no key of the identity provider's key set (JWT_JWKS_URL) matches its kid and alg",
    );
  });

  it('says the keys are unavailable, not that the token is bad, when the key set cannot be fetched', async () => {
    const gone = await serveJwks([]);
    await gone.close();
    const error = await new TokenVerifier({ ...settings, jwksUrl: gone.url }, () => NOW * 1000)
      .verify(await signWith(rsa, keycloak()))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TokenKeysUnavailable);
    expect((error as Error).message).toMatch(
      /^the identity provider's keys \(JWT_JWKS_URL\) could not be fetched or read/,
    );
  });
});
