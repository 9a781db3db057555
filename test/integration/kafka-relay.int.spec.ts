import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { ReportingJob } from '../../apps/reporting-job/src/reporting-job.js';
import {
  KafkaFeedConsumer,
  KafkaPublisher,
  feedRelay,
  type EventPublisher,
  type FeedMessage,
} from '#libs/platform/event-feed/index.js';
import type { NewEvent, RecordedEvent, SqliteEventStore } from '#libs/platform/event-store/index.js';
import { ProjectionRunner, recordedAs } from '#libs/platform/read-store/index.js';
import { applyOutcomeEvent, emptyOutcomeState, type OutcomeEvent } from '#libs/reporting/index.js';
import { eventually } from '../support/eventually.js';
import { relayTestbed } from '../support/kafka-mock.js';
import { testMetadata } from '../support/events.js';
import { testPiiFree } from '../support/pii-free.js';

const meta = testMetadata;
const ev = (type: string, data: object): NewEvent => ({ eventId: randomUUID(), type, data, metadata: meta });

/** A household's events on its two streams, as the command path would write them. */
async function householdJourney(store: SqliteEventStore, i: number): Promise<void> {
  const id = randomUUID();
  const nik = `3275${String(i).padStart(12, '0')}`;
  await store.append(`identity-${randomUUID()}`, [ev('ReservationMade', { kind: 'nik', holder: id })], 'no_stream');
  await store.append(
    `household-${id}`,
    [
      ev('HouseholdRegistered', {
        householdId: id,
        kk: nik,
        address: { kecamatan: 'Jatiasih', kelurahan: 'Jatirasa', street: 'Gg. Mawar' },
        members: [{ nik, name: `Warga ${i}`, relationship: 'head' }],
      }),
      ev('HouseholdAssessed', { perCapitaIncome: 400_000, povertyLine: 600_000 }),
    ],
    'no_stream',
  );
  await store.append(`pkh-${id}`, [ev('EnrolledInPkh', { householdId: id })], 'no_stream');
  for (const stage of ['2026-1', '2026-2']) {
    const revision = (await store.streamRevision(`pkh-${id}`))!;
    await store.append(
      `pkh-${id}`,
      [
        ev('PkhComplianceVerified', { householdId: id, stage, compliant: true }),
        ev('PkhBenefitDisbursed', { householdId: id, stage, amount: 750_000 }),
      ],
      revision,
    );
  }
}

/** Publishes through Kafka, but "crashes" once: after the broker acknowledged, before the checkpoint. */
class CrashOncePublisher implements EventPublisher {
  publishes = 0;
  crashed = false;
  constructor(
    private readonly inner: EventPublisher,
    private readonly crashAt: number,
  ) {}
  async publish(messages: readonly FeedMessage[]): Promise<void> {
    await this.inner.publish(messages);
    this.publishes += 1;
    if (this.publishes === this.crashAt) {
      this.crashed = true;
      throw new Error('relay process killed after the acknowledgement, before the checkpoint');
    }
  }
  close() {
    return this.inner.close();
  }
}

describe('Kafka relay and reporting job against a real Kafka-protocol peer', () => {
  const bed = relayTestbed('kafka');
  const piiFree = testPiiFree();
  const options = { topicPrefix: 'jejak', piiFree };
  const publisher = () =>
    new KafkaPublisher({ brokers: bed.get().kafka.brokers, clientId: 'relay-test', idempotent: false });
  /** What the store holds for the topics: every event but the internal identity reservations. */
  let expected: RecordedEvent[];
  /** Everything a consumer group reads from the topics, repeats included. */
  const received: FeedMessage[] = [];

  // The relay crashes after its third acknowledged batch (the process is then gone), writes go on
  // while it is down, and the restarted relay resumes from its checkpoint.
  beforeAll(async () => {
    const { kafka, store, readDb } = bed.get();
    for (let i = 0; i < 15; i++) await householdJourney(store, i);
    const crashing = new CrashOncePublisher(publisher(), 3);
    const first = new ProjectionRunner(store, readDb, [feedRelay(crashing, options)], {
      batchSize: 10,
      retryDelayMs: 60_000,
    });
    await first.start();
    await eventually(() => crashing.crashed, 'the relay to crash after its third batch', { timeoutMs: 10_000 });
    await first.stop();
    await crashing.close();
    const checkpointAtCrash = first.status()[0]!.checkpoint;
    for (let i = 15; i < 20; i++) await householdJourney(store, i);
    const healthy = publisher();
    const second = new ProjectionRunner(store, readDb, [feedRelay(healthy, options)], { batchSize: 10 });
    await second.start();
    const head = await store.headPosition();
    expect(await second.waitFor(head, 20_000)).toBe(true);
    await second.stop();
    await healthy.close();
    expect(checkpointAtCrash).toBeLessThan(head);

    expected = (await store.readAll()).filter((e) => !e.stream.startsWith('identity-'));
    const consumer = new KafkaFeedConsumer({
      brokers: kafka.brokers,
      clientId: 'check',
      groupId: `check-${randomUUID()}`,
    });
    void consumer.run(['jejak.household.v1', 'jejak.pkh.v1', 'jejak.identity.v1'], async (messages) => {
      received.push(...messages);
    });
    try {
      await eventually(
        () => new Set(received.map((m) => m.headers['event-id'])).size >= expected.length,
        'a consumer group to read every event from the topics',
        { timeoutMs: 30_000 },
      );
    } finally {
      await consumer.close();
    }
  }, 90_000);

  it('delivers every event across a relay crash and restart', () => {
    const ids = new Set(received.map((m) => m.headers['event-id']));
    expect(expected.filter((e) => !ids.has(e.eventId))).toEqual([]);
  });

  it('delivers at least once: the batch acknowledged before the crash comes again', () => {
    expect(received.length).toBeGreaterThan(expected.length);
  });

  it("keeps each stream's events in order, keyed by the stream", () => {
    // Dropping repeats leaves each stream's revisions 0, 1, 2, ...
    const byStream = new Map<string, number[]>();
    for (const m of received) {
      const { stream, revision } = JSON.parse(m.value) as { stream: string; revision: number };
      const seen = byStream.get(stream) ?? [];
      if (!seen.includes(revision)) seen.push(revision);
      byStream.set(stream, seen);
      expect(m.key).toBe(stream);
      expect(m.headers.stream).toBe(stream);
      expect(stream).not.toMatch(/^(household|pkh)-(?!h_)/);
    }
    for (const [stream, revisions] of byStream)
      expect({ stream, revisions }).toEqual({ stream, revisions: revisions.map((_, i) => i) });
  });

  it('publishes no identity reservation', () => {
    expect(received.some((m) => m.topic === 'jejak.identity.v1')).toBe(false);
  });

  it('publishes no personal data', () => {
    expect(received.some((m) => /Warga|3275\d{12}|Mawar/.test(m.value))).toBe(false);
  });

  it('lets the example reporting job end with the same outcome numbers as the events themselves', async () => {
    const { kafka, dir } = bed.get();
    const job = new ReportingJob(
      new KafkaFeedConsumer({ brokers: kafka.brokers, clientId: 'job', groupId: 'jejak-reporting-job' }),
      join(dir, 'reporting-job.json'),
      'jejak',
    );
    const direct = emptyOutcomeState();
    // The events as the job sees them: pseudonymised stream names and household ids.
    const shown = expected.flatMap((e) => piiFree.event(e) ?? []) as unknown as RecordedEvent[];
    for (const e of recordedAs<OutcomeEvent>(shown)) applyOutcomeEvent(direct, e);
    void job.run();
    try {
      await eventually(
        () => expect(job.state.revisions).toEqual(direct.revisions),
        'the reporting job to fold every stream',
        { timeoutMs: 30_000 },
      );
    } finally {
      await job.stop();
    }
    expect(job.state.summary).toEqual(direct.summary);
    expect(direct.summary.pkh).toMatchObject({ enrolled: 20, disbursements: 40, disbursedRupiah: 40 * 750_000 });
  }, 60_000);
});
