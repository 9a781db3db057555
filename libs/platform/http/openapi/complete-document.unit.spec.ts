import { describe, expect, it } from '@jest/globals';
import type { OpenAPIObject } from '@nestjs/swagger';
import { SCOPE, completeDocument } from './complete-document.js';
import { ROUTE_KIND } from './route-kind.js';
import type { Json } from './json.js';

const ok = (schema: string) => ({ description: '', content: { 'application/json': { schema: { $ref: schema } } } });
const build = (): Json => ({
  openapi: '3.0.0',
  info: { title: 't', version: '1' },
  paths: {
    '/api/v1/things': {
      post: {
        tags: ['things'],
        'x-roles': ['caseworker'],
        [ROUTE_KIND]: { kind: 'command', creates: true },
        requestBody: {},
        responses: { 201: ok('C') },
      },
    },
    '/api/v1/things/{id}/changes': {
      post: {
        tags: ['things'],
        'x-roles': ['caseworker', 'supervisor'],
        'x-scope': [{ kind: 'household', param: 'id' }],
        [ROUTE_KIND]: { kind: 'command' },
        parameters: [{ name: 'id', in: 'path' }],
        requestBody: {},
        responses: { 200: ok('C') },
      },
    },
    '/api/v1/things/{id}/report': {
      get: {
        tags: ['things'],
        'x-roles': ['reporter'],
        [ROUTE_KIND]: { kind: 'read', csv: true },
        parameters: [
          { name: 'id', in: 'path' },
          { name: 'minPosition', in: 'query' },
        ],
        responses: { 200: ok('R') },
      },
    },
    '/health': { get: { responses: { 200: ok('H') } } },
  },
});
const codes = {
  things: { 404: ['THING.NOT_FOUND'], 409: ['THING.TAKEN'], 422: ['THING.RULE'] },
  [SCOPE]: { 404: ['HOUSEHOLD.NOT_FOUND'], 403: ['ACCESS.READ_ONLY'] },
};
const complete = () => completeDocument(build() as OpenAPIObject, codes) as Json;
const codesOf = (operation: Json, status: number) => operation.responses[status]?.['x-problem-codes'];

describe('completeDocument', () => {
  it('gives a creating command its statuses, Idempotency-Key but no If-Match, and ETag and Location', () => {
    const create = complete().paths['/api/v1/things'].post;
    expect(Object.keys(create.responses).sort()).toEqual([
      '201',
      '400',
      '401',
      '403',
      '404',
      '408',
      '409',
      '413',
      '414',
      '415',
      '422',
      '429',
      '431',
      '503',
    ]);
    expect(create.parameters.map((p: Json) => p.name)).toEqual(['Idempotency-Key']);
    expect(Object.keys(create.responses[201].headers)).toEqual(['ETag', 'Location']);
    expect(codesOf(create, 422)).toEqual(['IDEMPOTENCY.KEY_REUSED', 'THING.RULE']);
    expect(create.responses[409].content['application/problem+json'].schema).toEqual({
      $ref: '#/components/schemas/ProblemDto',
    });
    expect(create.responses[429].headers['Retry-After'].required).toBe(true);
    expect(create[ROUTE_KIND]).toBeUndefined();
  });

  it('gives a command on an existing resource If-Match and 412, the scope check its codes, and the roles in words', () => {
    const change = complete().paths['/api/v1/things/{id}/changes'].post;
    expect(change.parameters.map((p: Json) => p.name)).toEqual(['id', 'Idempotency-Key', 'If-Match']);
    expect(codesOf(change, 412)).toEqual(['STREAM.REVISION_MISMATCH']);
    expect(codesOf(change, 404)).toEqual(['HOUSEHOLD.NOT_FOUND', 'HTTP.NOT_FOUND', 'THING.NOT_FOUND']);
    expect(codesOf(change, 403)).toEqual(['ACCESS.READ_ONLY', 'AUTH.ROLE_NOT_ALLOWED']);
    expect(change.description).toBe("Roles: caseworker, supervisor. Scoped to the caller's reach by household.");
  });

  it('gives a read the read statuses only, CSV beside JSON, and 503 for a minPosition not reached', () => {
    const report = complete().paths['/api/v1/things/{id}/report'].get;
    expect(Object.keys(report.responses).sort()).toEqual(
      ['200', '400', '401', '403', '404', '408', '413', '414', '429', '431', '503'].sort(),
    );
    expect(Object.keys(report.responses[200].content)).toEqual(['application/json', 'text/csv']);
    expect(codesOf(report, 503)).toEqual(['AUTH.KEYS_UNAVAILABLE', 'READ_MODEL.NOT_CAUGHT_UP']);
  });

  it('marks a route without roles as needing no token, and adds only the transport statuses to it', () => {
    const health = complete().paths['/health'].get;
    expect(health.security).toEqual([]);
    expect(Object.keys(health.responses).sort()).toEqual(['200', '408', '413', '414', '431']);
  });

  it('gives every operation the transport statuses, by reference to one problem response each', () => {
    const document = complete();
    const refs = { 408: 'RequestTimeout', 413: 'ContentTooLarge', 414: 'UriTooLong', 431: 'HeadersTooLarge' };
    expect(document.paths['/health'].get.responses[431]).toEqual({ $ref: '#/components/responses/HeadersTooLarge' });
    expect(document.paths['/api/v1/things/{id}/report'].get.responses[408]).toEqual({
      $ref: '#/components/responses/RequestTimeout',
    });
    // A command keeps its own 413 (same code, inline).
    expect(codesOf(document.paths['/api/v1/things'].post, 413)).toEqual(['REQUEST.BODY_TOO_LARGE']);
    expect(Object.keys(document.components.responses).sort()).toEqual(Object.values(refs).sort());
    for (const [status, name] of Object.entries(refs)) {
      const response = document.components.responses[name];
      expect(response.content['application/problem+json'].schema).toEqual({ $ref: '#/components/schemas/ProblemDto' });
      expect(response.content['application/problem+json'].example.status).toBe(Number(status));
    }
    expect(document.components.responses.UriTooLong['x-problem-codes']).toEqual(['REQUEST.URI_TOO_LONG']);
  });
});
