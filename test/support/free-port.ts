import { createServer } from 'node:net';

/** A TCP port free on the loopback right now, for a service a test starts in a child process. */
export const freePort = (): Promise<number> =>
  new Promise((done) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
