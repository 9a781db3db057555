import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { expectRebuildsMatchLive } from '../support/rebuild-equivalence.js';
import { eventually } from '../support/eventually.js';
import { household, startTestApp, type TestApp } from '../support/test-app.js';

/**
 * Access follows the case: a caseworker reaches the households assigned to them and the
 * kelurahan a supervisor gave them, a supervisor the areas given to them. Outside that a
 * household does not exist (404); break-the-glass opens one for reading, for a few hours.
 */
describe('access by caseload and area', () => {
  let t: TestApp;
  const auth = (token: string) => ({ authorization: `Bearer ${token}` });
  const harapanJaya = { kecamatan: 'Bekasi Utara', kelurahan: 'Harapan Jaya' };
  const kranji = { kecamatan: 'Bekasi Barat', kelurahan: 'Kranji' };
  let admin: string;
  let supervisor: string;
  let rina: string;
  let budi: string;
  let inHarapanJaya: string;
  let inKranji: string;

  const register = async (area: { kecamatan: string; kelurahan: string }) =>
    (
      await t.http
        .post('/api/v1/households')
        .set(auth(await t.token('admin', 'admin-01')))
        .send(household({ address: area }))
        .expect(201)
    ).body.id as string;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.token('admin', 'admin-01');
    supervisor = await t.token('supervisor', 'sv-utara', { reach: 'own' });
    rina = await t.token('caseworker', 'cw-rina', { reach: 'own' });
    budi = await t.token('caseworker', 'cw-budi', { reach: 'own' });
    await t.http
      .post('/api/v1/staff/sv-utara/areas')
      .set(auth(admin))
      .send({
        role: 'supervisor',
        areas: [{ kecamatan: 'Bekasi Utara' }],
        validFrom: '2020-01-01',
        reason: 'Kecamatan supervisor',
      })
      .expect(200);
    await t.http
      .post('/api/v1/staff/cw-rina/areas')
      .set(auth(supervisor))
      .send({ role: 'caseworker', areas: [harapanJaya], validFrom: '2020-01-01', reason: 'Pendamping of Harapan Jaya' })
      .expect(200);
    inHarapanJaya = await register(harapanJaya);
    inKranji = await register(kranji);
  });
  afterAll(async () => t?.close());

  it('lets a caseworker read a household of the kelurahan given to her', async () => {
    await t.http
      .get(`/api/v1/households/${inHarapanJaya}`)
      .query({ minPosition: await t.store.headPosition() })
      .set(auth(rina))
      .expect(200);
  });

  it('answers 404 for a household outside her reach, as for one that does not exist', async () => {
    const response = await t.http.get(`/api/v1/households/${inKranji}/history`).set(auth(rina)).expect(404);
    expect(response.body.code).toBe('HOUSEHOLD.NOT_FOUND');
  });

  it('answers 404 to a command on a household outside her reach, and writes nothing', async () => {
    const head = await t.store.headPosition();
    await t.http.post(`/api/v1/households/${inKranji}/notes`).set(auth(rina)).send({ text: 'Home visit' }).expect(404);
    expect(await t.store.headPosition()).toBe(head);
  });

  it('lets a caseworker reach a household assigned to him outside any area of his', async () => {
    await t.http.get(`/api/v1/households/${inKranji}`).set(auth(budi)).expect(404);
    await t.http
      .post(`/api/v1/households/${inKranji}/caseworker`)
      .set(auth(admin))
      .send({ caseworkerId: 'cw-budi' })
      .expect(200);
    await t.http.post(`/api/v1/households/${inKranji}/notes`).set(auth(budi)).send({ text: 'First visit' }).expect(200);
  });

  it('lets a supervisor reach every household of the kecamatan given to him, and no other', async () => {
    await t.http.get(`/api/v1/households/${inHarapanJaya}/state`).set(auth(supervisor)).expect(200);
    await t.http.get(`/api/v1/households/${inKranji}/state`).set(auth(supervisor)).expect(404);
  });

  it('lists and counts only the households the caller reaches', async () => {
    const listed = await t.http
      .get('/api/v1/households')
      .query({ limit: 100, minPosition: await t.store.headPosition() })
      .set(auth(rina))
      .expect(200);
    const ids = listed.body.items.map((h: { id: string }) => h.id);
    expect(ids).toContain(inHarapanJaya);
    expect(ids).not.toContain(inKranji);
    expect(
      listed.body.items.every((h: { address: { kelurahan: string } }) => h.address.kelurahan === 'Harapan Jaya'),
    ).toBe(true);
  });

  it('refuses a NIK or KK held outside her reach without naming the household that holds it', async () => {
    const elsewhere = household({ address: kranji });
    const holder = (await t.http.post('/api/v1/households').set(auth(admin)).send(elsewhere).expect(201)).body.id;
    const [held] = elsewhere.members;
    const mine = household({ address: harapanJaya });
    const nikTaken = await t.http
      .post('/api/v1/households')
      .set(auth(rina))
      .send({ ...mine, members: [{ ...mine.members[0], nik: held!.nik }] })
      .expect(409);
    const kkTaken = await t.http
      .post('/api/v1/households')
      .set(auth(rina))
      .send({ ...mine, kk: elsewhere.kk })
      .expect(409);
    for (const [refused, code] of [
      [nikTaken, 'HOUSEHOLD.NIK_ALREADY_REGISTERED'],
      [kkTaken, 'HOUSEHOLD.KK_ALREADY_REGISTERED'],
    ] as const) {
      expect(refused.body.code).toBe(code);
      expect(refused.body).not.toHaveProperty('householdId');
      expect(JSON.stringify(refused.body)).not.toContain(holder);
    }
    // Whoever reaches the holder (an admin, the city) is told which household it is.
    const told = await t.http
      .post('/api/v1/households')
      .set(auth(admin))
      .send({ ...mine, kk: elsewhere.kk })
      .expect(409);
    expect(told.body).toMatchObject({ code: 'HOUSEHOLD.KK_ALREADY_REGISTERED', householdId: holder });
  });

  it('refuses to register a household outside the area the caseworker covers (403)', async () => {
    const response = await t.http
      .post('/api/v1/households')
      .set(auth(rina))
      .send(household({ address: kranji }))
      .expect(403);
    expect(response.body.code).toBe('ACCESS.OUTSIDE_AREA');
  });

  it('keeps a supervisor from giving an area outside the one he supervises', async () => {
    const response = await t.http
      .post('/api/v1/staff/cw-rina/areas')
      .set(auth(supervisor))
      .send({ role: 'caseworker', areas: [kranji], validFrom: '2020-01-01', reason: 'Covering Kranji' })
      .expect(422);
    expect(response.body.code).toBe('ACCESS.OUTSIDE_ASSIGNER_AREA');
  });

  describe('break the glass', () => {
    let elsewhere: string;
    beforeAll(async () => {
      elsewhere = await register({ kecamatan: 'Medan Satria', kelurahan: 'Harapan Mulya' });
    });

    it('opens a household outside her reach for reading, with a reason', async () => {
      await t.http
        .post(`/api/v1/households/${elsewhere}/break-glass`)
        .set(auth(rina))
        .send({ reason: 'The family moved in with relatives in Harapan Jaya last week' })
        .expect(200);
      await t.http
        .get(`/api/v1/households/${elsewhere}`)
        .query({ minPosition: await t.store.headPosition() })
        .set(auth(rina))
        .expect(200);
    });

    it('does not let her change an opened household (403 ACCESS.READ_ONLY)', async () => {
      const response = await t.http
        .post(`/api/v1/households/${elsewhere}/notes`)
        .set(auth(rina))
        .send({ text: 'Visited' })
        .expect(403);
      expect(response.body.code).toBe('ACCESS.READ_ONLY');
    });

    it('shows the opening in the household history, with who and why', async () => {
      const history = await t.http
        .get(`/api/v1/households/${elsewhere}/history`)
        .set(auth(await t.token('auditor')))
        .query({ minPosition: await t.store.headPosition() })
        .expect(200);
      const opened = history.body.events.find((e: { type: string }) => e.type === 'HouseholdOpened');
      expect(opened).toMatchObject({ metadata: { actor: 'cw-rina' } });
      expect(JSON.stringify(opened)).toContain('moved in with relatives');
    });

    it('refuses an opening without a sentence of reason', async () => {
      await t.http
        .post(`/api/v1/households/${elsewhere}/break-glass`)
        .set(auth(budi))
        .send({ reason: 'because' })
        .expect(400);
    });

    it("lists the opening in the supervisor's queue of the household's area until it is reviewed", async () => {
      const admin2 = await t.token('admin', 'admin-02');
      const queue = await t.http
        .get('/api/v1/queue')
        .query({ minPosition: await t.store.headPosition() })
        .set(auth(admin2))
        .expect(200);
      const opening = queue.body.openings.find((o: { householdId: string }) => o.householdId === elsewhere);
      expect(opening).toMatchObject({ staffId: 'cw-rina', reason: expect.stringContaining('relatives') });
      await t.http
        .post(`/api/v1/staff/cw-rina/openings/${opening.openingId}/review`)
        .set(auth(admin2))
        .send({ note: 'Justified: the family moved' })
        .expect(200);
      const after = await t.http
        .get('/api/v1/queue')
        .query({ minPosition: await t.store.headPosition() })
        .set(auth(admin2))
        .expect(200);
      expect(after.body.openings.map((o: { householdId: string }) => o.householdId)).not.toContain(elsewhere);
    });

    it('closes by itself after the configured hours', async () => {
      t.clock.advance(3 * 3_600_000 + 1_000);
      await t.http.get(`/api/v1/households/${elsewhere}`).set(auth(rina)).expect(404);
    });
  });

  it("shows a supervisor the exit proposals of his area and not another area's", async () => {
    const propose = async (id: string) => {
      await t.http
        .post(`/api/v1/households/${id}/assessments`)
        .set(auth(admin))
        .send({ perCapitaIncome: 900_000, povertyLine: 600_000, assessedOn: '2026-01-05' })
        .expect(200);
      const caseworker = await t.token('caseworker', 'cw-exit');
      await t.http
        .post(`/api/v1/households/${id}/exit/proposal`)
        .set(auth(caseworker))
        .send({ reason: 'Stable income from the warung' })
        .expect(200);
    };
    await propose(inHarapanJaya);
    await propose(inKranji);
    const queue = await t.http
      .get('/api/v1/queue')
      .query({ minPosition: await t.store.headPosition() })
      .set(auth(supervisor))
      .expect(200);
    expect(queue.body.exitProposals.map((p: { householdId: string }) => p.householdId)).toEqual([inHarapanJaya]);
  });

  it("lists a caseworker's kelurahan ending within 30 days in the supervisor's queue", async () => {
    const ends = new Date(t.clock.now().getTime() + 10 * 86_400_000).toISOString().slice(0, 10);
    await t.http
      .post('/api/v1/staff/cw-temp/areas')
      .set(auth(supervisor))
      .send({ role: 'caseworker', areas: [harapanJaya], validFrom: '2020-01-01', validUntil: ends, reason: 'Cover' })
      .expect(200);
    const queue = await t.http
      .get('/api/v1/queue')
      .query({ minPosition: await t.store.headPosition() })
      .set(auth(supervisor))
      .expect(200);
    expect(queue.body.assignmentsEnding).toEqual([expect.objectContaining({ staffId: 'cw-temp', validUntil: ends })]);
  });

  it('takes the area back when the supervisor revokes it', async () => {
    const areas = await t.http.get('/api/v1/staff/cw-rina/areas').set(auth(supervisor)).expect(200);
    const [given] = areas.body.assignments;
    await t.http
      .post(`/api/v1/staff/cw-rina/areas/${given.assignmentId}/revocation`)
      .set(auth(supervisor))
      .send({ reason: 'Moved to another kelurahan', revokedOn: '2020-06-01' })
      .expect(200);
    await t.http.get(`/api/v1/households/${inHarapanJaya}`).set(auth(rina)).expect(404);
  });

  it('lists a household assigned to a caseworker in his own caseload, outside his areas', async () => {
    await eventually(async () => {
      const caseload = await t.http.get('/api/v1/caseloads/cw-budi').set(auth(budi)).expect(200);
      expect(caseload.body.items.map((i: { householdId: string }) => i.householdId)).toEqual([inKranji]);
    }, "cw-budi's caseload to list his household");
  });

  it("shows a supervisor only his area's cases in another caseworker's caseload", async () => {
    await eventually(async () => {
      const caseload = await t.http.get('/api/v1/caseloads/cw-budi').set(auth(supervisor)).expect(200);
      expect(caseload.body.items).toEqual([]);
    }, "the supervisor's view of cw-budi's caseload");
  });

  it('rebuilds every read model from zero to the rows it built live', async () => {
    await expectRebuildsMatchLive(t);
  });
});
