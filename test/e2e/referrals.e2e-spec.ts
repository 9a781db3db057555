import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parseCsv } from '../support/csv.js';
import { expectRebuildsMatchLive } from '../support/rebuild-equivalence.js';
import { household, startTestApp, type TestApp } from '../support/test-app.js';

type Item = {
  id: string;
  service: string;
  status: string;
  referredBy: string;
  rejection: string | null;
  referredOn: string;
  answeredOn: string | null;
};

/**
 * Referrals through the API (ADR 0014): a caseworker refers a member to the puskesmas and the
 * household to Dukcapil; a supervisor records the services' answers; pending per caseworker and
 * per service, scoped to the households the caller reaches; nothing is done after a rejection.
 */
describe('Referrals', () => {
  let t: TestApp;
  const auth = (token: string) => ({ authorization: `Bearer ${token}` });
  const harapanJaya = { kecamatan: 'Bekasi Utara', kelurahan: 'Harapan Jaya' };
  const kranji = { kecamatan: 'Bekasi Barat', kelurahan: 'Kranji' };
  let admin: string;
  let utara: string;
  let barat: string;
  let rina: string;
  let budi: string;
  let home: string;
  let mother: string;
  let last = 0;
  let today: string;
  const ids: Record<string, string> = {};

  const post = async (token: string, url: string, body: object, status = 200) => {
    const response = await t.http.post(`/api/v1${url}`).set(auth(token)).send(body);
    expect({ status: response.status, body: response.body }).toMatchObject({ status });
    if (response.body.position) last = response.body.position;
    return response.body as { id: string; code?: string };
  };
  const list = async (token: string, query: Record<string, string> = {}) => {
    const { body } = await t.http
      .get('/api/v1/referrals')
      .query({ minPosition: last, ...query })
      .set(auth(token))
      .expect(200);
    return (body as { items: Item[] }).items;
  };

  beforeAll(async () => {
    t = await startTestApp();
    today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(t.clock.now());
    admin = await t.token('admin');
    utara = await t.token('supervisor', 'sv-utara', { reach: 'own' });
    barat = await t.token('supervisor', 'sv-barat', { reach: 'own' });
    rina = await t.token('caseworker', 'cw-rina', { reach: 'own' });
    budi = await t.token('caseworker', 'cw-budi', { reach: 'own' });
    const give = (staff: string, role: string, area: object) =>
      post(admin, `/staff/${staff}/areas`, { role, areas: [area], validFrom: '2020-01-01', reason: 'Referrals' });
    await give('sv-utara', 'supervisor', { kecamatan: 'Bekasi Utara' });
    await give('sv-barat', 'supervisor', { kecamatan: 'Bekasi Barat' });
    await give('cw-rina', 'caseworker', harapanJaya);
    await give('cw-budi', 'caseworker', harapanJaya);
    const family = household({ address: harapanJaya });
    mother = family.members[0]!.nik as string;
    home = (await post(admin, '/households', family, 201)).id;
    await post(admin, '/households', household({ address: kranji }), 201);
  });
  afterAll(async () => t?.close());

  it('refers a member to the puskesmas and the household to Dukcapil, with coded reasons', async () => {
    const url = `/households/${home}/referrals`;
    ids.puskesmas = (
      await post(rina, url, { nik: mother, service: 'puskesmas', reason: 'maternal_care', referredOn: today }, 201)
    ).id;
    ids.dukcapil = (
      await post(
        budi,
        url,
        { service: 'dukcapil', reason: 'civil_registration', note: 'KK lost', referredOn: today },
        201,
      )
    ).id;
    const stranger = await post(
      rina,
      url,
      { nik: '3275019999990001', service: 'school', reason: 'school_enrolment', referredOn: today },
      422,
    );
    expect(stranger.code).toBe('REFERRAL.NOT_A_HOUSEHOLD_MEMBER');
  });

  it('lists pending referrals per caseworker and per service, within reach, as CSV too', async () => {
    expect((await list(utara)).map((r) => r.id)).toEqual([ids.puskesmas, ids.dukcapil]);
    expect((await list(utara, { referredBy: 'cw-rina' })).map((r) => r.id)).toEqual([ids.puskesmas]);
    expect((await list(rina, { service: 'dukcapil' })).map((r) => r.id)).toEqual([ids.dukcapil]);
    expect(await list(barat)).toEqual([]);
    const csv = await t.http
      .get('/api/v1/referrals')
      .query({ minPosition: last, service: 'puskesmas' })
      .set({ ...auth(utara), accept: 'text/csv' })
      .expect(200);
    expect(parseCsv(csv.text)).toMatchObject([{ id: ids.puskesmas, service: 'puskesmas', memberReferred: 'true' }]);
    expect(csv.text).not.toContain(mother);
  });

  it('records the receiving side: accepted then done, or rejected and nothing after', async () => {
    const at = (id: string) => `/households/${home}/referrals/${id}`;
    const byCaseworker = await t.http
      .post(`/api/v1${at(ids.puskesmas!)}/acceptance`)
      .set(auth(rina))
      .send({ acceptedOn: today })
      .expect(403);
    expect(byCaseworker.body.code).toBe('AUTH.ROLE_NOT_ALLOWED');
    await post(utara, `${at(ids.puskesmas!)}/acceptance`, { acceptedOn: today });
    expect((await list(utara)).map((r) => r.status)).toEqual(['accepted', 'pending']);
    // The day defaults to today, as for a visit.
    await post(rina, `${at(ids.puskesmas!)}/completion`, { note: 'ANC visit done' });
    await post(utara, `${at(ids.dukcapil!)}/rejection`, {
      rejection: 'incomplete_documents',
      detail: 'No KTP',
      rejectedOn: today,
    });
    const after = await post(budi, `${at(ids.dukcapil!)}/completion`, { doneOn: today }, 422);
    expect(after.code).toBe('REFERRAL.REJECTED');
    expect(await list(utara)).toEqual([]);
    expect((await list(utara, { state: 'rejected' }))[0]).toMatchObject({ rejection: 'incomplete_documents' });
    expect((await list(utara, { state: 'done' })).map((r) => [r.id, r.answeredOn])).toEqual([[ids.puskesmas, today]]);
  });

  it('is revoked by its referrer or a supervisor, not by another caseworker', async () => {
    const url = `/households/${home}/referrals`;
    const school = (await post(rina, url, { service: 'school', reason: 'school_enrolment' }, 201)).id;
    const byOther = await post(budi, `${url}/${school}/revocation`, { reason: 'Not needed', revokedOn: today }, 422);
    expect(byOther.code).toBe('REFERRAL.NOT_THE_REFERRER');
    await post(rina, `${url}/${school}/revocation`, { reason: 'Family found a school', revokedOn: today });
    expect((await list(utara, { state: 'revoked' })).map((r) => [r.id, r.referredOn])).toEqual([[school, today]]);
  });

  it("shows in the household's history", async () => {
    const { body } = await t.http.get(`/api/v1/households/${home}/history`).set(auth(rina)).expect(200);
    const types = (body as { events: Array<{ type: string }> }).events.map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(['ReferralMade', 'ReferralAccepted', 'ReferralServiceDone']));
  });

  it('rebuilds the referral list from zero to the rows built event by event', async () => {
    await expectRebuildsMatchLive(t);
  });
});
