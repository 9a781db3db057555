import { createServer } from 'node:net';

/** Ports of one Jest worker's block: 20,000 + 1,000 per worker, below the kernel's ephemeral range. */
const BLOCK = 1_000;
const FIRST = 20_000;
/** Where in the block this suite starts: suites of one worker (a fresh module each) start apart. */
let next = Math.floor(Math.random() * BLOCK);

/**
 * A TCP port free on the loopback, for a service a test starts in a child process. The port is
 * free when this checks it and must stay free until the child binds it, a second or two of Nest's
 * start later. A port the kernel hands out for listen(0) may meanwhile go to another suite's
 * service in a parallel worker, or to anyone's outgoing connection; a retry was once answered by
 * another suite's service that way. So each Jest worker takes its ports from a block of its own,
 * below the ephemeral range (32,768 and up here), in turn, skipping those in use.
 */
export async function freePort(): Promise<number> {
  const worker = Math.max(1, Number(process.env.JEST_WORKER_ID ?? 1));
  const start = FIRST + ((worker - 1) % 10) * BLOCK;
  for (let tries = 0; tries < BLOCK; tries++) {
    const port = start + (next++ % BLOCK);
    if (await isFree(port)) return port;
  }
  throw new Error(`No free port in ${start}-${start + BLOCK - 1} (Jest worker ${worker})`);
}

const isFree = (port: number): Promise<boolean> =>
  new Promise((done) => {
    const server = createServer();
    server.once('error', () => done(false));
    server.listen(port, '127.0.0.1', () => server.close(() => done(true)));
  });
