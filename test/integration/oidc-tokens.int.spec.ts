import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { JWTPayload } from 'jose';
import { providerKey, serveJwks, signWith, type JwksServer, type ProviderKey } from '../support/jwks-server.js';
import { giveWholeCity } from '../support/staff-areas.js';
import { household, startTestApp, type TestApp } from '../support/test-app.js';

/**
 * The real application in OIDC mode against a JSON Web Key Set served by this test, as Keycloak
 * serves one: tokens of the provider are accepted, its keys fetched, cached and refetched when it
 * rotates them; local HS256 tokens and tokens of any other key are refused.
 */
describe('OIDC tokens against the identity provider key set', () => {
  const ISSUER = 'http://127.0.0.1/realms/jejak';
  let t: TestApp;
  let jwks: JwksServer;
  let rsa: ProviderKey;
  let ec: ProviderKey;
  let jwksOpen = true;

  beforeAll(async () => {
    [rsa, ec] = await Promise.all([providerKey('RS256', 'rsa-1'), providerKey('ES256', 'ec-1')]);
    jwks = await serveJwks([rsa.jwk, ec.jwk]);
    t = await startTestApp({
      JWT_JWKS_URL: jwks.url,
      JWT_ISSUER: ISSUER,
      JWT_AUDIENCE: 'jejak-api',
      JWT_ROLES_CLAIM: 'realm_access.roles',
      JWT_SUBJECT_CLAIM: 'preferred_username',
      // An unknown kid refetches the keys at once (30 s after the last fetch by default).
      JWT_JWKS_COOLDOWN_SECONDS: '0',
    });
    // The provider's caseworkers register households: the city is their area.
    for (const sub of ['dewi', 'sari']) await giveWholeCity(t.app, 'caseworker', sub, t.clock.now().toISOString());
  });
  afterAll(async () => {
    await t.close();
    if (jwksOpen) await jwks.close();
  });

  /** A Keycloak access token: roles under realm_access.roles, among Keycloak's own. */
  const keycloak = (username: string, role: string, claims: JWTPayload = {}): JWTPayload => {
    const now = Math.floor(Date.now() / 1000);
    return {
      iss: ISSUER,
      aud: ['jejak-api', 'account'],
      sub: `${username}-uuid`,
      preferred_username: username,
      realm_access: { roles: ['offline_access', 'uma_authorization', role] },
      iat: now,
      exp: now + 300,
      ...claims,
    };
  };
  const register = (token: string) =>
    t.http
      .post('/api/v1/households')
      .set({ authorization: `Bearer ${token}` })
      .send(household());

  async function expectRefused(token: string, detail: RegExp) {
    const response = await register(token);
    expect(response.status).toBe(401);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.headers['www-authenticate']).toBe('Bearer error="invalid_token"');
    expect(response.body).toMatchObject({ status: 401, code: 'AUTH.TOKEN_INVALID' });
    expect(response.body.detail).toMatch(detail);
  }

  it('accepts RS256 and ES256 tokens of the provider; the actor is the configured subject claim', async () => {
    const created = await register(await signWith(rsa, keycloak('dewi', 'caseworker'))).expect(201);
    const history = await t.http
      .get(`/api/v1/households/${created.body.id}/history`)
      .set({ authorization: `Bearer ${await signWith(ec, keycloak('agus', 'auditor'))}` })
      .expect(200);
    expect(history.body.events[0].metadata).toMatchObject({ actor: 'dewi', role: 'caseworker' });
    expect(jwks.fetches()).toBe(1);
  });

  it('refuses a token signed with another key, and one of another issuer or audience', async () => {
    const stranger = await providerKey('RS256', 'rsa-1');
    await expectRefused(await signWith(stranger, keycloak('dewi', 'caseworker')), /signature/);
    await expectRefused(
      await signWith(rsa, keycloak('dewi', 'caseworker', { iss: 'http://127.0.0.1/realms/other' })),
      /issuer \(iss\)/,
    );
    await expectRefused(await signWith(rsa, keycloak('dewi', 'caseworker', { aud: 'account' })), /audience \(aud\)/);
  });

  it('refuses an HS256 token, even one signed with the local secret', async () => {
    await expectRefused(await t.token('caseworker'), /algorithm HS256 is not accepted.*JWT_JWKS_URL is set/);
  });

  it('refuses a token that lives longer than the maximum, and one issued in the future', async () => {
    const now = Math.floor(Date.now() / 1000);
    await expectRefused(
      await signWith(rsa, keycloak('dewi', 'caseworker', { exp: now + 13 * 3_600 })),
      /lifetime .* longer than the maximum of 12h \(JWT_MAX_LIFETIME\)/,
    );
    await expectRefused(
      await signWith(rsa, keycloak('dewi', 'caseworker', { iat: now + 600, exp: now + 900 })),
      /issued in the future/,
    );
  });

  it('picks up a key the provider adds (rotation): an unknown kid fetches the key set again', async () => {
    const rotated = await providerKey('RS256', 'rsa-2');
    const before = jwks.fetches();
    const token = await signWith(rotated, keycloak('sari', 'caseworker'));
    await expectRefused(token, /no key of the identity provider's key set/);
    jwks.keys.push(rotated.jwk);
    await register(token).expect(201);
    expect(jwks.fetches()).toBe(before + 2);
    await register(await signWith(rsa, keycloak('dewi', 'caseworker'))).expect(201);
    expect(jwks.fetches()).toBe(before + 2);
  });

  it('answers 503, not 401, while the key set cannot be fetched', async () => {
    await jwks.close();
    jwksOpen = false;
    const unknown = await providerKey('ES256', 'ec-2');
    const response = await register(await signWith(unknown, keycloak('dewi', 'caseworker')));
    expect(response.status).toBe(503);
    expect(response.body).toMatchObject({ code: 'AUTH.KEYS_UNAVAILABLE' });
    expect(response.body.detail).toMatch(/identity provider's keys \(JWT_JWKS_URL\) could not be fetched/);
    // Keys fetched before still verify the tokens they signed.
    await register(await signWith(ec, keycloak('dewi', 'caseworker'))).expect(201);
  });
});
