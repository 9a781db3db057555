import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from '@jest/globals';
import { postgresJobState } from '../../apps/reporting-job/src/job-state.js';
import { ReportingJob } from '../../apps/reporting-job/src/reporting-job.js';
import type { RecordedEvent } from '#libs/platform/event-store/index.js';
import { eventually } from '../support/eventually.js';
import { testMetadata } from '../support/events.js';
import { dropSchema, testDatabaseUrl } from '../support/postgres.js';
import { replayingConsumer } from '../support/reporting-job.js';

let position = 0;
/** A household enrolled in PKH and paid once, as recorded events of its pkh stream. */
function enrolledAndPaid(): RecordedEvent[] {
  const id = randomUUID();
  return [
    ['EnrolledInPkh', { householdId: id }],
    ['PkhBenefitDisbursed', { householdId: id, stage: '2026-1', amount: 750_000 }],
  ].map(([type, data], revision) => ({
    eventId: randomUUID(),
    type: type as string,
    data,
    metadata: testMetadata,
    stream: `pkh-${id}`,
    revision,
    position: ++position,
    recordedAt: '2026-02-01T00:00:00.000Z',
  }));
}

/**
 * The reporting job's state in PostgreSQL: one copy writes it, a second waits as a standby and
 * takes over from where the first stopped, folding what it receives again without counting twice.
 */
describe('reporting job state in PostgreSQL, one writer', () => {
  const schema = `job_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const store = () => postgresJobState(testDatabaseUrl(), schema, 'jejak-reporting-job', 50);
  afterAll(() => dropSchema(schema));

  it('keeps a second copy waiting until the first stops, then resumes from its state', async () => {
    const first = Array.from({ length: 20 }, enrolledAndPaid).flat();
    const later = Array.from({ length: 5 }, enrolledAndPaid).flat();
    const a = new ReportingJob(replayingConsumer(first), store(), 'jejak');
    await a.run();
    expect(a.state.summary.pkh).toMatchObject({ enrolled: 20, disbursements: 20 });

    const said: string[] = [];
    const consumerB = replayingConsumer([...first, ...later]);
    const b = new ReportingJob(consumerB, store(), 'jejak', (m) => said.push(m));
    const running = b.run();
    await eventually(() => said.some((m) => m.includes('waiting as a standby')), 'the second copy to wait');
    expect(consumerB.runs).toBe(0);

    await a.stop();
    await running;
    expect(consumerB.runs).toBe(1);
    expect(b.state.summary.pkh).toMatchObject({ enrolled: 25, disbursements: 25, disbursedRupiah: 25 * 750_000 });
    await b.stop();

    const c = store();
    await c.acquire(() => undefined);
    expect((await c.load())?.summary).toEqual(b.state.summary);
    await c.close();
  });
});
