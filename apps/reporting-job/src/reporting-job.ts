import { topicFor, type FeedConsumer } from '#libs/platform/event-feed/index.js';
import {
  OUTCOME_CATEGORIES,
  applyOutcomeEvent,
  emptyOutcomeState,
  type OutcomeFeedEvent,
  type OutcomeState,
} from '#libs/reporting/index.js';
import type { JobStateStore } from './job-state.js';

/**
 * An example reporting job: a consumer-group member that reads the outcome topics and keeps the
 * programme-outcome summary (in PostgreSQL when configured, else in a file). Delivery is at least
 * once; the summary drops repeats by stream revision (each stream's events arrive in order, keyed
 * by stream). The state is saved before the batch's offsets are committed, so a restart neither
 * loses nor double-counts; a second copy of the job waits until the first lets go of the state.
 * It folds the same facts as the programme-outcome report (libs/reporting), so their totals agree.
 */
export class ReportingJob {
  state: OutcomeState = emptyOutcomeState();
  private readonly stopping = new AbortController();

  constructor(
    private readonly consumer: FeedConsumer,
    private readonly store: JobStateStore,
    private readonly topicPrefix: string,
    private readonly say: (message: string) => void = () => undefined,
  ) {}

  get topics(): string[] {
    return OUTCOME_CATEGORIES.map((c) => topicFor(this.topicPrefix, c));
  }

  async run(onBatch?: (state: OutcomeState) => void): Promise<void> {
    await this.store.acquire(this.say, this.stopping.signal);
    this.state = (await this.store.load()) ?? emptyOutcomeState();
    await this.consumer.run(this.topics, async (messages) => {
      // The topics carry the events of OUTCOME_CATEGORIES only: their bodies are outcome events.
      for (const message of messages) applyOutcomeEvent(this.state, JSON.parse(message.value) as OutcomeFeedEvent);
      await this.store.save(this.state);
      onBatch?.(this.state);
    });
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    await this.consumer.close();
    await this.store.close();
  }
}
