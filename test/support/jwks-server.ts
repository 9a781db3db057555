import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT, exportJWK, generateKeyPair, type CryptoKey, type JWK, type JWTPayload } from 'jose';

/** A key pair of a test identity provider: the private key signs, the public JWK is served. */
export interface ProviderKey {
  kid: string;
  alg: 'RS256' | 'ES256';
  privateKey: CryptoKey;
  jwk: JWK;
}

export async function providerKey(alg: ProviderKey['alg'], kid: string): Promise<ProviderKey> {
  const { publicKey, privateKey } = await generateKeyPair(alg);
  return { kid, alg, privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' } };
}

/** A token signed with `key`, naming `kid` (the key's own unless given); the claims exactly as given. */
export function signWith(key: ProviderKey, claims: JWTPayload, kid: string = key.kid): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg: key.alg, kid, typ: 'JWT' }).sign(key.privateKey);
}

export interface JwksServer {
  /** http://127.0.0.1:<port>/certs */
  url: string;
  /** The keys served: push one to rotate. */
  keys: JWK[];
  /** How many times the key set was fetched. */
  fetches(): number;
  close(): Promise<void>;
}

/** A JSON Web Key Set on 127.0.0.1 (a free port), as an identity provider serves it. */
export async function serveJwks(keys: JWK[]): Promise<JwksServer> {
  let fetches = 0;
  const served = [...keys];
  const server = createServer((request, response) => {
    if (request.url !== '/certs') {
      response.writeHead(404).end();
      return;
    }
    fetches += 1;
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: served }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/certs`,
    keys: served,
    fetches: () => fetches,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
