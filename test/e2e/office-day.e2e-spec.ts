import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { localDay } from '#libs/platform/clock.js';
import { household, startTestApp, type TestApp } from '../support/test-app.js';

const DAY_MS = 86_400_000;
const dayAfter = (day: string, days = 1) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

/**
 * "Today" is the office's day, in JEJAK_TIME_ZONE, never the UTC date: from 00:00 to 07:00 in
 * Jakarta the two differ, and a caseworker whose area ended yesterday must not reach it, nor may
 * today's assessment be refused as "in the future". The suite runs in a zone whose day differs
 * from the UTC day at the moment it runs (UTC+14 when the UTC hour is 10 or later, UTC-12
 * before), so that the UTC date would answer wrongly whenever it runs.
 */
describe("the office's day, in the deployment's time zone", () => {
  let t: TestApp;
  let officeToday: string;
  let utcToday: string;
  let householdId: string;
  const auth = (token: string) => ({ authorization: `Bearer ${token}` });
  const harapanJaya = { kecamatan: 'Bekasi Utara', kelurahan: 'Harapan Jaya' };

  const give = async (sub: string, validity: { validFrom: string; validUntil?: string }) =>
    t.http
      .post(`/api/v1/staff/${sub}/areas`)
      .set(auth(await t.token('admin', 'admin-01')))
      .send({ role: 'caseworker', areas: [harapanJaya], reason: 'Pendamping of Harapan Jaya', ...validity })
      .expect(200);
  const read = async (sub: string) =>
    (
      await t.http
        .get(`/api/v1/households/${householdId}`)
        // The read model has the household (on PostgreSQL projections follow the append).
        .query({ minPosition: await t.store.headPosition() })
        .set(auth(await t.token('caseworker', sub, { reach: 'own' })))
    ).status;

  beforeAll(async () => {
    const zone = new Date().getUTCHours() >= 10 ? 'Pacific/Kiritimati' : 'Etc/GMT+12';
    t = await startTestApp({ JEJAK_TIME_ZONE: zone });
    const now = t.clock.now().toISOString();
    officeToday = localDay(now, zone);
    utcToday = now.slice(0, 10);
    const admin = await t.token('admin', 'admin-01');
    householdId = (
      await t.http
        .post('/api/v1/households')
        .set(auth(admin))
        .send(household({ address: harapanJaya }))
        .expect(201)
    ).body.id;
  });
  afterAll(async () => t?.close());

  it('runs where the two days differ', () => {
    expect(officeToday).not.toBe(utcToday);
  });

  it("gives an area from the office's today, not before", async () => {
    await give('cw-from-today', { validFrom: officeToday });
    await give('cw-from-tomorrow', { validFrom: dayAfter(officeToday) });
    expect(await read('cw-from-today')).toBe(200);
    expect(await read('cw-from-tomorrow')).toBe(404);
  });

  it("keeps an area through the office's last day of it, and not a day more", async () => {
    await give('cw-until-today', { validFrom: '2020-01-01', validUntil: officeToday });
    await give('cw-until-yesterday', { validFrom: '2020-01-01', validUntil: dayAfter(officeToday, -1) });
    expect(await read('cw-until-today')).toBe(200);
    expect(await read('cw-until-yesterday')).toBe(404);
  });

  it("takes an assessment and a birth dated the office's today, and refuses the office's tomorrow", async () => {
    const admin = await t.token('admin', 'admin-01');
    await t.http
      .post(`/api/v1/households/${householdId}/assessments`)
      .set(auth(admin))
      .send({ perCapitaIncome: 420_000, povertyLine: 600_000, assessedOn: officeToday })
      .expect(200);
    const tomorrow = await t.http
      .post(`/api/v1/households/${householdId}/assessments`)
      .set(auth(admin))
      .send({ perCapitaIncome: 420_000, povertyLine: 600_000, assessedOn: dayAfter(officeToday) })
      .expect(422);
    expect(tomorrow.body.code).toBe('HOUSEHOLD.ASSESSMENT_NOT_IN_FUTURE');
    const [, , child] = household().members;
    await t.http
      .post(`/api/v1/households/${householdId}/members`)
      .set(auth(admin))
      .send({ ...child, name: 'Bayi', birthDate: officeToday, schoolLevel: undefined })
      .expect(200);
  });

  it("dates what defaults to today by the office's day (an approved exit)", async () => {
    const supervisor = await t.token('supervisor', 'sv-01');
    const caseworker = await t.token('caseworker', 'cw-01');
    await t.http
      .post(`/api/v1/households/${householdId}/assessments`)
      .set(auth(caseworker))
      .send({ perCapitaIncome: 900_000, povertyLine: 600_000, assessedOn: officeToday })
      .expect(200);
    await t.http
      .post(`/api/v1/households/${householdId}/exit/proposal`)
      .set(auth(caseworker))
      .send({ reason: 'Income above the poverty line for six months' })
      .expect(200);
    await t.http.post(`/api/v1/households/${householdId}/exit/approval`).set(auth(supervisor)).send({}).expect(200);
    const state = await t.http
      .get(`/api/v1/households/${householdId}/state`)
      .set(auth(await t.token('auditor', 'au-01')))
      .expect(200);
    expect(state.body.state).toMatchObject({ caseStatus: 'closed', closedOn: officeToday });
  });
});
