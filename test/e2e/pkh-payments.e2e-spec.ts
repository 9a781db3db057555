import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { expectRebuildsMatchLive } from '../support/rebuild-equivalence.js';
import { reportingJobOver } from '../support/reporting-job.js';
import { household, startTestApp, type TestApp } from '../support/test-app.js';

/**
 * PKH payments as they run (issue #16): due households in a batch with control totals, approval by
 * someone other than the maker, the payment file, the channel's result file with paid, failed,
 * returned and bad rows, a reissue of the failed ones, a reversal, a second stage; the balance
 * holds at each step and the programme-outcome report counts what the channel confirmed.
 */
describe('PKH disbursement batches', () => {
  let t: TestApp;
  let cw: string;
  let maker: string;
  let checker: string;
  let auditor: string;
  let reporter: string;
  const auth = (token: string) => ({ authorization: `Bearer ${token}` });
  const post = (token: string, url: string, body: object = {}) =>
    t.http.post(`/api/v1${url}`).set(auth(token)).send(body);
  const get = (token: string, url: string) => t.http.get(`/api/v1${url}`).set(auth(token));
  const ids: string[] = [];
  const entitlement: Record<string, number> = {};

  beforeAll(async () => {
    t = await startTestApp();
    cw = await t.token('caseworker', 'cw-pay');
    maker = await t.token('supervisor', 'sv-maker');
    checker = await t.token('supervisor', 'sv-checker');
    auditor = await t.token('auditor', 'au-pay');
    reporter = await t.token('reporter', 'rp-pay');
    for (let i = 0; i < 5; i++) {
      const { body } = await post(cw, '/households', household()).expect(201);
      await post(cw, `/households/${body.id}/assessments`, {
        perCapitaIncome: 380_000,
        povertyLine: 600_000,
        assessedOn: '2026-01-05',
      }).expect(200);
      await post(cw, `/households/${body.id}/pkh/enrolment`, { enrolledOn: '2026-01-10' }).expect(200);
      for (const stage of ['2026-1', '2026-2']) {
        // The fifth family missed school in stage 1: it is not due.
        const compliant = !(i === 4 && stage === '2026-1');
        await post(cw, `/households/${body.id}/pkh/verifications`, {
          stage,
          compliant,
          missed: compliant ? [] : [{ nik: household().members[2]!.nik, commitment: 'school_attendance' }],
          verifiedOn: stage === '2026-1' ? '2026-03-01' : '2026-06-01',
        }).expect(200);
      }
      const { body: pkh } = await get(cw, `/households/${body.id}/pkh`).expect(200);
      ids.push(body.id);
      entitlement[body.id] = pkh.entitlementPerStage;
    }
  }, 60_000);
  afterAll(async () => t.close());

  const totals = (households: string[]) => ({
    controlCount: households.length,
    controlRupiah: households.reduce((n, h) => n + entitlement[h]!, 0),
  });
  const declare = (stage: string, households: string[], token = maker) =>
    post(token, '/pkh/batches', {
      stage,
      channel: 'bank_transfer',
      plannedOn: '2026-03-10',
      householdIds: households,
      ...totals(households),
    });
  const balance = async (batchId: string) => (await get(auditor, `/pkh/batches/${batchId}`).expect(200)).body;
  const rupiah = (households: string[]) => households.reduce((n, h) => n + entitlement[h]!, 0);

  let first: string;
  let references: Record<string, string>;
  const due = async (stage: string, minPosition: number) =>
    (
      await get(
        maker,
        `/pkh/stages/${stage}/due?kecamatan=Bekasi%20Utara&limit=1000&minPosition=${minPosition}`,
      ).expect(200)
    ).body.items.filter((i: { householdId: string }) => ids.includes(i.householdId)) as {
      householdId: string;
      amount: number;
      lastFailure: string | null;
    }[];

  it('lists the households due for a stage, within scope, with their amount; as CSV too', async () => {
    const { body } = await get(cw, `/households/${ids[4]}/pkh`).expect(200);
    const position = (await t.store.readAll()).at(-1)!.position;
    expect(body.stages['2026-1'].compliant).toBe(false);
    const items = await due('2026-1', position);
    expect(items.map((i) => i.householdId).sort()).toEqual(ids.slice(0, 4).sort());
    expect(items.every((i) => i.amount === entitlement[i.householdId] && i.lastFailure === null)).toBe(true);
    const csv = await get(maker, `/pkh/stages/2026-1/due?kecamatan=Bekasi%20Utara&minPosition=${position}`)
      .set('accept', 'text/csv')
      .expect(200);
    expect(csv.text.split('\r\n')[0]).toBe('householdId,stage,kecamatan,kelurahan,amount,lastFailure');
    expect((await get(maker, '/pkh/stages/2026-9/due').expect(400)).body.errors[0].field).toBe('stage');
    await get(reporter, '/pkh/stages/2026-1/due').expect(403);
  });

  it('declares a batch from the due list with control totals, refusing households that are not due', async () => {
    const notDue = await declare('2026-1', [ids[0]!, ids[4]!]).expect(422);
    expect(notDue.body.code).toBe('BATCH.HOUSEHOLD_NOT_DUE');
    expect(notDue.body.refused).toEqual([{ householdId: ids[4], reason: 'STAGE_NOT_COMPLIANT' }]);
    const wrong = await post(maker, '/pkh/batches', {
      stage: '2026-1',
      channel: 'bank_transfer',
      plannedOn: '2026-03-10',
      householdIds: ids.slice(0, 3),
      controlCount: 3,
      controlRupiah: 1,
    }).expect(422);
    expect(wrong.body.code).toBe('BATCH.CONTROL_TOTALS_DIFFER');
    const declared = await declare('2026-1', ids.slice(0, 4)).expect(201);
    first = declared.body.id;
    expect(declared.headers.location).toBe(`/api/v1/pkh/batches/${first}`);
    const view = await balance(first);
    expect(view).toMatchObject({ status: 'declared', maker: 'sv-maker', approvalsNeeded: 1 });
    expect(view.balance.declared).toEqual({ count: 4, rupiah: rupiah(ids.slice(0, 4)) });
    expect(view.balance.sent).toEqual({ count: 0, rupiah: 0 });
    expect(view.balance.pending).toEqual(view.balance.declared);
    expect(await due('2026-1', declared.body.position)).toEqual([]);
    references = Object.fromEntries(
      view.payments.map((p: { householdId: string; reference: string }) => [p.householdId, p.reference]),
    );
  });

  it('keeps a household in one open batch per stage', async () => {
    const again = await declare('2026-1', [ids[0]!], checker).expect(422);
    expect(again.body.refused).toEqual([{ householdId: ids[0], reason: 'IN_OPEN_BATCH' }]);
  });

  it('lets someone other than the maker approve, then exports once: the same bytes, their checksum recorded', async () => {
    expect((await post(maker, `/pkh/batches/${first}/export`).expect(422)).body.code).toBe('BATCH.NOT_APPROVED');
    expect((await post(maker, `/pkh/batches/${first}/approval`).expect(422)).body.code).toBe(
      'BATCH.MAKER_CANNOT_APPROVE',
    );
    await post(checker, `/pkh/batches/${first}/approval`).expect(200);
    const exported = await post(maker, `/pkh/batches/${first}/export`).expect(200);
    const file = await get(auditor, `/pkh/batches/${first}/payment-file`).set('accept', 'text/csv').expect(200);
    expect(createHash('sha256').update(file.text, 'utf8').digest('hex')).toBe(exported.body.checksum);
    expect(file.text.split('\r\n')[0]).toBe('reference,nik,account,name,amount,stage,batch_id');
    const again = await post(maker, `/pkh/batches/${first}/export`).expect(200);
    expect(again.body).toEqual(exported.body);
    const secondFile = await get(auditor, `/pkh/batches/${first}/payment-file`).set('accept', 'text/csv').expect(200);
    expect(secondFile.text).toBe(file.text);
    expect((await post(maker, `/pkh/batches/${first}/cancellation`).expect(422)).body.code).toBe('BATCH.ALREADY_SENT');
    const view = await balance(first);
    expect(view.status).toBe('exported');
    expect(view.balance.sent).toEqual(view.balance.declared);
  });

  it('reconciles a result file row by row, keeps the good rows, and changes nothing on a second import', async () => {
    const [paid, failed, returned, late] = ids;
    const file = [
      'reference,status,reason_code,amount,date',
      `${references[paid!]},paid,,${entitlement[paid!]},2026-03-11`,
      `${references[failed!]},failed,ACCOUNT_CLOSED,${entitlement[failed!]},2026-03-11`,
      `${references[returned!]},returned,CARD_NOT_COLLECTED,${entitlement[returned!]},2026-03-25`,
      `${references[late!]},paid,,not-a-number,2026-03-11`,
      `PKH-2026-1-FFFFFFFF-00009,paid,,100000,2026-03-11`,
      `${references[paid!]},paid,,${entitlement[paid!]},2026-03-11`,
    ].join('\r\n');
    const imported = await post(maker, `/pkh/batches/${first}/results`, { file }).expect(200);
    expect(
      imported.body.rows.map((r: { line: number; result: string; code: string | null }) => [r.line, r.result, r.code]),
    ).toEqual([
      [2, 'matched', null],
      [3, 'matched', null],
      [4, 'matched', null],
      [5, 'refused', 'RESULT.MALFORMED_ROW'],
      [6, 'refused', 'RESULT.UNKNOWN_REFERENCE'],
      [7, 'refused', 'RESULT.DUPLICATE_ROW'],
    ]);
    const view = await balance(first);
    expect(view.balance.paid).toEqual({ count: 1, rupiah: entitlement[paid!] });
    expect(view.balance.failed).toEqual({ count: 1, rupiah: entitlement[failed!] });
    expect(view.balance.returned).toEqual({ count: 1, rupiah: entitlement[returned!] });
    expect(view.balance.pending).toEqual({ count: 1, rupiah: entitlement[late!] });
    // The failed and returned payments are due again, with their reason; the paid one is not.
    const dueAgain = await due('2026-1', (await t.store.readAll()).at(-1)!.position);
    expect(dueAgain.map((i) => [i.householdId, i.lastFailure]).sort()).toEqual(
      [
        [failed, 'failed:ACCOUNT_CLOSED'],
        [returned, 'returned:CARD_NOT_COLLECTED'],
      ].sort(),
    );
    const again = await post(maker, `/pkh/batches/${first}/results`, { file }).expect(200);
    expect(again.body.revision).toBe(imported.body.revision);
    expect(again.body.rows.slice(0, 3).map((r: { result: string }) => r.result)).toEqual([
      'unchanged',
      'unchanged',
      'unchanged',
    ]);
    // The confirmed payment is on the family's PKH record; the failed one is not, and is due again.
    expect((await get(cw, `/households/${paid}/pkh`).expect(200)).body.stages['2026-1'].disbursed).toBe(
      entitlement[paid!],
    );
    expect((await get(cw, `/households/${failed}/pkh`).expect(200)).body.stages['2026-1'].disbursed).toBeNull();
  });

  let reissue: string;
  it('reissues the failed and returned payments only, and never pays a stage twice', async () => {
    const [paid, failed, returned] = ids;
    const body = (households: string[]) => ({
      channel: 'post_office',
      plannedOn: '2026-04-01',
      householdIds: households,
      ...totals(households),
    });
    const withPaid = await post(maker, `/pkh/batches/${first}/reissue`, body([paid!, failed!])).expect(422);
    expect(withPaid.body).toMatchObject({ code: 'BATCH.REISSUE_TAKES_FAILED_ONLY', householdIds: [paid] });
    const created = await post(maker, `/pkh/batches/${first}/reissue`, body([failed!, returned!])).expect(201);
    reissue = created.body.id;
    expect((await balance(reissue)).reissueOf).toBe(first);
    await post(checker, `/pkh/batches/${reissue}/approval`).expect(200);
    await post(maker, `/pkh/batches/${reissue}/export`).expect(200);
    const view = await balance(reissue);
    const file = [
      'reference,status,reason_code,amount,date',
      ...view.payments.map((p: { reference: string; amount: number }) => `${p.reference},paid,,${p.amount},2026-04-03`),
    ].join('\n');
    await post(maker, `/pkh/batches/${reissue}/results`, { file }).expect(200);
    expect((await balance(reissue)).balance.paid).toEqual({ count: 2, rupiah: rupiah([failed!, returned!]) });
  });

  it('records a reversal of a paid payment', async () => {
    const [paid] = ids;
    const reversed = await post(maker, `/pkh/batches/${first}/payments/${references[paid!]}/reversal`, {
      reversedOn: '2026-03-20',
      reason: 'Recalled by the bank: paid to a wrong account',
    }).expect(200);
    expect(reversed.body.id).toBe(first);
    const view = await balance(first);
    expect(view.balance.reversed).toEqual({ count: 1, rupiah: entitlement[paid!] });
    expect(view.balance.paid).toEqual({ count: 0, rupiah: 0 });
    const { declared, paid: p, failed, returned, reversed: r, pending } = view.balance;
    expect(p.count + failed.count + returned.count + r.count + pending.count).toBe(declared.count);
    expect(p.rupiah + failed.rupiah + returned.rupiah + r.rupiah + pending.rupiah).toBe(declared.rupiah);
    const refused = await post(maker, `/pkh/batches/${first}/payments/${references[ids[1]!]}/reversal`, {
      reversedOn: '2026-03-20',
      reason: 'Not paid in this batch',
    }).expect(422);
    expect(refused.body.code).toBe('BATCH.PAYMENT_NOT_PAID');
  });

  it('pays a second stage, and a batch can be cancelled before it is sent, freeing its households', async () => {
    const cancelled = await declare('2026-2', ids.slice(0, 3)).expect(201);
    await post(checker, `/pkh/batches/${cancelled.body.id}/cancellation`).expect(200);
    const second = await declare('2026-2', ids.slice(0, 5)).expect(201);
    await post(checker, `/pkh/batches/${second.body.id}/approval`).expect(200);
    await post(maker, `/pkh/batches/${second.body.id}/export`).expect(200);
    const view = await balance(second.body.id);
    const file = [
      'reference,status,reason_code,amount,date,batch_id',
      ...view.payments.map(
        (p: { reference: string; amount: number }) => `${p.reference},paid,,${p.amount},2026-06-15,${second.body.id}`,
      ),
    ].join('\n');
    await post(maker, `/pkh/batches/${second.body.id}/results`, { file }).expect(200);
    expect((await balance(second.body.id)).balance.paid).toEqual({ count: 5, rupiah: rupiah(ids) });
  });

  it('shows reporters the counts of a batch, never its payments', async () => {
    const { body } = await get(reporter, `/pkh/batches/${first}`).expect(200);
    expect(body.payments).toBeUndefined();
    expect(body.balance.declared.count).toBe(4);
    await get(reporter, `/pkh/batches/${first}/payment-file`).expect(403);
  });

  it('never lets two batches declared at once pay one stage of one household', async () => {
    const { body } = await post(cw, '/households', household()).expect(201);
    await post(cw, `/households/${body.id}/assessments`, {
      perCapitaIncome: 380_000,
      povertyLine: 600_000,
      assessedOn: '2026-01-05',
    }).expect(200);
    await post(cw, `/households/${body.id}/pkh/enrolment`, { enrolledOn: '2026-01-10' }).expect(200);
    await post(cw, `/households/${body.id}/pkh/verifications`, {
      stage: '2026-3',
      compliant: true,
      verifiedOn: '2026-09-01',
    }).expect(200);
    entitlement[body.id] = (await get(cw, `/households/${body.id}/pkh`).expect(200)).body.entitlementPerStage;
    const answers = await Promise.all([1, 2, 3, 4].map(() => declare('2026-3', [body.id])));
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s !== 201).every((s) => s === 409 || s === 422)).toBe(true);
  });

  it('counts as disbursed what the channel confirmed less what was recalled; failed and returned money apart', async () => {
    expect(await t.runner.settle(30_000)).toBe(true);
    const report = await get(reporter, '/reports/programme-outcomes?from=2026-01&to=2026-12').expect(200);
    const events = await t.store.readAll();
    // The Kafka reporting job folds the redacted feed the same way.
    const job = await reportingJobOver(events);
    expect(job.summary.pkh).toEqual(report.body.totals.pkh);
    const settled = events
      .filter((e) => e.type === 'BatchPaymentSettled')
      .map((e) => e.data as { outcome: string; amount: number });
    const reversed = events.filter((e) => e.type === 'BatchPaymentReversed').map((e) => e.data as { amount: number });
    const sum = (xs: { amount: number }[]) => xs.reduce((n, x) => n + x.amount, 0);
    const paid = settled.filter((s) => s.outcome === 'paid');
    const failed = settled.filter((s) => s.outcome !== 'paid');
    expect(reversed).toHaveLength(1);
    expect(failed).toHaveLength(2);
    expect(report.body.totals.pkh).toMatchObject({
      disbursements: paid.length - reversed.length,
      disbursedRupiah: sum(paid) - sum(reversed),
      failedPayments: failed.length,
      failedRupiah: sum(failed),
      reversals: 1,
      reversedRupiah: sum(reversed),
    });
    // The recalled stage is due again on the family's record.
    expect((await get(cw, `/households/${ids[0]}/pkh`).expect(200)).body.stages['2026-1'].disbursed).toBeNull();
  });

  it('rebuilds every read model from zero to the rows it built live, batches and payments included', async () => {
    await expectRebuildsMatchLive(t);
  }, 60_000);
});
