import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Kysely } from 'kysely';
import { CLOCK, type Clock } from '#libs/platform/clock.js';
import { APP_CONFIG, type AppConfig } from '#libs/platform/config/index.js';
import { DomainError } from '#libs/platform/domain/index.js';
import { READ_DATABASE, type ReadDatabase } from '#libs/platform/read-store/index.js';
import { ComplaintCommandHandler } from './commands/complaint.command-handler.js';
import { COMPLAINT_LIST_TABLE, type ComplaintListTables } from './read-models/complaint-list/complaint-list.table.js';

/** The actor escalations are recorded under: the sweep, not a person. */
export const ESCALATION_ACTOR = 'jejak-escalation';
const BATCH = 500;

/**
 * The clock-driven check of ADR 0014: every COMPLAINT_ESCALATION_SWEEP_MINUTES it escalates each
 * open complaint past its due day that is not escalated yet, one ComplaintEscalated event each,
 * through the command path like any command (the decider checks "overdue" again, so a complaint
 * resolved meanwhile is left alone). Several API instances may sweep at once: the event id comes
 * from the complaint (idempotency key), and the second attempt is refused as already escalated.
 */
@Injectable()
export class ComplaintEscalator implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('ComplaintEscalator');
  private readonly db: Kysely<ComplaintListTables>;
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly complaints: ComplaintCommandHandler,
    @Inject(READ_DATABASE) database: ReadDatabase,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.db = database.reader;
  }

  onApplicationBootstrap(): void {
    const minutes = this.config.complaintEscalationSweepMinutes;
    if (minutes === 0) return;
    this.timer = setInterval(() => {
      this.sweep().catch((error: unknown) => this.logger.warn(`Escalation sweep failed: ${String(error)}`));
    }, minutes * 60_000);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Escalates what is overdue now; answers the complaints it escalated. */
  async sweep(): Promise<string[]> {
    const now = this.clock.now().toISOString();
    const today = this.complaints.today(now);
    const overdue = await this.db
      .selectFrom(COMPLAINT_LIST_TABLE)
      .select(['complaint_id', 'household_id'])
      .where('status', '=', 'open')
      .where('escalated_on', 'is', null)
      .where('due_on', '<', today)
      .orderBy('received_position')
      .limit(BATCH)
      .execute();
    const escalated: string[] = [];
    for (const { complaint_id: complaintId, household_id: householdId } of overdue) {
      const context = {
        principal: { sub: ESCALATION_ACTOR, role: 'admin' as const },
        correlationId: `complaint-escalation:${today}`,
        causationId: `complaint-escalation:${complaintId}`,
        now,
        today,
        idempotencyKey: `complaint-escalation:${complaintId}`,
      };
      try {
        await this.complaints.execute(
          complaintId,
          { type: 'EscalateComplaint', data: { householdId, today } },
          context,
          'Overdue',
        );
        escalated.push(complaintId);
      } catch (error) {
        // Escalated or resolved by another instance or a person meanwhile: nothing to do.
        if (!(error instanceof DomainError)) throw error;
      }
    }
    return escalated;
  }
}
