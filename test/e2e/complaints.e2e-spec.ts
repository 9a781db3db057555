import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { expectRebuildsMatchLive } from '../support/rebuild-equivalence.js';
import { ComplaintEscalator } from '#libs/complaints/index.js';
import { storedFormOf } from '#libs/platform/crypto-shredding/index.js';
import { parseCsv } from '../support/csv.js';
import { household, startTestApp, type TestApp } from '../support/test-app.js';

type Item = {
  id: string;
  kelurahan: string;
  caseworkerId: string | null;
  assignee: string | null;
  overdue: boolean;
  escalatedOn: string | null;
  status: string;
};

/**
 * Complaints (pengaduan) through the API (ADR 0014): intake about a caseworker is never assigned
 * to them and never shown to them; the list by area and assignee, overdue by the due day of its
 * category; the sweep escalates what is overdue, once, as an event; resolution and the family told.
 */
describe('Complaints', () => {
  let t: TestApp;
  const auth = (token: string) => ({ authorization: `Bearer ${token}` });
  const harapanJaya = { kecamatan: 'Bekasi Utara', kelurahan: 'Harapan Jaya' };
  const kranji = { kecamatan: 'Bekasi Barat', kelurahan: 'Kranji' };
  let admin: string;
  let utara: string;
  let rina: string;
  let budi: string;
  let reporter: string;
  let home: string;
  let elsewhere: string;
  let last = 0;
  let today: string;
  const ids: Record<string, string> = {};
  const daysFrom = (day: string, n: number) =>
    new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

  const post = async (token: string, url: string, body: object, status = 200) => {
    const response = await t.http.post(`/api/v1${url}`).set(auth(token)).send(body);
    expect({ status: response.status, body: response.body }).toMatchObject({ status });
    if (response.body.position) last = response.body.position;
    return response.body as { id: string; code?: string; position: number };
  };
  const list = async (token: string, query: Record<string, string> = {}) => {
    const { body } = await t.http
      .get('/api/v1/complaints')
      .query({ minPosition: last, ...query })
      .set(auth(token))
      .expect(200);
    return (body as { items: Item[] }).items;
  };
  const complaint = (over: object = {}) => ({
    category: 'caseworker_conduct',
    subject: 'caseworker',
    subjectCaseworkerId: 'cw-rina',
    source: 'family',
    channel: 'visit',
    complainant: { name: 'Siti Aminah', phone: '081234567890' },
    description: 'The pendamping asked for money to keep us on the list',
    receivedOn: today,
    ...over,
  });

  beforeAll(async () => {
    t = await startTestApp();
    today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(t.clock.now());
    admin = await t.token('admin');
    utara = await t.token('supervisor', 'sv-utara', { reach: 'own' });
    rina = await t.token('caseworker', 'cw-rina', { reach: 'own' });
    budi = await t.token('caseworker', 'cw-budi', { reach: 'own' });
    reporter = await t.token('reporter');
    const give = (staff: string, role: string, area: object) =>
      post(admin, `/staff/${staff}/areas`, { role, areas: [area], validFrom: '2020-01-01', reason: 'Complaints' });
    await give('sv-utara', 'supervisor', { kecamatan: 'Bekasi Utara' });
    await give('cw-rina', 'caseworker', harapanJaya);
    await give('cw-budi', 'caseworker', harapanJaya);
    home = (await post(admin, '/households', household({ address: harapanJaya }), 201)).id;
    elsewhere = (await post(admin, '/households', household({ address: kranji }), 201)).id;
  });
  afterAll(async () => t?.close());

  it('never assigns a complaint about a caseworker to that caseworker', async () => {
    const refused = await post(budi, `/households/${home}/complaints`, complaint({ assignee: 'cw-rina' }), 422);
    expect(refused.code).toBe('COMPLAINT.ASSIGNEE_IS_THE_SUBJECT');
  });

  it('records a complaint, due by its category, for its assignee', async () => {
    // Received ten days ago: a conduct complaint is due in 7 days, so it is overdue already.
    const receivedOn = daysFrom(today, -10);
    ids.conduct = (
      await post(budi, `/households/${home}/complaints`, complaint({ receivedOn, assignee: 'cw-budi' }), 201)
    ).id;
    ids.payment = (
      await post(
        budi,
        `/households/${home}/complaints`,
        complaint({
          category: 'payment_not_received',
          subject: 'payment',
          subjectCaseworkerId: undefined,
          source: 'third_party',
        }),
        201,
      )
    ).id;
    const outside = await post(utara, `/households/${elsewhere}/complaints`, complaint(), 404);
    expect(outside.code).toBe('HOUSEHOLD.NOT_FOUND');
    const { body } = await t.http
      .get(`/api/v1/households/${home}/complaints/${ids.conduct}`)
      .set(auth(utara))
      .expect(200);
    expect(body).toMatchObject({
      category: 'caseworker_conduct',
      complainant: { name: 'Siti Aminah' },
      assignee: 'cw-budi',
      dueOn: daysFrom(receivedOn, 7),
      status: 'open',
    });
  });

  it('shows a complaint to its assignee, never to the caseworker it is about', async () => {
    await t.http.get(`/api/v1/households/${home}/complaints/${ids.conduct}`).set(auth(budi)).expect(200);
    const hidden = await t.http.get(`/api/v1/households/${home}/complaints/${ids.conduct}`).set(auth(rina)).expect(404);
    expect(hidden.body.code).toBe('COMPLAINT.NOT_FOUND');
    expect(await list(rina)).toEqual([]);
    // Nor through the household's case file, which every caseworker of the area reads.
    const history = await t.http.get(`/api/v1/households/${home}/history`).set(auth(rina)).expect(200);
    expect(JSON.stringify(history.body)).not.toMatch(/Complain|asked for money/);
    expect((await list(budi)).map((c) => c.id)).toEqual([ids.conduct]);
  });

  it('lists open and overdue complaints by area and assignee, as CSV too', async () => {
    expect((await list(utara)).map((c) => c.id)).toEqual([ids.conduct, ids.payment]);
    expect((await list(utara, { assignee: 'cw-budi' })).map((c) => c.id)).toEqual([ids.conduct]);
    expect((await list(utara, { state: 'overdue' })).map((c) => c.id)).toEqual([ids.conduct]);
    expect(await list(utara, { kecamatan: 'Bekasi Barat' })).toEqual([]);
    const csv = await t.http
      .get('/api/v1/complaints')
      .query({ minPosition: last, state: 'overdue' })
      .set({ ...auth(utara), accept: 'text/csv' })
      .expect(200);
    expect(parseCsv(csv.text)).toMatchObject([{ id: ids.conduct, category: 'caseworker_conduct', overdue: 'true' }]);
    expect(csv.text).not.toContain('Siti');
    const refused = await t.http.get('/api/v1/complaints').set(auth(reporter)).expect(403);
    expect(refused.body.code).toBe('AUTH.ROLE_NOT_ALLOWED');
  });

  it('escalates an overdue complaint once, as an event of the sweep', async () => {
    const escalator = t.app.get(ComplaintEscalator);
    expect(await escalator.sweep()).toEqual([ids.conduct]);
    expect(await escalator.sweep()).toEqual([]);
    const events = await t.store.readStream(`complaint-${ids.conduct}`);
    const escalated = events.find((e) => e.type === 'ComplaintEscalated')!;
    expect(escalated.data).toMatchObject({ escalatedOn: today, assignee: 'cw-budi' });
    expect(escalated.metadata.actor).toBe('jejak-escalation');
    // The complainant and the text are sealed at rest under the household's key.
    const stored = JSON.stringify(events.map(storedFormOf));
    expect(stored).not.toMatch(/Siti Aminah|asked for money/);
    expect(stored).toContain('$enc');
    last = escalated.position;
    expect((await list(utara, { state: 'overdue' }))[0]).toMatchObject({ escalatedOn: today, overdue: true });
    // It waits in the supervisor's queue of its kecamatan until resolved, and in no other's.
    const queue = async (token: string) =>
      (await t.http.get('/api/v1/queue').query({ minPosition: last }).set(auth(token)).expect(200)).body;
    expect((await queue(utara)).escalatedComplaints).toEqual([
      expect.objectContaining({
        complaintId: ids.conduct,
        householdId: home,
        ...harapanJaya,
        category: 'caseworker_conduct',
        subject: 'caseworker',
        assignee: 'cw-budi',
        escalatedOn: today,
      }),
    ]);
    const barat = await t.token('supervisor', 'sv-barat', { reach: 'own' });
    expect((await queue(barat)).escalatedComplaints).toEqual([]);
  });

  it('is resolved by its assignee with a coded outcome, then the family is told', async () => {
    const url = `/households/${home}/complaints/${ids.conduct}`;
    const bySubject = await post(
      rina,
      `${url}/resolution`,
      { outcome: 'upheld', reason: 'x'.repeat(5), resolvedOn: today },
      422,
    );
    expect(bySubject.code).toBe('COMPLAINT.ASSIGNEE_IS_THE_SUBJECT');
    const early = await post(budi, `${url}/family-notice`, { channel: 'phone', informedOn: today }, 422);
    expect(early.code).toBe('COMPLAINT.NOT_RESOLVED');
    await post(budi, `${url}/resolution`, {
      outcome: 'upheld',
      reason: 'Money returned; warning given',
      resolvedOn: today,
    });
    await post(budi, `${url}/family-notice`, { channel: 'phone', informedOn: today });
    const [resolved] = await list(utara, { state: 'resolved' });
    expect(resolved).toMatchObject({ id: ids.conduct, status: 'resolved', outcome: 'upheld', informedOn: today });
    expect((await list(utara)).map((c) => c.id)).toEqual([ids.payment]);
    const { body } = await t.http.get('/api/v1/queue').query({ minPosition: last }).set(auth(utara)).expect(200);
    expect(body.escalatedComplaints).toEqual([]);
  });

  it('hands a complaint to another assignee, never to its subject', async () => {
    const url = `/households/${home}/complaints/${ids.payment}/assignment`;
    await post(utara, url, { assignee: 'cw-rina' });
    expect((await list(rina)).map((c) => c.id)).toEqual([ids.payment]);
    const wrong = await post(
      utara,
      `/households/${home}/complaints/${ids.conduct}/assignment`,
      { assignee: 'cw-rina' },
      422,
    );
    expect(wrong.code).toBe('COMPLAINT.ALREADY_RESOLVED');
  });

  it('counts complaints by category in the monthly report, by the day received, for reporters too', async () => {
    const { body } = await t.http
      .get('/api/v1/reports/programme-outcomes')
      .query({ minPosition: last, from: daysFrom(today, -10).slice(0, 7), to: today.slice(0, 7) })
      .set(auth(reporter))
      .expect(200);
    expect(body.totals.complaints).toEqual({
      received: 2,
      receivedByCategory: { caseworker_conduct: 1, payment_not_received: 1 },
      escalated: 1,
      resolved: 1,
    });
    const month = (day: string) => body.rows.filter((r: { period: string }) => r.period === day.slice(0, 7));
    const sum = (rows: Array<Record<string, number>>, column: string) =>
      rows.reduce((n, r) => n + Number(r[column] ?? 0), 0);
    expect(sum(month(daysFrom(today, -10)), 'complaints.received.caseworker_conduct')).toBe(1);
    expect(sum(month(today), 'complaints.received.payment_not_received')).toBe(1);
  });

  it("follows the household's caseworker and move; a complaint about a caseworker never shows to them", async () => {
    const row = async (token: string, id: string) =>
      (await list(token, { state: 'resolved' })).find((c) => c.id === id) ??
      (await list(token, { state: 'open' })).find((c) => c.id === id);
    await post(utara, `/households/${home}/caseworker`, { caseworkerId: 'cw-budi', reason: 'Her caseload' });
    expect(await row(utara, ids.conduct)).toMatchObject({ caseworkerId: 'cw-budi', kelurahan: 'Harapan Jaya' });
    // The case moves to the caseworker the complaint is about: she holds the family, never the complaint.
    await post(utara, `/households/${home}/transfers`, { toCaseworkerId: 'cw-rina', reason: 'Bu Budi leaves' });
    await post(rina, `/households/${home}/transfers/acceptance`, {});
    expect(await row(utara, ids.conduct)).toMatchObject({ caseworkerId: 'cw-rina' });
    expect(await row(utara, ids.payment)).toMatchObject({ caseworkerId: 'cw-rina' });
    expect(await row(rina, ids.conduct)).toBeUndefined();
    expect((await list(rina)).map((c) => c.id)).toEqual([ids.payment]);
    const detail = await t.http.get(`/api/v1/households/${home}/complaints/${ids.conduct}`).set(auth(rina));
    expect(detail.status).toBe(404);
    // After a move to Kranji the complaints are in Bekasi Barat's lists, no longer in Bekasi Utara's.
    const barat = await t.token('supervisor', 'sv-kranji', { reach: 'own' });
    await post(admin, '/staff/sv-kranji/areas', {
      role: 'supervisor',
      areas: [{ kecamatan: 'Bekasi Barat' }],
      validFrom: '2020-01-01',
      reason: 'Complaints',
    });
    await post(rina, `/households/${home}/relocation`, { address: kranji, movedOn: daysFrom(today, -1) });
    expect(await row(utara, ids.conduct)).toBeUndefined();
    expect(await row(utara, ids.payment)).toBeUndefined();
    expect(await row(barat, ids.conduct)).toMatchObject({ kelurahan: 'Kranji', caseworkerId: 'cw-rina' });
    expect(await row(rina, ids.conduct)).toBeUndefined();
  });

  it('rebuilds the complaint list from zero to the same rows, after the moves', async () => {
    expect(await t.runner.settle(20_000)).toBe(true);
    const db = t.readDatabase.reader;
    const rows = () =>
      Promise.all([
        db.selectFrom('complaint_list').selectAll().orderBy('complaint_id').execute(),
        db.selectFrom('complaint_households').selectAll().orderBy('household_id').execute(),
      ]);
    const live = await rows();
    expect(live[0].find((r) => r.complaint_id === ids.conduct)).toMatchObject({
      kelurahan: 'Kranji',
      caseworker_id: 'cw-rina',
    });
    await t.runner.rebuild('complaint-list');
    expect(await t.runner.settle(20_000)).toBe(true);
    expect(await rows()).toEqual(live);
  });

  it("forgets the complainant and the text with the household's erasure, and still counts the complaint", async () => {
    const second = await t.token('admin', 'admin-02');
    const erasure = { legalBasis: 'data_subject_request', reason: 'Written request of the family' };
    await post(admin, `/households/${home}/erasure`, erasure);
    await post(second, `/households/${home}/erasure/approval`, {});
    const { body } = await t.http
      .get(`/api/v1/households/${home}/complaints/${ids.conduct}`)
      .set(auth(admin))
      .expect(200);
    expect(body).toMatchObject({
      complainant: { name: '[erased]' },
      description: '[erased]',
      category: 'caseworker_conduct',
    });
    expect(JSON.stringify(body)).not.toMatch(/Siti Aminah|asked for money|Money returned/);
    // Whom it accused is personal too: gone from the list's row as from the events.
    expect(await t.runner.settle(10_000)).toBe(true);
    const row = await t.readDatabase.reader
      .selectFrom('complaint_list')
      .select(['subject_caseworker_id', 'category'])
      .where('complaint_id', '=', ids.conduct)
      .executeTakeFirst();
    expect(row).toEqual({ subject_caseworker_id: '[erased]', category: 'caseworker_conduct' });
  });

  it('rebuilds every read model from zero to the rows it built live, after the erasure', async () => {
    await expectRebuildsMatchLive(t);
  });
});
