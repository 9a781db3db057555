import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { expectRebuildsMatchLive } from '../support/rebuild-equivalence.js';
import { household, startTestApp, type TestApp } from '../support/test-app.js';

/**
 * What happens to a batch's payments after they leave (issue #16): a family suspended between the
 * batch's declaration and the channel's confirmation (the payment is recorded and marked for review,
 * the import answers 200), the KKS account in the payment file, and the post-payment check.
 */
describe('PKH payments after the batch', () => {
  let t: TestApp;
  let cw: string;
  let maker: string;
  let checker: string;
  const auth = (token: string) => ({ authorization: `Bearer ${token}` });
  const post = (token: string, url: string, body: object = {}) =>
    t.http.post(`/api/v1${url}`).set(auth(token)).send(body);
  const get = (token: string, url: string) => t.http.get(`/api/v1${url}`).set(auth(token));
  const entitlement: Record<string, number> = {};

  beforeAll(async () => {
    t = await startTestApp();
    cw = await t.token('caseworker', 'cw-follow');
    maker = await t.token('supervisor', 'sv-follow-maker');
    checker = await t.token('supervisor', 'sv-follow-checker');
  }, 60_000);
  afterAll(async () => t.close());

  /** An enrolled family, verified compliant for `stage`. */
  const family = async (stage = '2026-1'): Promise<string> => {
    const { body } = await post(cw, '/households', household()).expect(201);
    await post(cw, `/households/${body.id}/assessments`, {
      perCapitaIncome: 380_000,
      povertyLine: 600_000,
      assessedOn: '2026-01-05',
    }).expect(200);
    await post(cw, `/households/${body.id}/pkh/enrolment`, { enrolledOn: '2026-01-10' }).expect(200);
    await post(cw, `/households/${body.id}/pkh/verifications`, {
      stage,
      compliant: true,
      verifiedOn: '2026-03-01',
    }).expect(200);
    entitlement[body.id] = (await get(cw, `/households/${body.id}/pkh`).expect(200)).body.entitlementPerStage;
    return body.id;
  };
  /** A batch of `households` for `stage`, approved and exported; its payments by household. */
  const sentBatch = async (stage: string, households: string[]) => {
    const declared = await post(maker, '/pkh/batches', {
      stage,
      channel: 'bank_transfer',
      plannedOn: '2026-03-10',
      householdIds: households,
      controlCount: households.length,
      controlRupiah: households.reduce((n, h) => n + entitlement[h]!, 0),
    }).expect(201);
    const id: string = declared.body.id;
    return {
      id,
      send: async () => {
        await post(checker, `/pkh/batches/${id}/approval`).expect(200);
        await post(maker, `/pkh/batches/${id}/export`).expect(200);
        const { body } = await get(maker, `/pkh/batches/${id}`).expect(200);
        return body.payments as { householdId: string; reference: string; amount: number }[];
      },
    };
  };

  it('records a payment the channel confirmed for a family suspended since the batch, marked for review', async () => {
    const [kept, suspended] = [await family(), await family()];
    const batch = await sentBatch('2026-1', [kept!, suspended!]);
    // Two non-compliant stages in a row after the declaration suspend the second family.
    for (const [stage, verifiedOn] of [
      ['2026-2', '2026-06-01'],
      ['2026-3', '2026-09-01'],
    ] as const) {
      await post(cw, `/households/${suspended}/pkh/verifications`, {
        stage,
        compliant: false,
        missed: [{ nik: household().members[2]!.nik, commitment: 'school_attendance' }],
        verifiedOn,
      }).expect(200);
    }
    expect((await get(cw, `/households/${suspended}/pkh`).expect(200)).body.status).toBe('suspended');
    const payments = await batch.send();
    const file = [
      'reference,status,reason_code,amount,date',
      ...payments.map((p) => `${p.reference},paid,,${p.amount},2026-03-11`),
    ].join('\n');
    const imported = await post(maker, `/pkh/batches/${batch.id}/results`, { file }).expect(200);
    expect(imported.body.rows.map((r: { result: string }) => r.result)).toEqual(['matched', 'matched']);
    const view = (await get(maker, `/pkh/batches/${batch.id}`).expect(200)).body;
    expect(view.balance.paid.count).toBe(2);
    // The channel's date, not the day of the import.
    expect(view.payments.map((p: { settledOn: string }) => p.settledOn)).toEqual(['2026-03-11', '2026-03-11']);
    const record = (await get(cw, `/households/${suspended}/pkh`).expect(200)).body;
    expect(record.status).toBe('suspended');
    expect(record.stages['2026-1']).toMatchObject({ disbursed: entitlement[suspended!], paidWhile: 'suspended' });
    expect((await get(cw, `/households/${kept}/pkh`).expect(200)).body.stages['2026-1'].paidWhile).toBeUndefined();
    // The same file again is harmless.
    await post(maker, `/pkh/batches/${batch.id}/results`, { file }).expect(200);
  });

  it("carries the family's KKS account in the payment file, the latest one recorded", async () => {
    const [withCard, without] = [await family(), await family()];
    const url = `/households/${withCard}/pkh/kks-account`;
    await post(cw, url, { bank: 'BRI', account: '6013010000000001', recordedOn: '2026-02-01' }).expect(200);
    await post(cw, url, { bank: 'BNI', account: '5264220000000002', recordedOn: '2026-02-15' }).expect(200);
    const bad = await post(cw, url, { bank: 'BRI', account: '12-34', recordedOn: '2026-02-15' }).expect(400);
    expect(bad.body.errors[0].field).toBe('account');
    await post(await t.token('reporter', 'rp-kks'), url, {
      bank: 'BRI',
      account: '6013010000000001',
      recordedOn: '2026-02-01',
    }).expect(403);
    expect((await get(cw, `/households/${withCard}/pkh`).expect(200)).body.kksAccount).toEqual({
      bank: 'BNI',
      account: '5264220000000002',
      recordedOn: '2026-02-15',
    });
    const batch = await sentBatch('2026-1', [withCard!, without!]);
    await batch.send();
    const file = await get(maker, `/pkh/batches/${batch.id}/payment-file`).set('accept', 'text/csv').expect(200);
    const [header, ...rows] = file.text.split('\r\n').filter(Boolean);
    expect(header).toBe('reference,nik,account,name,amount,stage,batch_id');
    expect(rows[0]!.split(',')[2]).toBe('5264220000000002');
    expect(rows[1]!.split(',')[2]).toBe('');
    // Sealed like a NIK: never in what a reporter reads.
    const events = (await get(await t.token('reporter', 'rp-kks'), '/events?limit=1000').expect(200)).text;
    expect(events).toContain('PkhKksAccountRecorded');
    expect(events).not.toContain('5264220000000002');
  });

  it('lets a supervisor act on a batch only when every family it pays is in their areas', async () => {
    const admin = await t.token('admin', 'admin-follow');
    const give = async (sub: string, kecamatan: string) => {
      await post(admin, `/staff/${sub}/areas`, {
        role: 'supervisor',
        areas: [{ kecamatan }],
        validFrom: '2020-01-01',
        reason: 'Payments scope',
      }).expect(200);
      return t.token('supervisor', sub, { reach: 'own' });
    };
    const home = await family();
    const { body } = await post(
      cw,
      '/households',
      household({ address: { ...household().address, kecamatan: 'Bekasi Barat', kelurahan: 'Kranji' } }),
    ).expect(201);
    await post(cw, `/households/${body.id}/assessments`, {
      perCapitaIncome: 380_000,
      povertyLine: 600_000,
      assessedOn: '2026-01-05',
    }).expect(200);
    await post(cw, `/households/${body.id}/pkh/enrolment`, { enrolledOn: '2026-01-10' }).expect(200);
    await post(cw, `/households/${body.id}/pkh/verifications`, {
      stage: '2026-1',
      compliant: true,
      verifiedOn: '2026-03-01',
    }).expect(200);
    entitlement[body.id] = (await get(cw, `/households/${body.id}/pkh`).expect(200)).body.entitlementPerStage;
    const batch = await sentBatch('2026-1', [home, body.id]);
    const partly = await give('sv-follow-utara', 'Bekasi Utara');
    const none = await give('sv-follow-timur', 'Bekasi Timur');
    const refused = await post(partly, `/pkh/batches/${batch.id}/approval`).expect(403);
    expect(refused.body).toMatchObject({ code: 'ACCESS.BATCH_OUTSIDE_AREA', outside: 1, payments: 2 });
    expect((await post(none, `/pkh/batches/${batch.id}/cancellation`).expect(404)).body.code).toBe('BATCH.NOT_FOUND');
    // City-wide roles act anywhere; a supervisor who covers both kecamatan may approve.
    const both = await give('sv-follow-both', 'Bekasi Utara');
    await post(admin, '/staff/sv-follow-both/areas', {
      role: 'supervisor',
      areas: [{ kecamatan: 'Bekasi Barat' }],
      validFrom: '2020-01-01',
      reason: 'Payments scope',
    }).expect(200);
    await post(both, `/pkh/batches/${batch.id}/approval`).expect(200);
    await post(admin, `/pkh/batches/${batch.id}/export`).expect(200);
  });

  describe('the post-payment check', () => {
    let batch: string;
    let paid: string[];
    let sample: string[];
    let drawnAt: number;
    beforeAll(async () => {
      const families: string[] = [];
      for (let i = 0; i < 8; i++) families.push(await family());
      const sent = await sentBatch('2026-1', families);
      batch = sent.id;
      const payments = await sent.send();
      // Six paid, two failed: the sample is drawn from the six.
      const file = [
        'reference,status,reason_code,amount,date',
        ...payments.map((p, i) => `${p.reference},${i < 6 ? 'paid,' : 'failed,ACCOUNT_CLOSED'},${p.amount},2026-03-11`),
      ].join('\n');
      await post(maker, `/pkh/batches/${batch}/results`, { file }).expect(200);
      paid = payments.slice(0, 6).map((p) => p.householdId);
    }, 60_000);

    it('is refused before the batch is sent, and takes only documented confidence levels', async () => {
      const unsent = await sentBatch('2026-1', [await family()]);
      const early = await post(maker, `/pkh/batches/${unsent.id}/check-sample`, { drawnOn: '2026-03-20' }).expect(422);
      expect(early.body.code).toBe('BATCH.NOT_SENT');
      const wrong = await post(maker, `/pkh/batches/${batch}/check-sample`, {
        drawnOn: '2026-03-20',
        confidence: 0.5,
      }).expect(400);
      expect(wrong.body.errors[0].field).toBe('confidence');
      await post(cw, `/pkh/batches/${batch}/check-sample`, { drawnOn: '2026-03-20' }).expect(403);
    });

    it('draws a sample of the paid families sized by confidence and margin, with its seed; the same request again changes nothing', async () => {
      const request = { drawnOn: '2026-03-20', confidence: 0.9, margin: 0.2, seed: 20260320 };
      const drawn = await post(maker, `/pkh/batches/${batch}/check-sample`, request).expect(200);
      drawnAt = drawn.body.position;
      const again = await post(maker, `/pkh/batches/${batch}/check-sample`, request).expect(200);
      expect(again.body.revision).toBe(drawn.body.revision);
      const other = await post(maker, `/pkh/batches/${batch}/check-sample`, { ...request, seed: 1 }).expect(422);
      expect(other.body).toMatchObject({ code: 'CHECK.SAMPLE_ALREADY_DRAWN', seed: 20260320 });
      const { check } = (await get(maker, `/pkh/batches/${batch}`).expect(200)).body;
      // n0 = 1.6449² · 0.25 / 0.2² = 16.9; over 6 paid families: 16.9 / (1 + 15.9 / 6) = 4.63, so 5
      expect(check).toMatchObject({ confidence: 0.9, margin: 0.2, seed: 20260320, population: 6, size: 5, checked: 0 });
      sample = check.householdIds;
      expect(sample).toHaveLength(5);
      expect(sample.every((h: string) => paid.includes(h))).toBe(true);
    });

    it("lists the sampled families within the caller's reach, as CSV too", async () => {
      const list = await get(cw, `/pkh/payment-checks?batchId=${batch}&minPosition=${drawnAt}`).expect(200);
      expect(list.body.items.map((i: { householdId: string }) => i.householdId).sort()).toEqual([...sample].sort());
      expect(list.body.items[0]).toMatchObject({ batchId: batch, stage: '2026-1', outcome: null });
      const csv = await get(cw, `/pkh/payment-checks?batchId=${batch}&state=pending`)
        .set('accept', 'text/csv')
        .expect(200);
      expect(csv.text.split('\r\n')[0]).toContain('householdId');
      const outsider = await t.token('caseworker', 'cw-follow-elsewhere', { reach: 'own' });
      const none = await get(outsider, `/pkh/payment-checks?batchId=${batch}`).expect(200);
      expect(none.body.items).toEqual([]);
      await get(await t.token('reporter', 'rp-follow'), '/pkh/payment-checks').expect(403);
    });

    it("follows a sampled family's move: the check leaves the old area's lists for the new area's", async () => {
      // Caseworkers of the two kelurahan (the city's supervisors here reach every kecamatan).
      const admin = await t.token('admin', 'admin-follow');
      const utara = await t.token('caseworker', 'cw-follow-harapan', { reach: 'own' });
      const barat = await t.token('caseworker', 'cw-follow-kranji', { reach: 'own' });
      for (const [staff, kecamatan, kelurahan] of [
        ['cw-follow-harapan', 'Bekasi Utara', 'Harapan Jaya'],
        ['cw-follow-kranji', 'Bekasi Barat', 'Kranji'],
      ])
        await post(admin, `/staff/${staff}/areas`, {
          role: 'caseworker',
          areas: [{ kecamatan, kelurahan }],
          validFrom: '2020-01-01',
          reason: 'Post-payment checks',
        }).expect(200);
      const listed = async (token: string, minPosition: number) =>
        (
          (await get(token, `/pkh/payment-checks?batchId=${batch}&minPosition=${minPosition}`).expect(200)).body
            .items as Array<{ householdId: string; kecamatan: string; kelurahan: string }>
        ).filter((item) => item.householdId === mover);
      const mover = sample[4]!;
      expect(await listed(utara, drawnAt)).toEqual([expect.objectContaining({ kelurahan: 'Harapan Jaya' })]);
      expect(await listed(barat, drawnAt)).toEqual([]);
      const moved = await post(cw, `/households/${mover}/relocation`, {
        address: { kecamatan: 'Bekasi Barat', kelurahan: 'Kranji', street: 'Jl. Kenari 2' },
        movedOn: '2026-04-10',
      }).expect(200);
      expect(await listed(utara, moved.body.position)).toEqual([]);
      expect(await listed(barat, moved.body.position)).toEqual([
        expect.objectContaining({ kecamatan: 'Bekasi Barat', kelurahan: 'Kranji' }),
      ]);
    });

    it('records what each sampled family said; the batch shows progress and findings; the monthly report counts them by the day of the check', async () => {
      const [first, second, third] = sample;
      const record = (householdId: string, body: object) =>
        post(cw, `/pkh/batches/${batch}/checks/${householdId}`, { method: 'phone', checkedOn: '2026-03-28', ...body });
      await record(first!, { outcome: 'received' }).expect(200);
      await record(second!, { outcome: 'not_received', method: 'visit', checkedOn: '2026-04-02' }).expect(200);
      const noNote = await record(third!, { outcome: 'problem', problemCode: 'FEE_CHARGED' }).expect(422);
      expect(noNote.body.code).toBe('CHECK.PROBLEM_NEEDS_CODE_AND_NOTE');
      const last = await record(third!, {
        outcome: 'problem',
        problemCode: 'FEE_CHARGED',
        note: 'The agent kept Rp50,000',
      }).expect(200);
      const notSampled = paid.find((h) => !sample.includes(h));
      if (notSampled)
        expect((await record(notSampled, { outcome: 'received' }).expect(404)).body.code).toBe('CHECK.NOT_IN_SAMPLE');
      const again = await record(first!, { outcome: 'not_received' }).expect(422);
      expect(again.body.code).toBe('CHECK.ALREADY_RECORDED');
      const { check } = (await get(maker, `/pkh/batches/${batch}`).expect(200)).body;
      expect(check).toMatchObject({
        checked: 3,
        received: 1,
        notReceived: 1,
        problems: 1,
        findings: { FEE_CHARGED: 1 },
      });
      const reporter = await t.token('reporter', 'rp-follow');
      const counts = (await get(reporter, `/pkh/batches/${batch}`).expect(200)).body.check;
      expect(counts.householdIds).toBeUndefined();
      expect(counts.checked).toBe(3);
      const pending = await get(
        cw,
        `/pkh/payment-checks?batchId=${batch}&state=pending&minPosition=${last.body.position}`,
      ).expect(200);
      expect(pending.body.items).toHaveLength(2);
      const march = await get(
        maker,
        `/caseworkers/cw-follow/monthly-report?month=2026-03&minPosition=${last.body.position}`,
      ).expect(200);
      expect(march.body.paymentFollowUps).toEqual({
        checks: 2,
        received: 1,
        notReceived: 0,
        problem: 1,
        findings: { FEE_CHARGED: 1 },
      });
      const april = await get(maker, '/caseworkers/cw-follow/monthly-report?month=2026-04').expect(200);
      expect(april.body.paymentFollowUps).toMatchObject({ checks: 1, notReceived: 1 });
      const csv = await get(maker, '/caseworkers/cw-follow/monthly-report?month=2026-03')
        .set('accept', 'text/csv')
        .expect(200);
      expect(csv.text).toContain('cw-follow,2026-03,paymentFollowUps.problem,1');
    });
  });

  it('rebuilds every read model from zero to the rows it built live, the moved check included', async () => {
    await expectRebuildsMatchLive(t);
  });
});
