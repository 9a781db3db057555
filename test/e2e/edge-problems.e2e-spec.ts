import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { expectProblem, rawRequest } from '../support/edge.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * Every error is RFC 9457 problem+json with a stable code, whatever layer raises it: Node's HTTP
 * parser (431, a malformed request), Fastify's router (414, a bad URL, 404), the body parsers.
 */
describe('the edge: problem+json from every layer', () => {
  let t: TestApp;
  let caseworker: string;

  beforeAll(async () => {
    t = await startTestApp();
    await t.app.listen(0, '127.0.0.1');
    caseworker = await t.token('caseworker', 'cw-problems');
  });
  afterAll(async () => t.close());

  it('answers an over-long path parameter with 414', async () => {
    const response = await rawRequest(
      t,
      `GET /api/v1/households/${'a'.repeat(300)} HTTP/1.1\r\nauthorization: Bearer ${caseworker}`,
    );
    const problem = expectProblem(response, 414, 'REQUEST.URI_TOO_LONG');
    expect(response.body).not.toContain('a'.repeat(300));
    expect(problem.instance).toBeUndefined();
  });

  it('answers headers that are too large with 431', async () => {
    const response = await rawRequest(t, `GET /api/v1/households HTTP/1.1\r\nx-big: ${'b'.repeat(20_000)}`);
    expectProblem(response, 431, 'REQUEST.HEADERS_TOO_LARGE');
  });

  it('answers a malformed request with 400', async () => {
    const response = await rawRequest(t, 'GET /api/v1/households HTTP/1.1\r\nno colon in this header');
    expectProblem(response, 400, 'REQUEST.MALFORMED');
  });

  it('answers a URL that does not decode with 400', async () => {
    const response = await rawRequest(
      t,
      `GET /api/v1/households/%E0%A4%A HTTP/1.1\r\nauthorization: Bearer ${caseworker}`,
    );
    expectProblem(response, 400, 'REQUEST.BAD_URL');
  });

  it("answers the router's 404 inside and outside /api/v1, for any method", async () => {
    expectProblem(await t.http.get('/nowhere'), 404, 'HTTP.NOT_FOUND');
    expectProblem(await t.http.post('/nowhere').send({}), 404, 'HTTP.NOT_FOUND');
    expectProblem(await t.http.delete('/api/v1/households'), 404, 'HTTP.NOT_FOUND');
  });

  it('answers body parser errors', async () => {
    const post = (type: string, body: string) =>
      t.http
        .post('/api/v1/households')
        .set({ authorization: `Bearer ${caseworker}`, 'content-type': type })
        .send(body);
    expectProblem(await post('application/json', '{"kk":'), 400, 'REQUEST.MALFORMED_JSON');
    expectProblem(await post('application/json', ''), 400, 'REQUEST.EMPTY_JSON_BODY');
    expectProblem(await post('application/xml', '<kk/>'), 415, 'REQUEST.UNSUPPORTED_MEDIA_TYPE');
    expectProblem(await post('application/json', '{"__proto__":{"x":1}}'), 400, 'REQUEST.MALFORMED_JSON');
  });
});
