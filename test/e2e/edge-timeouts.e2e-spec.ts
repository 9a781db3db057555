import { connect, type AddressInfo, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { checkRawAnswer, parseRawAnswer } from '../support/edge.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * Fastify's requestTimeout and connectionTimeout were 0: a client that sent its headers and then
 * trickled or stalled its body held a connection (and its parser) forever. With the limits set
 * (short here, 30 s and 60 s by default), the server answers 408 problem+json and disconnects.
 */
describe('the edge: slow clients are timed out', () => {
  let t: TestApp;
  let token: string;
  const REQUEST_MS = 1_000;
  const IDLE_MS = 1_500;

  beforeAll(async () => {
    t = await startTestApp({ REQUEST_TIMEOUT_MS: String(REQUEST_MS), CONNECTION_TIMEOUT_MS: String(IDLE_MS) });
    await t.app.listen(0, '127.0.0.1');
    token = await t.token('caseworker', 'cw-slow');
  });
  afterAll(async () => t.close());

  /**
   * Opens a socket, runs `send` on it, and resolves with what came back (checked against the
   * OpenAPI document as the answer to `requestLine`) and when the server closed it.
   */
  async function slowClient(
    requestLine: string,
    send: (socket: Socket, stop: () => boolean) => void,
  ): Promise<{ text: string; ms: number }> {
    const answer = await slowAnswer(send);
    checkRawAnswer(t, requestLine, parseRawAnswer(answer.text));
    return answer;
  }

  function slowAnswer(send: (socket: Socket, stop: () => boolean) => void): Promise<{ text: string; ms: number }> {
    const { port } = t.app.getHttpServer().address() as AddressInfo;
    return new Promise((resolve, reject) => {
      const started = Date.now();
      const socket = connect(port, '127.0.0.1');
      let closed = false;
      const chunks: Buffer[] = [];
      const guard = setTimeout(() => {
        socket.destroy();
        reject(new Error('the server kept the connection open for 10 s'));
      }, 10_000);
      socket.on('data', (c: Buffer) => chunks.push(c));
      socket.on('error', () => undefined);
      socket.on('close', () => {
        closed = true;
        clearTimeout(guard);
        resolve({ text: Buffer.concat(chunks).toString('utf8'), ms: Date.now() - started });
      });
      socket.on('connect', () => send(socket, () => closed));
    });
  }

  const head = (length: number) =>
    `POST /api/v1/households HTTP/1.1\r\nhost: localhost\r\nauthorization: Bearer ${token}\r\n` +
    `content-type: application/json\r\ncontent-length: ${length}\r\n\r\n`;

  it('answers 408 to a client that sends its headers and then trickles its body', async () => {
    const { text, ms } = await slowClient(head(0), (socket, stopped) => {
      socket.write(head(10_000));
      const drip = setInterval(() => (stopped() ? clearInterval(drip) : socket.write(' ')), 100);
    });
    expect(text).toMatch(/^HTTP\/1\.1 408 /);
    expect(text).toMatch(/content-type: application\/problem\+json/i);
    expect(JSON.parse(text.slice(text.indexOf('\r\n\r\n') + 4))).toMatchObject({
      status: 408,
      code: 'REQUEST.TIMEOUT',
    });
    expect(ms).toBeGreaterThanOrEqual(REQUEST_MS - 50);
    expect(ms).toBeLessThan(REQUEST_MS + 2_000);
  });

  it('answers 408 to a client that sends its headers and then stalls', async () => {
    const { text, ms } = await slowClient(head(0), (socket) => socket.write(head(100)));
    expect(text).toMatch(/^HTTP\/1\.1 408 /);
    expect(ms).toBeLessThan(REQUEST_MS + 2_000);
  });

  it('answers 408 to a client that never finishes its headers', async () => {
    const { text } = await slowClient('GET /health/live', (socket, stopped) => {
      socket.write('GET /health/live HTTP/1.1\r\nhost: localhost\r\n');
      const drip = setInterval(() => (stopped() ? clearInterval(drip) : socket.write('x-a: b\r\n')), 100);
    });
    expect(text).toMatch(/^HTTP\/1\.1 408 /);
  });

  it('closes a connection left idle after a request', async () => {
    const { text, ms } = await slowClient('GET /health/live HTTP/1.1', (socket) =>
      socket.write('GET /health/live HTTP/1.1\r\nhost: localhost\r\n\r\n'),
    );
    expect(text).toMatch(/^HTTP\/1\.1 200 /);
    expect(ms).toBeGreaterThanOrEqual(IDLE_MS - 50);
    expect(ms).toBeLessThan(IDLE_MS + 3_000);
  });

  it('still serves a request that arrives in time', async () => {
    await t.http.get('/health/live').expect(200);
  });
});
