import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { CommandExecutor, type CommandContext } from '#libs/platform/command-handling/index.js';
import { APP_CONFIG, type AppConfig } from '#libs/platform/config/index.js';
import { EVENT_STORE, type EventStore } from '#libs/platform/event-store/index.js';
import { canonicalJson } from '#libs/platform/hash-chain/index.js';
import { commandResponse, type CommandResponse } from '#libs/platform/http/index.js';
import {
  OUTCOME_CATEGORIES,
  monthTotals,
  periodDecider,
  periodStream,
  type DatedOutcomeEvent,
  type FrozenReport,
  type PeriodCommand,
} from '#libs/reporting/index.js';
import { localDay, localMonth } from '../shared/periods.js';

/**
 * The commands on a reporting month's stream. Closing gathers the frozen report: the month's
 * city-wide totals folded from the feed up to its head (not from the read model, which may lag),
 * hashed; the event carries both, so the audit chain hashes the report with it.
 */
@Injectable()
export class PeriodCommandHandler {
  constructor(
    private readonly executor: CommandExecutor,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute(period: string, command: PeriodCommand, context: CommandContext, reason?: string) {
    const result = await this.executor.execute({
      stream: periodStream(period),
      decider: periodDecider,
      command,
      context,
      ...(reason ? { reason } : {}),
    });
    return commandResponse(period, result);
  }

  async close(period: string, context: CommandContext): Promise<CommandResponse> {
    const report = await this.frozenReport(period);
    const reportHash = createHash('sha256').update(canonicalJson(report)).digest('hex');
    const data = {
      period,
      actor: context.principal.sub,
      today: localDay(context.now, this.config.timeZone),
      cutoffDay: this.config.periodCloseCutoffDay,
      report,
      reportHash,
    };
    return this.execute(period, { type: 'ClosePeriod', data }, context);
  }

  private async frozenReport(period: string): Promise<FrozenReport> {
    const events: DatedOutcomeEvent[] = [];
    const head = await this.store.headPosition();
    let after = 0;
    while (after < head) {
      const batch = await this.store.readAll({ after, limit: 2_000, filter: { categories: OUTCOME_CATEGORIES } });
      if (batch.length === 0) break;
      for (const event of batch) if (event.position <= head) events.push(event as unknown as DatedOutcomeEvent);
      after = batch[batch.length - 1]!.position;
    }
    const folded = monthTotals(events, period, (at) => localMonth(at, this.config.timeZone));
    const byKecamatan = Object.fromEntries(
      Object.entries(folded.byKecamatan).map(([kecamatan, t]) => [
        kecamatan,
        { totals: t.summary, trainingCostRupiah: t.trainingCostRupiah },
      ]),
    );
    const { summary: totals, trainingCostRupiah } = folded;
    return { period, basis: 'business', asOfPosition: head, totals, trainingCostRupiah, byKecamatan };
  }
}
