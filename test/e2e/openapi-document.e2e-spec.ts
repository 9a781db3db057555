import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CLIENT_TYPES, clientTypes } from '../../scripts/openapi-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import type { Json } from '#libs/platform/http/openapi/json.js';

const ROOT = resolve(import.meta.dirname, '../..');
const committed = () => JSON.parse(readFileSync(resolve(ROOT, 'docs/openapi.json'), 'utf8')) as Json;
const operations = (document: Json) =>
  Object.entries(document.paths as Json).flatMap(([path, item]) =>
    Object.entries(item as Json).map(([method, operation]) => ({
      name: `${method.toUpperCase()} ${path}`,
      operation: operation as Json,
    })),
  );

/** A response, or the one under components.responses it refers to. */
const resolved = (document: Json, response: Json | undefined): Json | undefined =>
  typeof response?.$ref === 'string'
    ? (document.components.responses as Json)[response.$ref.replace('#/components/responses/', '')]
    : response;

/** The contract as served, held to the committed document, and the committed client to both. */
describe('the OpenAPI document', () => {
  let t: TestApp;
  let served: Json;

  beforeAll(async () => {
    t = await startTestApp();
    served = (await t.http.get('/docs/openapi.json').expect(200)).body as Json;
  });
  afterAll(async () => t.close());

  it('is the committed docs/openapi.json (run npm run openapi after changing the contract, and review the diff)', () => {
    expect(served).toEqual(committed());
  });

  it('names a success body for every operation', () => {
    const without = operations(served)
      .filter(({ operation }) => {
        const success = Object.entries(operation.responses as Json).filter(([status]) => status.startsWith('2'));
        return !success.some(([, r]) => Object.values((r as Json).content ?? {}).some((m) => (m as Json).schema));
      })
      .map(({ name }) => name);
    expect(without).toEqual([]);
  });

  it('gives every operation with a token its roles, in x-roles and in words, and its problem answers', () => {
    const lacking = operations(served)
      .filter(({ operation }) => operation.security?.length !== 0)
      .filter(({ operation }) => {
        const roles = operation['x-roles'] as string[] | undefined;
        const problems = Object.entries(operation.responses as Json)
          .filter(([s]) => /^[45]/.test(s))
          .map(([s, r]) => [s, resolved(served, r as Json)] as const);
        return (
          !roles?.length ||
          !String(operation.description).includes(`Roles: ${roles.join(', ')}.`) ||
          !['401', '403', '429'].every((s) => (operation.responses as Json)[s]) ||
          !problems.every(([, r]) => (r as Json).content?.['application/problem+json'])
        );
      })
      .map(({ name }) => name);
    expect(lacking).toEqual([]);
  });

  it('lists the statuses Node and Fastify answer before any route (408, 413, 414, 431) on every operation', () => {
    const lacking = operations(served)
      .filter(({ operation }) =>
        ['408', '413', '414', '431'].some(
          (s) => !resolved(served, (operation.responses as Json)[s])?.content?.['application/problem+json'],
        ),
      )
      .map(({ name }) => name);
    expect(lacking).toEqual([]);
  });

  it('has committed client types that are a fresh generation from the committed document', async () => {
    expect(readFileSync(resolve(ROOT, CLIENT_TYPES), 'utf8')).toEqual(await clientTypes(committed()));
  });
});
