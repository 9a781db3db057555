import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileJobState } from '../../apps/reporting-job/src/job-state.js';
import { ReportingJob } from '../../apps/reporting-job/src/reporting-job.js';
import { toFeedMessage, type FeedConsumer, type FeedMessage } from '#libs/platform/event-feed/index.js';
import type { RecordedEvent } from '#libs/platform/event-store/index.js';
import type { PiiFreeView } from '#libs/platform/privacy/index.js';
import type { OutcomeState } from '#libs/reporting/index.js';
import { testPiiFree } from './pii-free.js';

/**
 * The feed as the Kafka relay publishes these events (PII-free: allow-listed fields, keyed
 * pseudonyms), each batch of 500 delivered twice (at least once). Only the messages of the topics
 * the job subscribes to reach it, one topic after the other, last topic first: Kafka keeps each
 * stream's order, not the order across topics. `runs` counts the calls of run().
 */
export function replayingConsumer(
  events: readonly RecordedEvent[],
  piiFree: PiiFreeView = testPiiFree(),
): FeedConsumer & { runs: number } {
  const messages = events
    .map((e) => toFeedMessage(e, { topicPrefix: 'jejak', piiFree }))
    .filter((m): m is FeedMessage => m !== null);
  return {
    runs: 0,
    async run(topics, handle) {
      this.runs += 1;
      const subscribed = [...topics].reverse().flatMap((topic) => messages.filter((m) => m.topic === topic));
      for (let i = 0; i < subscribed.length; i += 500) {
        const batch: FeedMessage[] = subscribed.slice(i, i + 500);
        await handle(batch);
        await handle(batch);
      }
    },
    async close() {},
  };
}

/** The example reporting job's state after it consumed these events (see replayingConsumer). */
export async function reportingJobOver(
  events: readonly RecordedEvent[],
  piiFree: PiiFreeView = testPiiFree(),
): Promise<OutcomeState> {
  const dir = mkdtempSync(join(tmpdir(), 'jejak-reporting-job-'));
  try {
    const job = new ReportingJob(
      replayingConsumer(events, piiFree),
      fileJobState(join(dir, 'reporting-job.json')),
      'jejak',
    );
    await job.run();
    await job.stop();
    return job.state;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
