import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
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
    const record = (await get(cw, `/households/${suspended}/pkh`).expect(200)).body;
    expect(record.status).toBe('suspended');
    expect(record.stages['2026-1']).toMatchObject({ disbursed: entitlement[suspended!], paidWhile: 'suspended' });
    expect((await get(cw, `/households/${kept}/pkh`).expect(200)).body.stages['2026-1'].paidWhile).toBeUndefined();
    // The same file again is harmless.
    await post(maker, `/pkh/batches/${batch.id}/results`, { file }).expect(200);
  });
});
