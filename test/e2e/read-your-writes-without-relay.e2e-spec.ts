import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { FEED_RELAY_NAME } from '#libs/platform/event-feed/index.js';
import { eventually } from '../support/eventually.js';
import { household, startTestApp, type TestApp } from '../support/test-app.js';

/**
 * Read-your-writes waits for the read models, never for the Kafka relay: with KAFKA_BROKERS
 * naming an address where no broker answers, the relay stays behind, and a write followed by a
 * `?minPosition=` read still answers 200 on the instance that runs the projections and on one that
 * follows their checkpoints (RUN_PROJECTIONS=false). The wait is READ_WAIT_TIMEOUT_MS (5 s), so a
 * read that waited for the relay would answer 503.
 */
describe('read-your-writes while Kafka is down', () => {
  let a: TestApp;
  let b: TestApp;
  const auth = (token: string) => ({ authorization: `Bearer ${token}` });
  // Nothing listens on port 1: every connection is refused, as in a broker outage.
  const kafkaDown = {
    KAFKA_BROKERS: '127.0.0.1:1',
    KAFKA_IDEMPOTENT: 'false',
    KAFKA_ALLOW_UNSAFE_TOPICS: 'true',
    KAFKA_RETRIES: '0',
  };

  beforeAll(async () => {
    a = await startTestApp(kafkaDown);
    b = await a.sibling({ RUN_PROJECTIONS: 'false' });
  });
  afterAll(async () => {
    await b.close();
    await a.close();
  });

  it.each([
    ['runs the projections', () => a],
    ['follows the checkpoints', () => b],
  ])('answers a read at the written position on the instance that %s', async (_, instance) => {
    const t = instance();
    const cw = await t.token('caseworker', 'cw-01');
    const created = await t.http.post('/api/v1/households').set(auth(cw)).send(household()).expect(201);
    const read = await t.http
      .get(`/api/v1/households/${created.body.id}?minPosition=${created.body.position}`)
      .set(auth(cw))
      .expect(200);
    expect(read.body.id).toBe(created.body.id);
    const relay = a.runner.status().find((p) => p.name === FEED_RELAY_NAME);
    expect(relay?.checkpoint).toBeLessThan(created.body.position);
  });

  it('stays ready while the relay fails, naming it in the details', async () => {
    const relay = () => a.runner.status().find((p) => p.name === FEED_RELAY_NAME);
    await eventually(() => relay()?.state === 'failing', 'the relay to fail against the dead broker');
    const token = await a.token('admin', 'admin-01');
    const ready = await a.http.get('/health/ready').set(auth(token)).expect(200);
    expect(ready.body.details[FEED_RELAY_NAME]).toMatchObject({
      status: 'up',
      state: 'failing',
      lastError: expect.any(String),
    });
  });
});
