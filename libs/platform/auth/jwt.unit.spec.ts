import { describe, expect, it } from '@jest/globals';
import { TokenVerifier, signToken } from './jwt.js';

const SECRET = 'unit-secret-unit-secret-unit-secret-1234';

describe('TokenVerifier', () => {
  it('accepts a valid token, and again from memory, with the same principal', async () => {
    const verifier = new TokenVerifier(SECRET);
    const token = await signToken(SECRET, { sub: 'cw-01', role: 'caseworker', name: 'Dewi' });
    const first = await verifier.verify(token);
    expect(first).toEqual({ sub: 'cw-01', role: 'caseworker', name: 'Dewi' });
    expect(await verifier.verify(token)).toBe(first);
  });

  it('refuses a token signed with another secret or altered, and keeps refusing it', async () => {
    const verifier = new TokenVerifier(SECRET);
    const foreign = await signToken('another-secret-another-secret-another-12', { sub: 'x', role: 'supervisor' });
    await expect(verifier.verify(foreign)).rejects.toThrow(/signature/);
    await expect(verifier.verify(foreign)).rejects.toThrow(/signature/);
    const [header, , signature] = (await signToken(SECRET, { sub: 'cw-01', role: 'caseworker' })).split('.');
    const elevated = Buffer.from(JSON.stringify({ sub: 'cw-01', role: 'admin', iss: 'jejak', aud: 'jejak-api' }));
    await expect(verifier.verify(`${header}.${elevated.toString('base64url')}.${signature}`)).rejects.toThrow();
  });

  it('stops accepting a remembered token once it has expired', async () => {
    let now = Date.now();
    const verifier = new TokenVerifier(SECRET, () => now);
    const token = await signToken(SECRET, { sub: 'cw-01', role: 'caseworker' }, '60s');
    await verifier.verify(token);
    now += 30_000;
    await expect(verifier.verify(token)).resolves.toMatchObject({ sub: 'cw-01' });
    now += 31_000;
    await expect(verifier.verify(token)).rejects.toThrow(/exp/);
  });
});
