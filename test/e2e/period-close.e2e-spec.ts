import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { seedCity } from '../../apps/api/src/cli/seed/seed.js';
import { canonicalJson } from '#libs/platform/hash-chain/index.js';
import { OUTCOME_CATEGORIES, monthTotals, type DatedOutcomeEvent } from '#libs/reporting/index.js';
import { localMonth } from '../../libs/views/shared/periods.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * Closing a month over a seeded city whose entries carry their business dates (payments of
 * March typed as of March), then entries back-dated into the closed month: the closed report
 * stays as it was, the late entries are listed, and both views equal a fold over the feed.
 */
describe('closing a reporting month', () => {
  let t: TestApp;
  const auth = (token: string) => ({ authorization: `Bearer ${token}` });
  const fold = async (month: string) => {
    const events = await t.store.readAll({ filter: { categories: OUTCOME_CATEGORIES } });
    const folded = monthTotals(events as unknown as DatedOutcomeEvent[], month, (at) => localMonth(at, 'Asia/Jakarta'));
    return { totals: folded.summary, trainingCostRupiah: folded.trainingCostRupiah, byKecamatan: folded.byKecamatan };
  };
  const period = async (view: string) =>
    t.http
      .get('/api/v1/reports/periods/2026-03')
      .query({ view })
      .set(auth(await t.token('reporter')))
      .expect(200);
  let closed: Record<string, unknown>;
  let grant: number;

  beforeAll(async () => {
    t = await startTestApp();
    await seedCity(t.app, { households: 80, seed: 11 });
    expect(await t.runner.settle(60_000)).toBe(true);
  }, 120_000);
  afterAll(async () => t.close());

  it('is refused to a reporter, and before the cut-off day of the next month', async () => {
    await t.http
      .post('/api/v1/reports/periods/2026-03/close')
      .set(auth(await t.token('reporter')))
      .expect(403);
    const early = await t.http
      .post('/api/v1/reports/periods/2026-11/close')
      .set(auth(await t.token('supervisor', 'sv-close')))
      .expect(422);
    expect(early.body).toMatchObject({ code: 'PERIOD.BEFORE_CUTOFF', cutoff: '2026-12-25' });
  });

  it('freezes the month: its report is the fold of the feed, hashed, served as closed', async () => {
    const before = await fold('2026-03');
    expect(before.totals.pkh.disbursedRupiah).toBeGreaterThan(0);
    const close = await t.http
      .post('/api/v1/reports/periods/2026-03/close')
      .set(auth(await t.token('supervisor', 'sv-close')))
      .expect(200);
    expect(await t.runner.waitFor(close.body.position, 20_000)).toBe(true);
    const { body } = await period('as-closed');
    closed = body;
    expect(body).toMatchObject({ period: '2026-03', status: 'closed', view: 'as-closed', closedBy: 'sv-close' });
    expect(body.totals).toEqual(before.totals);
    expect(body.trainingCostRupiah).toBe(before.trainingCostRupiah);
    const [kecamatan, figures] = Object.entries(before.byKecamatan)[0]!;
    const oneArea = await t.http
      .get('/api/v1/reports/periods/2026-03')
      .query({ kecamatan })
      .set(auth(await t.token('reporter')))
      .expect(200);
    expect(oneArea.body).toMatchObject({ kecamatan, status: 'closed', totals: figures.summary });
    // The frozen report is the event's data: the audit chain hashes it, and reportHash names it.
    const [event] = await t.store.readStream('period-2026-03');
    const report = (event!.data as { report: unknown }).report;
    expect(body.reportHash).toBe(createHash('sha256').update(canonicalJson(report)).digest('hex'));
    const verify = await t.http
      .get('/api/v1/audit/verify')
      .set(auth(await t.token('auditor')))
      .expect(200);
    expect(verify.body.ok).toBe(true);
  });

  it('takes late entries, lists them, and keeps the closed report unchanged', async () => {
    const formed = (await t.store.readAll({ filter: { types: ['KubeFormed'] } }))[0]!;
    const kubeId = (formed.data as { kubeId: string }).kubeId;
    grant = 7_500_000;
    const late = await t.http
      .post(`/api/v1/kubes/${kubeId}/grants`)
      .set(auth(await t.token('supervisor', 'sv-close')))
      .send({ amount: grant, source: 'APBD', reference: 'SP2D-LATE-1', disbursedOn: '2026-03-20' })
      .expect(200);
    expect(await t.runner.waitFor(late.body.position, 20_000)).toBe(true);

    const asClosed = (await period('as-closed')).body;
    expect(asClosed).toEqual({ ...closed, lateEntries: 1 });
    const entries = await t.http
      .get('/api/v1/reports/late-entries')
      .query({ period: '2026-03' })
      .set(auth(await t.token('reporter')))
      .expect(200);
    expect(entries.body.items).toEqual([
      expect.objectContaining({
        position: late.body.position,
        period: '2026-03',
        reportedIn: '2026-04',
        type: 'KubeGrantDisbursed',
        businessDate: '2026-03-20',
      }),
    ]);

    const outcomes = await t.http
      .get('/api/v1/reports/programme-outcomes')
      .query({ from: '2026-01', to: '2026-06' })
      .set(auth(await t.token('reporter')))
      .expect(200);
    expect(outcomes.body.closedMonths).toEqual(['2026-03']);
    const april = await t.http
      .get('/api/v1/reports/periods/2026-04')
      .set(auth(await t.token('reporter')))
      .expect(200);
    expect(april.body).toMatchObject({ status: 'open', lateEntries: 0, lateCorrectionsReportedHere: 1 });
    const corrected = (await period('with-late-corrections')).body;
    expect(corrected).toMatchObject({ status: 'closed', view: 'with-late-corrections', lateEntries: 1 });
    expect(corrected.totals).toEqual((await fold('2026-03')).totals);
    const frozen = closed.totals as { kube: { grantsRupiah: number } };
    expect(corrected.totals.kube.grantsRupiah).toBe(frozen.kube.grantsRupiah + grant);
  });

  it('reopens only when someone other than who asked approves, with a reason', async () => {
    const asker = await t.token('supervisor', 'sv-close');
    await t.http
      .post('/api/v1/reports/periods/2026-03/reopening')
      .set(auth(asker))
      .send({ reason: 'Grants of March were entered after the close' })
      .expect(200);
    const own = await t.http.post('/api/v1/reports/periods/2026-03/reopening/approval').set(auth(asker)).expect(422);
    expect(own.body.code).toBe('PERIOD.CANNOT_APPROVE_OWN_REOPENING');
    const reopened = await t.http
      .post('/api/v1/reports/periods/2026-03/reopening/approval')
      .set(auth(await t.token('admin')))
      .expect(200);
    expect(await t.runner.waitFor(reopened.body.position, 20_000)).toBe(true);
    const { body } = await period('as-closed');
    expect(body).toMatchObject({ status: 'open', view: 'with-late-corrections', reportHash: null });
    expect(body.totals).toEqual((await fold('2026-03')).totals);
  });
});
