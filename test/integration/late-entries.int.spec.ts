import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SqliteEventStore, type NewEvent } from '#libs/platform/event-store/index.js';
import { ProjectionRunner, openSqliteReadDatabase, type ReadDatabase } from '#libs/platform/read-store/index.js';
import { emptyOutcomeTotals, type FrozenReport } from '#libs/reporting/index.js';
import { OutcomeReports, outcomeFactsProjection, periodProjection } from '#libs/views/index.js';
import { PeriodReports } from '../../libs/views/periods/period-reports.js';
import { testMetadata } from '../support/events.js';

const ev = (type: string, data: object, at: string): NewEvent => ({
  eventId: randomUUID(),
  type,
  data,
  metadata: { ...testMetadata, occurredAt: at },
});
const area = { kecamatan: 'Jatiasih', kelurahan: 'Jatirasa' };

/**
 * Late entries over the real SQLite store and projections, including a payment recorded between
 * the close's fold of the feed and the close itself: in neither the frozen report nor its month's
 * open figures, it must be listed as late.
 */
describe('late entries of a closed month', () => {
  let dir: string;
  let store: SqliteEventStore;
  let readDb: ReadDatabase;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'jejak-late-entries-'));
    store = new SqliteEventStore({ filename: join(dir, 'events.db'), synchronous: 'NORMAL' });
    readDb = openSqliteReadDatabase(dir);
    const h = randomUUID();
    const paid = (amount: number, disbursedOn: string, at: string) =>
      ev('PkhBenefitDisbursed', { householdId: h, stage: '2026-1', amount, disbursedOn }, at);
    await store.append(
      `household-${h}`,
      [ev('HouseholdRegistered', { householdId: h, address: area, members: [{}] }, '2026-01-05T03:00:00Z')],
      'any',
    );
    const folded = await store.append(
      `pkh-${h}`,
      [
        ev('EnrolledInPkh', { householdId: h, enrolledOn: '2026-01-05' }, '2026-01-05T03:00:00Z'),
        paid(500_000, '2026-03-20', '2026-03-20T03:00:00Z'),
      ],
      'any',
    );
    // Recorded after the close's fold, before its append.
    await store.append(`pkh-${h}`, [paid(100_000, '2026-03-27', '2026-04-26T03:00:00Z')], 'any');
    const { summary: totals, trainingCostRupiah } = emptyOutcomeTotals();
    const report: FrozenReport = {
      period: '2026-03',
      basis: 'business',
      asOfPosition: folded.position,
      totals,
      trainingCostRupiah,
      byKecamatan: {},
    };
    await store.append(
      'period-2026-03',
      [ev('PeriodClosed', { period: '2026-03', closedBy: 'sv-01', report, reportHash: 'x' }, '2026-04-26T03:00:01Z')],
      'no_stream',
    );
    await store.append(`pkh-${h}`, [paid(200_000, '2026-03-28', '2026-05-02T03:00:00Z')], 'any');
    const runner = new ProjectionRunner(store, readDb, [outcomeFactsProjection('Asia/Jakarta'), periodProjection], {
      batchSize: 2,
    });
    await runner.start();
    expect(await runner.settle(20_000)).toBe(true);
    await runner.stop();
  });
  afterAll(async () => {
    await readDb.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lists what came after the fold, whether before or after the close, reported in the next open month', async () => {
    const reports = new PeriodReports(readDb, new OutcomeReports(readDb));
    const late = await reports.lateEntries({ period: '2026-03' });
    expect(late.map((e) => [e.businessDate, e.reportedIn])).toEqual([
      ['2026-03-27', '2026-04'],
      ['2026-03-28', '2026-04'],
    ]);
    expect(await reports.lateEntries({ reportedIn: '2026-04' })).toEqual(late);
    const corrected = await reports.report('2026-03', 'with-late-corrections');
    expect(corrected).toMatchObject({ status: 'closed', lateEntries: 2 });
    expect(corrected.totals.pkh.disbursedRupiah).toBe(800_000);
  });
});
