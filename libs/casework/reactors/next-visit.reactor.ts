import { HouseholdDirectory } from '#libs/households/index.js';
import { PKH_CATEGORY, type PkhEvent } from '#libs/pkh/index.js';
import { localDay } from '#libs/platform/clock.js';
import { uuidFromName, type CommandExecutor } from '#libs/platform/command-handling/index.js';
import { idOf, type RecordedEvent } from '#libs/platform/event-store/index.js';
import { recordedAs, type Projection } from '#libs/platform/read-store/index.js';
import type { StreamReader } from '#libs/platform/streams/index.js';
import { caseworkStream } from '../casework-streams.js';
import { caseworkDecider } from '../domain/index.js';

type Verified = Extract<PkhEvent, { type: 'PkhComplianceVerified' }>;

/** `days` after a day (YYYY-MM-DD), as a day. */
export const daysAfter = (day: string, days: number): string =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/**
 * The next visit by rule (ADR 0018): a PKH stage verified as not compliant schedules a home visit
 * `days` after the verification (CASEWORK_VISIT_AFTER_NON_COMPLIANCE_DAYS, 30 by default; 0 turns
 * the rule off). Runs on the durable feed with a checkpoint, at least once: the visit's id comes
 * from the verification's event id, so a repeat finds it scheduled and does nothing. A closed case
 * gets no visit. The visit names the verifier as its actor and the verification as its cause.
 */
export function nextVisitReactor({
  executor,
  reader,
  days,
  timeZone,
}: {
  executor: CommandExecutor;
  reader: StreamReader;
  days: number;
  /** JEJAK_TIME_ZONE: the verification's recorded time is the command's `now`, its day `today`. */
  timeZone: string;
}): Projection {
  const households = new HouseholdDirectory(reader);
  return {
    name: 'casework-next-visit',
    version: 1,
    filter: { categories: [PKH_CATEGORY], types: ['PkhComplianceVerified'] },
    tables: [],
    isolated: true,
    async setup() {},
    async apply(_trx, recorded: RecordedEvent) {
      const [verified] = recordedAs<Verified>([recorded]);
      const { compliant, stage, verifiedOn } = verified!.data;
      if (days === 0 || compliant) return;
      const householdId = idOf(recorded.stream);
      const visitId = uuidFromName(`next-visit:${recorded.eventId}`);
      const stream = caseworkStream(householdId);
      const { state } = await reader.stateAt(stream, caseworkDecider);
      if (state.visits[visitId]) return;
      const household = await households.find(householdId);
      if (!household.registered || !household.caseOpen) return;
      const purpose = `PKH stage ${stage} verified as not compliant on ${verifiedOn}`;
      await executor.execute({
        stream,
        decider: caseworkDecider,
        command: {
          type: 'ScheduleVisit',
          data: {
            householdId,
            visitId,
            kind: 'home_visit',
            dueOn: daysAfter(verifiedOn, days),
            origin: 'non_compliant_verification',
            purpose,
            caseOpen: true,
            at: recorded.recordedAt,
            today: localDay(recorded.recordedAt, timeZone),
          },
        },
        reason: purpose,
        context: {
          principal: { sub: recorded.metadata.actor, role: recorded.metadata.role as 'caseworker' },
          correlationId: recorded.metadata.correlationId,
          causationId: recorded.eventId,
          now: recorded.recordedAt,
          today: localDay(recorded.recordedAt, timeZone),
          idempotencyKey: `next-visit:${recorded.eventId}`,
        },
      });
    },
  };
}
