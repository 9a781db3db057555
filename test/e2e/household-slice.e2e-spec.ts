import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { expectRebuildsMatchLive } from '../support/rebuild-equivalence.js';
import type { Response } from 'supertest';
import { householdSummaryProjection } from '#libs/households/index.js';
import { eventually } from '../support/eventually.js';
import { household, startTestApp, uniqueNumber, type TestApp } from '../support/test-app.js';

describe('household slice, end to end on the embedded default', () => {
  let t: TestApp;
  let caseworker: string;
  let supervisor: string;
  let auditor: string;

  beforeAll(async () => {
    t = await startTestApp();
    caseworker = await t.token('caseworker', 'cw-01');
    supervisor = await t.token('supervisor', 'sv-01');
    auditor = await t.token('auditor', 'au-01');
  });
  afterAll(async () => t.close());

  const auth = (token: string) => ({ authorization: `Bearer ${token}` });

  /** One household's journey through the command path; the tests below read what it left. */
  describe('a household registered, assessed, assigned, noted, given and relieved of a member', () => {
    const body = household();
    const spouse = body.members[1]!.nik;
    let registered: Response;
    let assessed: Response;
    let removed: Response;
    let beforeRemoval: string;
    let registeredAt: string;

    beforeAll(async () => {
      registeredAt = t.clock.now().toISOString();
      registered = await t.http.post('/api/v1/households').set(auth(caseworker)).send(body).expect(201);
      const id: string = registered.body.id;
      assessed = await t.http
        .post(`/api/v1/households/${id}/assessments`)
        .set({ ...auth(caseworker), 'if-match': '"0"' })
        .send({ perCapitaIncome: 420_000, povertyLine: 600_000, assessedOn: '2026-01-10' })
        .expect(200);
      await t.http
        .post(`/api/v1/households/${id}/caseworker`)
        .set(auth(supervisor))
        .send({ caseworkerId: 'cw-01', reason: 'New case in Harapan Jaya' })
        .expect(200);
      await t.http
        .post(`/api/v1/households/${id}/notes`)
        .set(auth(caseworker))
        .send({ text: 'Home visit: roof leaks, asked about the sewing course.', topic: 'visit' })
        .expect(200);
      const baby = {
        nik: uniqueNumber(),
        name: 'Bayi Laksmi',
        birthDate: '2026-01-02',
        sex: 'female',
        relationship: 'child',
      };
      await t.http.post(`/api/v1/households/${id}/members`).set(auth(caseworker)).send(baby).expect(200);
      beforeRemoval = (await t.store.readStream(`household-${id}`)).at(-1)!.recordedAt;
      t.clock.advance();
      removed = await t.http
        .post(`/api/v1/households/${id}/members/${spouse}/removal`)
        .set({ ...auth(caseworker), 'if-match': '4' })
        .send({ reason: 'moved', detail: 'Works in Karawang now', effectiveOn: '2026-02-01' })
        .expect(200);
    });

    it('answers a registration with id, revision and position, the revision as ETag, and a Location', () => {
      const id: string = registered.body.id;
      expect(registered.body).toEqual({ id, revision: 0, position: expect.any(Number) });
      expect(registered.headers.etag).toBe('"0"');
      expect(registered.headers.location).toBe(`/api/v1/households/${id}`);
    });

    it('gives each command on the household the next revision', () => {
      expect([assessed.body.revision, removed.body.revision]).toEqual([1, 5]);
    });

    it('reads the household as its last command left it, once the read models reach its position', async () => {
      const read = await t.http
        .get(`/api/v1/households/${registered.body.id}?minPosition=${removed.body.position}`)
        .set(auth(caseworker))
        .expect(200);
      expect(read.headers.etag).toBe('"5"');
      expect(read.body).toMatchObject({
        id: registered.body.id,
        kk: body.kk,
        headName: 'Siti Aminah',
        address: { kecamatan: 'Bekasi Utara', kelurahan: 'Harapan Jaya' },
        memberCount: 3,
        welfareStatus: 'below_poverty_line',
        caseStatus: 'open',
        caseworkerId: 'cw-01',
        lastAssessment: { perCapitaIncome: 420_000, povertyLine: 600_000, assessedOn: '2026-01-10' },
        notesCount: 1,
        revision: 5,
      });
      expect(read.body.members.map((m: { name: string }) => m.name)).toEqual(['Siti Aminah', 'Rina', 'Bayi Laksmi']);
    });

    it('lists every event of the household with who, when and why', async () => {
      const history = await t.http
        .get(`/api/v1/households/${registered.body.id}/history`)
        .set(auth(auditor))
        .expect(200);
      expect(history.body.events.map((e: { type: string }) => e.type)).toEqual([
        'HouseholdRegistered',
        'HouseholdAssessed',
        'CaseworkerAssigned',
        'CaseNoteRecorded',
        'MemberAdded',
        'MemberRemoved',
      ]);
      const [first, , assign, , , removal] = history.body.events;
      expect(first.metadata).toMatchObject({ actor: 'cw-01', role: 'caseworker', schemaVersion: 1 });
      expect(first.metadata.correlationId).toEqual(expect.any(String));
      expect(first.metadata.causationId).toEqual(expect.any(String));
      expect(first.metadata.occurredAt).toEqual(expect.any(String));
      expect(assign.metadata).toMatchObject({ actor: 'sv-01', role: 'supervisor', reason: 'New case in Harapan Jaya' });
      expect(removal.metadata).toMatchObject({ reason: 'moved: Works in Karawang now' });
    });

    it("takes the command's time and the time the store records from the application's clock", async () => {
      const [first] = await t.store.readStream(`household-${registered.body.id}`);
      expect({ occurredAt: first!.metadata.occurredAt, recordedAt: first!.recordedAt }).toEqual({
        occurredAt: registeredAt,
        recordedAt: registeredAt,
      });
    });

    it('replays the household as the store had it at a time', async () => {
      const past = await t.http
        .get(`/api/v1/households/${registered.body.id}/state`)
        .query({ asOf: beforeRemoval })
        .set(auth(auditor))
        .expect(200);
      expect(past.body.revision).toBe(4);
      expect(past.body.state.members.map((m: { nik: string }) => m.nik)).toContain(spouse);
      const now = await t.http.get(`/api/v1/households/${registered.body.id}/state`).set(auth(auditor)).expect(200);
      expect(now.body.revision).toBe(5);
      expect(now.body.state.members.map((m: { nik: string }) => m.nik)).not.toContain(spouse);
      expect(now.body.state.formerMembers).toEqual([expect.objectContaining({ nik: spouse, removedFor: 'moved' })]);
    });

    it("releases a removed member's NIK for another household to register", async () => {
      const elsewhere = household({
        members: [{ nik: spouse, name: 'Budi Santoso', birthDate: '1982-07-19', sex: 'male', relationship: 'head' }],
      });
      await t.http.post('/api/v1/households').set(auth(caseworker)).send(elsewhere).expect(201);
    });
  });

  it('lists households by area, status, caseworker and text, page by page', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const body = household({
        address: { kecamatan: 'Jatiasih', kelurahan: i % 2 ? 'Jatirasa' : 'Jatimekar' },
        members: [
          {
            nik: uniqueNumber(),
            name: `Ibu Nurhayati ${i}`,
            birthDate: '1970-05-05',
            sex: 'female',
            relationship: 'head',
          },
        ],
      });
      ids.push((await t.http.post('/api/v1/households').set(auth(caseworker)).send(body).expect(201)).body.id);
    }
    const last = await t.http
      .post(`/api/v1/households/${ids[4]}/assessments`)
      .set(auth(caseworker))
      .send({ perCapitaIncome: 900_000, povertyLine: 600_000, assessedOn: '2026-01-10' })
      .expect(200);
    const list = (query: Record<string, string | number>) =>
      t.http
        .get('/api/v1/households')
        .query({ minPosition: last.body.position, ...query })
        .set(auth(supervisor))
        .expect(200);

    const page1 = await list({ kecamatan: 'Jatiasih', limit: 2 });
    expect(page1.body.items.map((h: { id: string }) => h.id)).toEqual(ids.slice(0, 2));
    const page2 = await list({ kecamatan: 'Jatiasih', limit: 2, cursor: page1.body.nextCursor });
    const page3 = await list({ kecamatan: 'Jatiasih', limit: 2, cursor: page2.body.nextCursor });
    expect([...page2.body.items, ...page3.body.items].map((h: { id: string }) => h.id)).toEqual(ids.slice(2));
    expect(page3.body.nextCursor).toBeNull();

    expect((await list({ kelurahan: 'Jatirasa' })).body.items).toHaveLength(2);
    expect((await list({ status: 'above_poverty_line' })).body.items.map((h: { id: string }) => h.id)).toEqual([
      ids[4],
    ]);
    expect((await list({ text: 'NURHAYATI 3' })).body.items.map((h: { id: string }) => h.id)).toEqual([ids[3]]);
    expect((await list({ text: 'nürhäyati 1' })).body.items.map((h: { id: string }) => h.id)).toEqual([ids[1]]);
    expect((await list({ text: '100%' })).body.items).toEqual([]);
  });

  describe('projections', () => {
    const dump = () =>
      t.readDatabase.reader.selectFrom('household_summary').selectAll().orderBy('household_id').execute();
    const allLive = () => eventually(() => t.runner.status().every((p) => p.state === 'live'), 'every projection live');
    let live: Awaited<ReturnType<typeof dump>>;

    beforeAll(async () => {
      expect(await t.runner.waitFor(await t.store.headPosition(), 5_000)).toBe(true);
      live = await dump();
    });

    it('rebuilding the projection from zero gives the same rows as building it live', async () => {
      expect(live.length).toBeGreaterThan(5);
      // Rebuilt into shadow tables and swapped; twice, so leftover index names would clash.
      for (const _ of [1, 2]) {
        const reading = dump();
        await t.runner.rebuild(householdSummaryProjection.name);
        expect(await reading).toEqual(live);
        expect(await t.runner.waitFor(await t.store.headPosition(), 5_000)).toBe(true);
        expect(await dump()).toEqual(live);
      }
    });

    it("shows an admin each projection's state and lag", async () => {
      // Relaunched after a swap, a projection reports 'catching_up' until its first (empty) batch.
      await allLive();
      const listed = await t.http
        .get('/api/v1/admin/projections')
        .set(auth(await t.token('admin')))
        .expect(200);
      expect(listed.body.find((p: { name: string }) => p.name === 'household-summary')).toMatchObject({
        state: 'live',
        lag: 0,
      });
    });

    it("rebuilds a projection on an admin's request, the rows unchanged", async () => {
      await t.http
        .post('/api/v1/admin/projections/household-summary/rebuild')
        .set(auth(await t.token('admin')))
        .expect(202);
      await eventually(() => t.runner.status().every((p) => p.state !== 'rebuilding'), 'the rebuild to finish');
      expect(await dump()).toEqual(live);
    });

    it('answers 404 for a projection it does not have', async () => {
      await t.http
        .post('/api/v1/admin/projections/nothing/rebuild')
        .set(auth(await t.token('admin')))
        .expect(404);
    });

    it('shows the projections to admins only', async () => {
      await t.http.get('/api/v1/admin/projections').set(auth(caseworker)).expect(403);
    });

    it('reports health: the status without a token, the projections with one', async () => {
      await allLive();
      expect((await t.http.get('/health').expect(200)).body).toEqual({ status: 'ok' });
      const health = await t.http.get('/health').set(auth(caseworker)).expect(200);
      expect(health.body.status).toBe('ok');
      expect(health.body.projections[0]).toMatchObject({ name: 'household-summary', state: 'live' });
    });
  });

  it('serves the OpenAPI document without a token', async () => {
    const doc = await t.http.get('/docs/openapi.json').expect(200);
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/households',
        '/api/v1/households/{id}/history',
        '/api/v1/households/{id}/state',
      ]),
    );
  });

  it('rebuilds every read model from zero to the rows it built live', async () => {
    await expectRebuildsMatchLive(t);
  });
});
