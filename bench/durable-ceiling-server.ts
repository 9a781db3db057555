/**
 * The durable ceiling of the http benchmark: the least a server can do and still acknowledge a
 * command only once its event is on disk. Fastify, a body checked by hand, the stream's revision
 * read, and the events of every request of one event-loop turn appended in one transaction (one
 * fsync), in WAL mode with synchronous=FULL, into Jejak's own events schema, with WAL checkpoints
 * in a worker thread. It answers the routes of the benchmark's command mix with what Jejak answers
 * ({id, revision, position}), so the load generator sends both the very same requests. Run in its
 * own process by bench/http.bench.ts; tells the parent its address over IPC and exits when told to.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import Fastify, { type FastifyReply } from 'fastify';
import {
  BackgroundCheckpointer,
  openSqliteDatabase,
  SQLITE_EVENT_STORE_SCHEMA,
} from '#libs/platform/event-store/index.js';

const dir = process.env.BENCH_DATA_DIR;
if (!dir || !process.send) throw new Error('run by bench/http.bench.ts');

const file = join(dir, 'ceiling-events.db');
const db = openSqliteDatabase(file, 'FULL');
db.exec(SQLITE_EVENT_STORE_SCHEMA);
const checkpointer = BackgroundCheckpointer.start([file]);
const revisionOf = db.prepare<[string], { revision: number | null }>(
  'SELECT max(revision) AS revision FROM events WHERE stream = ?',
);
const insert = db.prepare(
  `INSERT INTO events (event_id, stream, category, revision, type, data, metadata, recorded_at)
   VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
);

interface Pending {
  stream: string;
  type: string;
  data: string;
  expected: number;
  done: (result: { revision: number; position: number } | undefined) => void;
}
let pending: Pending[] = [];
const commit = db.transaction((batch: Pending[]) => {
  const recordedAt = new Date().toISOString();
  return batch.map((p) => {
    if ((revisionOf.get(p.stream)?.revision ?? -1) !== p.expected) return undefined;
    const info = insert.run(randomUUID(), p.stream, 'household', p.expected + 1, p.type, p.data, '{}', recordedAt);
    return { revision: p.expected + 1, position: Number(info.lastInsertRowid) };
  });
});
/** One transaction, one fsync, for every append asked for in this turn of the event loop. */
function flush(): void {
  const batch = pending;
  pending = [];
  const results = commit.immediate(batch);
  batch.forEach((p, i) => p.done(results[i]));
}
const append = (stream: string, type: string, data: unknown) =>
  new Promise<{ revision: number; position: number } | undefined>((done) => {
    // Read outside the transaction as a command reads its stream before deciding; checked again inside.
    const expected = revisionOf.get(stream)?.revision ?? -1;
    pending.push({ stream, type, data: JSON.stringify(data), expected, done });
    if (pending.length === 1) setImmediate(flush);
  });

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const bad = (reply: FastifyReply) => reply.code(400).send({ error: 'bad body' });

const app = Fastify();
app.post('/api/v1/households', async (request, reply) => {
  const body = request.body;
  if (
    !isObject(body) ||
    typeof body.kk !== 'string' ||
    !/^\d{16}$/.test(body.kk) ||
    !isObject(body.address) ||
    !Array.isArray(body.members) ||
    body.members.length === 0 ||
    !body.members.every((m) => isObject(m) && typeof m.nik === 'string' && /^\d{16}$/.test(m.nik))
  )
    return bad(reply);
  const id = randomUUID();
  const result = await append(`household-${id}`, 'HouseholdRegistered', body);
  if (!result) return reply.code(409).send({ error: 'conflict' });
  return reply.code(201).send({ id, ...result });
});
app.post<{ Params: { id: string; '*': string } }>('/api/v1/households/:id/*', async (request, reply) => {
  const body = request.body;
  if (!isObject(body) || !/^[0-9a-f-]{36}$/.test(request.params.id)) return bad(reply);
  const result = await append(`household-${request.params.id}`, request.params['*'], body);
  if (!result) return reply.code(409).send({ error: 'conflict' });
  return reply.code(201).send({ id: request.params.id, ...result });
});

const url = await app.listen({ port: 0, host: '127.0.0.1' });
process.send({ url });
process.on('message', async (message) => {
  if (message !== 'stop') return;
  await app.close();
  await checkpointer.close();
  db.close();
  process.exit(0);
});
