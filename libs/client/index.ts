/**
 * A typed client of the Jejak API, generated from docs/openapi.json (openapi-typescript) and
 * driven by openapi-fetch: what a client developer would use, so the document is proven usable.
 */
import createClient, { type Middleware } from 'openapi-fetch';
import type { components, paths } from './generated/openapi.js';

export type { components, paths };
export type JejakClient = ReturnType<typeof createClient<paths>>;

export interface JejakClientOptions {
  baseUrl: string;
  /** A bearer token (npm run token). */
  token?: string;
  /** Another fetch (a test's, or one over an in-process server). */
  fetch?: typeof fetch;
  /** Runs on every response (a test checks each against the document). */
  onResponse?: Middleware['onResponse'];
}

export function jejakClient({ baseUrl, token, fetch, onResponse }: JejakClientOptions): JejakClient {
  const client = createClient<paths>({
    baseUrl,
    ...(fetch ? { fetch } : {}),
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  if (onResponse) client.use({ onResponse });
  return client;
}
