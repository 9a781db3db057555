import { describe, expect, it } from '@jest/globals';
import { OpenApiResponses, type CheckedResponse } from './openapi-responses.js';

const document = {
  openapi: '3.0.0',
  paths: {
    '/api/v1/things/{id}': {
      get: {
        responses: {
          200: {
            description: 'A thing',
            headers: { ETag: { required: true, schema: { type: 'string' } } },
            content: {
              'application/json': { schema: { $ref: '#/components/schemas/Thing' } },
              'text/csv': { schema: { type: 'string' } },
            },
          },
          404: {
            description: 'None',
            content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDto' } } },
          },
        },
      },
    },
  },
  components: {
    schemas: {
      Thing: {
        type: 'object',
        required: ['id', 'note'],
        properties: { id: { type: 'string', format: 'uuid' }, note: { type: 'string', nullable: true } },
      },
      ProblemDto: {
        type: 'object',
        required: ['status', 'code'],
        properties: { status: { type: 'integer' }, code: { type: 'string' } },
      },
    },
  },
};

const ID = '0f8e0c1e-6a59-4c52-9d7e-2b8b8c1f1a10';
const thing = (over: Partial<CheckedResponse> = {}): CheckedResponse => ({
  method: 'get',
  url: `/api/v1/things/${ID}?x=1`,
  status: 200,
  headers: { 'content-type': 'application/json; charset=utf-8', etag: '"0"' },
  body: { id: ID, note: null },
  text: JSON.stringify({ id: ID, note: null }),
  ...over,
});

describe('the response check against the OpenAPI document', () => {
  const responses = new OpenApiResponses(document);

  it('passes what the document describes: JSON with nullable fields, CSV, a problem', () => {
    expect(() => responses.check(thing())).not.toThrow();
    expect(() =>
      responses.check(thing({ headers: { 'content-type': 'text/csv', etag: '"0"' }, body: {}, text: 'a,b' })),
    ).not.toThrow();
    const problem = { status: 404, code: 'THING.NOT_FOUND' };
    expect(() =>
      responses.check(
        thing({
          status: 404,
          headers: { 'content-type': 'application/problem+json' },
          body: problem,
          text: JSON.stringify(problem),
        }),
      ),
    ).not.toThrow();
  });

  it('fails a status the operation does not list', () => {
    expect(() => responses.check(thing({ status: 409 }))).toThrow(/lists 200, 404 only/);
  });

  it('fails a media type the status does not list', () => {
    expect(() => responses.check(thing({ headers: { 'content-type': 'text/html', etag: '"0"' } }))).toThrow(
      /text\/html/,
    );
  });

  it('fails a body that does not match the schema', () => {
    expect(() => responses.check(thing({ body: { id: 'not-a-uuid', note: 3 } }))).toThrow(/does not match/);
  });

  it('fails a missing required header', () => {
    expect(() => responses.check(thing({ headers: { 'content-type': 'application/json' } }))).toThrow(/ETag/);
  });

  it('fails a method or path the document does not have, unless the router refused it as problem+json', () => {
    expect(() => responses.check(thing({ method: 'post' }))).toThrow(/no operation/);
    const problem = { status: 404, code: 'HTTP.NOT_FOUND' };
    expect(() =>
      responses.check(
        thing({
          url: '/api/v1/nothing',
          status: 404,
          headers: { 'content-type': 'application/problem+json' },
          body: problem,
          text: JSON.stringify(problem),
        }),
      ),
    ).not.toThrow();
  });

  it('leaves out only the paths outside the document by design (/docs)', () => {
    expect(() =>
      responses.check(thing({ url: '/docs', status: 200, headers: { 'content-type': 'text/html' } })),
    ).not.toThrow();
  });
});
