import { randomUUID } from 'node:crypto';
import { expectRebuildsMatchLive } from '../support/rebuild-equivalence.js';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { exportEvents } from '../../apps/api/src/cli/export/export-events.js';
import { categoryOf, type RecordedEvent } from '#libs/platform/event-store/index.js';
import { KafkaFeedConsumer, type FeedMessage } from '#libs/platform/event-feed/index.js';
import { PiiFreeView } from '#libs/platform/privacy/index.js';
import { ALL_EVENT_TYPES, EVENT_PRIVACY, STREAM_PRIVACY } from '#libs/privacy/index.js';
import { eventually } from '../support/eventually.js';
import { startMockKafka, type MockKafka } from '../support/kafka-mock.js';
import { PII_MARKERS, piiSampleStreams, piiSamples } from '../support/pii-samples.js';
import { reportingJobOver } from '../support/reporting-job.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** The values at a declared path: `members[].name` is every member's name. */
function valuesAt(value: unknown, path: string): unknown[] {
  const [head, ...rest] = path.split('.');
  const key = head!.replace('[]', '');
  const field = (value as Record<string, unknown> | null)?.[key];
  const items = head!.endsWith('[]') ? (field as unknown[]) : [field];
  return rest.length ? items.flatMap((item) => valuesAt(item, rest.join('.'))) : items;
}

const INTERNAL = new Set(Object.keys(STREAM_PRIVACY).filter((c) => STREAM_PRIVACY[c] === 'internal'));

/**
 * Issue #13's walk: one event of every type of every capability, with personal data in every
 * field a PII-free reader must not see, read back through each PII-free path: reporters'
 * `/events`, the reports and their CSV, the Kafka relay into a Kafka-protocol peer, the export
 * and the reporting job's input. None of them shows a name, NIK, KK, street, birth date, free
 * text, health flag, raw household id, reason or correlation id.
 */
describe('personal data on every PII-free path', () => {
  let kafka: MockKafka;
  let t: TestApp;
  let reporter: string;
  const ids = { kubeId: randomUUID(), courseId: randomUUID(), staffId: 'cw-pii' };
  let samples: RecordedEvent[];

  beforeAll(async () => {
    kafka = await startMockKafka(1);
    // The mock cluster cannot create topics ahead (see kafka-mock.ts): it makes them on first use.
    t = await startTestApp({
      KAFKA_BROKERS: kafka.brokers.join(','),
      KAFKA_IDEMPOTENT: 'false',
      KAFKA_ALLOW_UNSAFE_TOPICS: 'true',
    });
    reporter = await t.token('reporter', 'rp-pii');
    const written = piiSampleStreams(ids);
    for (const [stream, events] of written) await t.store.append(stream, events, 'no_stream');
    // The samples by their ids: a reactor may add events of its own (the visit after a non-compliance).
    const sampleIds = new Set(written.flatMap(([, events]) => events.map((e) => e.eventId)));
    samples = (await t.store.readAll()).filter((e) => sampleIds.has(e.eventId));
  }, 30_000);
  afterAll(async () => {
    await t?.close();
    await kafka?.stop();
  });

  it('has a sample of every event type, with personal data in every field not declared public', () => {
    expect(samples.map((e) => e.type).sort()).toEqual([...ALL_EVENT_TYPES].sort());
    const data = piiSamples(ids) as Record<string, unknown>;
    for (const [type, fields] of Object.entries(EVENT_PRIVACY))
      for (const [path, kind] of Object.entries(fields)) {
        if (kind === 'public') continue;
        const values = valuesAt(data[type], path);
        const shown = JSON.stringify({ [path.split('.').at(-1)!]: values });
        expect({ type, path, values: values.length, marked: PII_MARKERS.test(shown) }).toEqual({
          type,
          path,
          values: values.length || -1,
          marked: true,
        });
      }
  });

  it('shows reporters none of it on /events, while auditors see it all', async () => {
    const feed = async (token: string) => {
      const response = await t.http
        .get('/api/v1/events')
        .query({ limit: 1000 })
        .set({ authorization: `Bearer ${token}` });
      expect(response.status).toBe(200);
      return response.body as { events: { type: string; stream: string; metadata: Record<string, unknown> }[] };
    };
    const audited = await feed(await t.token('auditor'));
    expect(PII_MARKERS.test(JSON.stringify(audited))).toBe(true);

    const body = await feed(reporter);
    const shownTypes = new Set(body.events.map((e) => e.type));
    for (const type of ALL_EVENT_TYPES.filter((x) => !x.startsWith('Reservation'))) expect(shownTypes).toContain(type);
    expect(JSON.stringify(body).match(PII_MARKERS)).toBeNull();
    for (const event of body.events) {
      expect(Object.keys(event.metadata)).not.toEqual(expect.arrayContaining(['correlationId']));
      expect(event.metadata).not.toHaveProperty('causationId');
      expect(event.metadata).not.toHaveProperty('reason');
      expect(event.stream).not.toMatch(/^(household|pkh)-(?!h_)|^(identity|kubemembership)-/);
    }
    // The DTKS ranking is public (a countable ranking, ADR 0015): reporters get it as it is.
    const registered = body.events.find((e) => e.type === 'HouseholdRegistered') as unknown as { data: object };
    expect(registered.data).toMatchObject({ dtks: { welfareDecile: 2, extractedOn: '2026-01-31' } });
  });

  it('shows reporters none of it in the reports and their CSV, which count the samples', async () => {
    const auth = { authorization: `Bearer ${reporter}` };
    await eventually(async () => {
      const report = await t.http
        .get('/api/v1/reports/programme-outcomes')
        .query({ from: '2026-01', to: '2026-12' })
        .set(auth);
      expect(report.body.totals?.training?.declinedByReason ?? report.text).toMatchObject({ childcare: 1 });
    }, 'the outcome facts to count the samples');
    const reports: Array<[string, Record<string, string>]> = [
      ['/api/v1/reports/programme-outcomes', { from: '2026-01', to: '2026-12' }],
      ['/api/v1/reports/poverty-target', { year: '2026' }],
      ['/api/v1/reports/kpis', { from: '2026-01', to: '2026-12' }],
    ];
    for (const [route, query] of reports)
      for (const accept of ['application/json', 'text/csv']) {
        const response = await t.http
          .get(route)
          .query(query)
          .set({ ...auth, accept });
        expect({ route, accept, status: response.status }).toEqual({ route, accept, status: 200 });
        expect({ route, accept, leak: response.text.match(PII_MARKERS) }).toEqual({ route, accept, leak: null });
      }
  });

  it('publishes none of it through the Kafka relay, keys and headers included', async () => {
    const expected = new Set(samples.filter((e) => !INTERNAL.has(categoryOf(e.stream))).map((e) => e.eventId));
    const received: FeedMessage[] = [];
    const consumer = new KafkaFeedConsumer({ brokers: kafka.brokers, clientId: 'pii', groupId: `pii-${randomUUID()}` });
    // Every category, the internal ones too: nothing of theirs may be published.
    const topics = Object.keys(STREAM_PRIVACY);
    void consumer.run(
      topics.map((c) => `jejak.${c}.v1`),
      async (messages) => void received.push(...messages),
    );
    try {
      await eventually(
        () => expect([...expected].filter((id) => !received.some((m) => m.headers['event-id'] === id))).toEqual([]),
        'the relay to publish every sample',
        { timeoutMs: 30_000 },
      );
    } finally {
      await consumer.close();
    }
    expect(received.filter((m) => /identity|kubemembership/.test(m.topic))).toEqual([]);
    for (const m of received) expect(JSON.stringify(m).match(PII_MARKERS)).toBeNull();
  }, 45_000);

  it('exports none of it unless the operator asks for personal data', async () => {
    const lines: string[] = [];
    const count = await exportEvents(t.store, t.app.get(PiiFreeView), (line) => void lines.push(line));
    expect(count).toBe(lines.length);
    expect(lines.join('').match(PII_MARKERS)).toBeNull();
    expect(lines.some((l) => l.includes('"type":"HouseholdRegistered"'))).toBe(true);
    const whole: string[] = [];
    await exportEvents(t.store, null, (line) => void whole.push(line));
    expect(PII_MARKERS.test(whole.join(''))).toBe(true);
  });

  it("gives the reporting job none of it, and the job's figures count the samples", async () => {
    const state = await reportingJobOver(await t.store.readAll(), t.app.get(PiiFreeView));
    expect(JSON.stringify(state).match(PII_MARKERS)).toBeNull();
    expect(state.summary.training.declinedByReason).toMatchObject({ childcare: 1 });
  });

  it('rebuilds every read model from zero to the rows it built live', async () => {
    await expectRebuildsMatchLive(t);
  });
});
