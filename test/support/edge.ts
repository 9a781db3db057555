import { connect, type AddressInfo } from 'node:net';
import { expect } from '@jest/globals';
import type { TestApp } from './test-app.js';

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * One request written on a raw socket to a listening app, so that nothing on the client side
 * rewrites or refuses it (over-long lines, odd bytes). `head` is the request line and any headers.
 * The answer is checked against the served OpenAPI document, as every other answer of the tests.
 */
export async function rawRequest(t: Pick<TestApp, 'app' | 'responses'>, head: string, body = ''): Promise<RawResponse> {
  const response = parseRawAnswer(await sendRaw(t, head, body));
  checkRawAnswer(t, head, response);
  return response;
}

/** Splits what came back on a raw socket into its status, headers (lower-cased names) and body. */
export function parseRawAnswer(text: string): RawResponse {
  const end = text.indexOf('\r\n\r\n');
  const [statusLine = '', ...lines] = text.slice(0, end).split('\r\n');
  const headers = Object.fromEntries(
    lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]),
  );
  return { status: Number(statusLine.split(' ')[1]), headers, body: text.slice(end + 4) };
}

/**
 * Checks a raw answer against the served OpenAPI document, as every other answer of the tests is
 * checked: `head` starts with the request line that was sent ("GET /path HTTP/1.1").
 */
export function checkRawAnswer(t: Pick<TestApp, 'responses'>, head: string, response: RawResponse): void {
  const [method = '', url = ''] = head.split('\r\n')[0]!.split(' ');
  const json = /json/.test(response.headers['content-type'] ?? '');
  t.responses.check({
    method,
    url,
    status: response.status,
    headers: response.headers,
    body: json ? JSON.parse(response.body) : response.body,
    text: response.body,
  });
}

function sendRaw({ app }: Pick<TestApp, 'app'>, head: string, body: string): Promise<string> {
  const { port } = app.getHttpServer().address() as AddressInfo;
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.setTimeout(10_000, () => socket.destroy(new Error('no answer within 10 s')));
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('error', reject);
    socket.on('close', () => resolve(Buffer.concat(chunks).toString('utf8')));
    socket.end(`${head}\r\nhost: localhost\r\nconnection: close\r\n\r\n${body}`);
  });
}

interface AnyResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text?: string;
  body?: unknown;
}

/** Asserts an RFC 9457 problem+json answer with this status and code; returns its body. */
export function expectProblem(response: AnyResponse, status: number, code: string): Record<string, unknown> {
  const text = typeof response.body === 'string' ? response.body : (response.text ?? '');
  expect({ status: response.status, type: response.headers['content-type'] }).toEqual({
    status,
    type: expect.stringMatching(/^application\/problem\+json/),
  });
  const body = JSON.parse(text) as Record<string, unknown>;
  expect(body).toMatchObject({
    type: expect.stringMatching(/^urn:jejak:problem:/),
    title: expect.any(String),
    status,
    code,
    detail: expect.any(String),
  });
  return body;
}
