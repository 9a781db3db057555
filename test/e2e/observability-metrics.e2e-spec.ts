import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startMockKafka, type MockKafka } from '../support/kafka-mock.js';
import { household, startTestApp, type TestApp } from '../support/test-app.js';

/** The value of one sample of the text exposition, or undefined when it is absent. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const present = (match[2] ?? '').split(/,(?=[a-zA-Z_]\w*=")/);
    if (wanted.every((w) => present.includes(w))) return Number(match[3]);
  }
  return undefined;
}

/** Where the log lines go: the failing relay of the last test logs an error nobody needs to read. */
const logDestination = { write: (line: string) => void logs.push(line) };
const logs: string[] = [];

describe('GET /metrics', () => {
  let t: TestApp;
  let kafka: MockKafka;
  let token: string;
  const auth = () => ({ authorization: `Bearer ${token}` });
  const scrape = async () => {
    const response = await t.http.get('/metrics').expect(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    return response.text;
  };

  beforeAll(async () => {
    kafka = await startMockKafka(1);
    t = await startTestApp(
      { KAFKA_BROKERS: kafka.brokers.join(','), KAFKA_IDEMPOTENT: 'false', KAFKA_ALLOW_UNSAFE_TOPICS: 'true' },
      {
        logDestination,
      },
    );
    token = await t.token('caseworker', 'cw-metrics');
  });
  afterAll(async () => {
    await t.close();
    await kafka.stop();
  });

  it('counts a command by route template with outcome ok', async () => {
    const labels = { command: 'POST /api/v1/households', outcome: 'ok' };
    const before = sample(await scrape(), 'jejak_commands_total', labels) ?? 0;
    await t.http.post('/api/v1/households').set(auth()).send(household()).expect(201);
    expect(sample(await scrape(), 'jejak_commands_total', labels)).toBe(before + 1);
  });

  it('counts a refused command under its problem code', async () => {
    const body = household();
    await t.http.post('/api/v1/households').set(auth()).send(body).expect(201);
    await t.http.post('/api/v1/households').set(auth()).send(body).expect(409);
    const labels = { command: 'POST /api/v1/households', outcome: 'HOUSEHOLD.KK_ALREADY_REGISTERED' };
    expect(sample(await scrape(), 'jejak_commands_total', labels)).toBe(1);
  });

  it('times requests per route template, not per URL', async () => {
    const created = await t.http.post('/api/v1/households').set(auth()).send(household()).expect(201);
    await t.http
      .get(`/api/v1/households/${created.body.id}?minPosition=${created.body.position}`)
      .set(auth())
      .expect(200);
    const text = await scrape();
    const labels = { method: 'GET', route: '/api/v1/households/:id', status: '200' };
    expect(sample(text, 'jejak_http_request_duration_seconds_count', labels)).toBeGreaterThanOrEqual(1);
    expect(text).not.toContain(created.body.id);
  });

  it('reports the lag of every projection, zero once they have caught up', async () => {
    await t.http.post('/api/v1/households').set(auth()).send(household()).expect(201);
    expect(await t.runner.settle(10_000)).toBe(true);
    const text = await scrape();
    const names = t.runner.status().map((p) => p.name);
    expect(names).toEqual(expect.arrayContaining(['household-summary', 'caseloads', 'kafka-relay']));
    expect(names.map((projection) => sample(text, 'jejak_projection_lag_events', { projection }))).toEqual(
      names.map(() => 0),
    );
  });

  it('reports the head of the event store', async () => {
    expect(sample(await scrape(), 'jejak_event_store_head_position')).toBe(await t.store.headPosition());
  });

  it('reports the connections the stores hold', async () => {
    const text = await scrape();
    if (t.postgresSchema) {
      expect(sample(text, 'jejak_pg_pool_connections', { pool: 'events' })).toBeGreaterThanOrEqual(1);
    } else {
      expect(sample(text, 'jejak_sqlite_connections_open', { database: 'read.db' })).toBe(2);
    }
  });

  it("includes the process's default metrics", async () => {
    const text = await scrape();
    expect(sample(text, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
  });

  it('needs no token while METRICS_TOKEN is unset', async () => {
    await t.http.get('/metrics').set({ authorization: 'Bearer not-a-jwt' }).expect(200);
  });
  // Last: it leaves the relay failing.
  it("reports as the relay's lag the events it could not publish while Kafka is down", async () => {
    await t.runner.settle(10_000);
    await kafka.stop();
    await t.http.post('/api/v1/households').set(auth()).send(household()).expect(201);
    const relay = () => t.runner.status().find((p) => p.name === 'kafka-relay')!;
    for (let i = 0; i < 500 && relay().state !== 'failing'; i++) await new Promise((r) => setTimeout(r, 20));
    const lag = (await t.store.headPosition()) - relay().checkpoint;
    expect(lag).toBeGreaterThan(0);
    expect(sample(await scrape(), 'jejak_feed_relay_lag_events', { relay: 'kafka-relay' })).toBe(lag);
  });
});

describe('GET /metrics with METRICS_TOKEN set', () => {
  const METRICS_TOKEN = 'scraper-token-0123456789';
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ METRICS_TOKEN }, { logDestination });
  });
  afterAll(async () => t.close());

  it('answers the scraper that sends the token', async () => {
    await t.http
      .get('/metrics')
      .set({ authorization: `Bearer ${METRICS_TOKEN}` })
      .expect(200);
  });

  it('refuses a request without the token, or with a user JWT', async () => {
    const jwt = await t.token('admin');
    const statuses = [
      (await t.http.get('/metrics')).status,
      (await t.http.get('/metrics').set({ authorization: `Bearer ${jwt}` })).status,
    ];
    expect(statuses).toEqual([401, 401]);
  });
});
