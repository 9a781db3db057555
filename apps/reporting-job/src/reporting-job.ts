import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { topicFor, type FeedConsumer } from '#libs/platform/event-feed/index.js';
import {
  OUTCOME_CATEGORIES,
  OUTCOME_STATE_VERSION,
  applyOutcomeEvent,
  emptyOutcomeState,
  type OutcomeFeedEvent,
  type OutcomeState,
} from '#libs/reporting/index.js';

/**
 * An example reporting job: a consumer-group member that reads the outcome topics and keeps the
 * programme-outcome summary in a file. Delivery is at least once; the summary drops repeats by
 * stream revision (each stream's events arrive in order, keyed by stream). The state is saved
 * before the batch's offsets are committed, so a restart neither loses nor double-counts. It folds
 * the same facts as the programme-outcome report (libs/reporting), so their totals agree.
 */
export class ReportingJob {
  state: OutcomeState;

  constructor(
    private readonly consumer: FeedConsumer,
    private readonly stateFile: string,
    private readonly topicPrefix: string,
  ) {
    this.state = existsSync(stateFile) ? readState(stateFile) : emptyOutcomeState();
  }

  get topics(): string[] {
    return OUTCOME_CATEGORIES.map((c) => topicFor(this.topicPrefix, c));
  }

  async run(onBatch?: (state: OutcomeState) => void): Promise<void> {
    await this.consumer.run(this.topics, async (messages) => {
      // The topics carry the events of OUTCOME_CATEGORIES only: their bodies are outcome events.
      for (const message of messages) applyOutcomeEvent(this.state, JSON.parse(message.value) as OutcomeFeedEvent);
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

function readState(file: string): OutcomeState {
  const state = JSON.parse(readFileSync(file, 'utf8')) as Partial<OutcomeState>;
  if (state.version !== OUTCOME_STATE_VERSION)
    throw new Error(
      `${file} holds the state of an older reporting job (version ${state.version ?? 1}, now ${OUTCOME_STATE_VERSION}): ` +
        'delete it and reset the consumer group to the earliest offsets, so the job folds the topics again',
    );
  return state as OutcomeState;
}
