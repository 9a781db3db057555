/**
 * The server side of the http benchmark, run in its own process so that the load generator
 * (autocannon, in the parent) does not share the server's event loop: the embedded default
 * (SQLite, projections in process, SQLITE_SYNCHRONOUS=FULL) and, in the same process, a bare
 * Fastify route as the ceiling. Tells the parent both addresses over IPC; exits when told to.
 */
import 'reflect-metadata';
import Fastify from 'fastify';
import { createApp } from '../apps/api/src/create-app.js';
import { loadConfig } from '#libs/platform/config/index.js';

const dir = process.env.BENCH_DATA_DIR;
const secret = process.env.BENCH_SECRET;
if (!dir || !secret || !process.send) throw new Error('run by bench/http.bench.ts');

const app = await createApp(
  loadConfig({ JEJAK_DATA_DIR: dir, JWT_SECRET: secret, LOG_LEVEL: 'error', SQLITE_SYNCHRONOUS: 'FULL' }),
);
await app.listen(0, '127.0.0.1');
const bare = Fastify();
bare.get('/bare', async () => ({ ok: true }));
const bareUrl = await bare.listen({ port: 0, host: '127.0.0.1' });
process.send({ url: await app.getUrl(), bareUrl });
process.on('message', async (message) => {
  if (message !== 'stop') return;
  await bare.close();
  await app.close();
  process.exit(0);
});
