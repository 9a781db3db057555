import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { topicFor, type FeedConsumer, type FeedEvent } from '#libs/platform/event-feed/index.js';
import { OUTCOME_CATEGORIES, applyOutcomeEvent, emptyOutcomeState, type OutcomeState } from '#libs/reporting/index.js';

/**
 * An example reporting job: a consumer-group member that reads the outcome topics and keeps the
 * programme-outcome summary in a file. Delivery is at least once; the summary drops repeats by
 * stream revision (each stream's events arrive in order, keyed by stream). The state is saved
 * before the batch's offsets are committed, so a restart neither loses nor double-counts.
 */
export class ReportingJob {
  state: OutcomeState;

  constructor(
    private readonly consumer: FeedConsumer,
    private readonly stateFile: string,
    private readonly topicPrefix: string,
  ) {
    this.state = existsSync(stateFile)
      ? (JSON.parse(readFileSync(stateFile, 'utf8')) as OutcomeState)
      : emptyOutcomeState();
  }

  get topics(): string[] {
    return OUTCOME_CATEGORIES.map((c) => topicFor(this.topicPrefix, c));
  }

  async run(onBatch?: (state: OutcomeState) => void): Promise<void> {
    await this.consumer.run(this.topics, async (messages) => {
      for (const message of messages) applyOutcomeEvent(this.state, JSON.parse(message.value) as FeedEvent);
      this.save();
      onBatch?.(this.state);
    });
  }

  async stop(): Promise<void> {
    await this.consumer.close();
  }

  private save(): void {
    mkdirSync(dirname(this.stateFile), { recursive: true });
    const tmp = `${this.stateFile}.tmp`;
    writeFileSync(tmp, JSON.stringify(this.state));
    renameSync(tmp, this.stateFile);
  }
}
