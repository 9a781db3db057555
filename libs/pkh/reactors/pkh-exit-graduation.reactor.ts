import { localDay } from '#libs/platform/clock.js';
import type { CommandExecutor } from '#libs/platform/command-handling/index.js';
import type { StreamReader } from '#libs/platform/streams/index.js';
import type { RecordedEvent } from '#libs/platform/event-store/index.js';
import { recordedAs, type Projection } from '#libs/platform/read-store/index.js';
import { HOUSEHOLD_CATEGORY, type ExitApproved } from '#libs/households/index.js';
import { pkhDecider } from '../domain/index.js';
import { pkhStream } from '../pkh-streams.js';

/**
 * When an exit from poverty is approved, the household's PKH participation graduates
 * ("poverty_exit"). Runs on the durable feed with a checkpoint like a projection: at least once,
 * and harmless when repeated, because it acts only on a participation that began before the exit
 * and is still running. The graduation names the approving supervisor and the approval as cause.
 */
export function pkhExitGraduationReactor({
  executor,
  reader,
  timeZone,
}: {
  executor: CommandExecutor;
  reader: StreamReader;
  /** JEJAK_TIME_ZONE: the approval's recorded time is the command's `now`, its day `today`. */
  timeZone: string;
}): Projection {
  return {
    name: 'pkh-exit-graduation',
    version: 1,
    filter: { categories: [HOUSEHOLD_CATEGORY], types: ['ExitApproved'] },
    tables: [],
    isolated: true,
    async setup() {},
    async apply(_trx, approved: RecordedEvent) {
      const householdId = approved.stream.slice(HOUSEHOLD_CATEGORY.length + 1);
      const stream = pkhStream(householdId);
      const { state, events } = await reader.load(stream, pkhDecider);
      const enrolment = events.filter((e) => e.type === 'EnrolledInPkh').at(-1);
      if (!enrolment || enrolment.position > approved.position) return;
      if (state.status !== 'active' && state.status !== 'suspended') return;
      const [exit] = recordedAs<ExitApproved>([approved]);
      const { exitedOn } = exit!.data;
      await executor.execute({
        stream,
        decider: pkhDecider,
        command: {
          type: 'GraduateFromPkh',
          data: {
            householdId,
            kind: 'poverty_exit',
            reason: 'Exit from poverty approved',
            graduatedOn: exitedOn,
            // A graduation on exit counts no components: the members do not matter.
            members: [],
            index: null,
            at: approved.recordedAt,
          },
        },
        reason: 'Exit from poverty approved',
        context: {
          principal: { sub: approved.metadata.actor, role: approved.metadata.role as 'supervisor' },
          correlationId: approved.metadata.correlationId,
          causationId: approved.eventId,
          now: approved.recordedAt,
          today: localDay(approved.recordedAt, timeZone),
          idempotencyKey: `exit-graduation:${approved.eventId}`,
        },
      });
    },
  };
}
