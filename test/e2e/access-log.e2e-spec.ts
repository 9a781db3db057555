import { randomUUID } from 'node:crypto';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import Database from 'better-sqlite3';
import pg from 'pg';
import { ACCESS_LOG, type AccessLog } from '#libs/platform/access-log/index.js';
import { eventually } from '../support/eventually.js';
import { testDatabaseUrl } from '../support/postgres.js';
import { household, startTestApp, uniqueNumber, type TestApp } from '../support/test-app.js';

const auth = (token: string) => ({ authorization: `Bearer ${token}` });

interface Entry {
  seq: number;
  at: string;
  actor: string;
  role: string;
  method: string;
  route: string;
  purpose: string | null;
  households: string[];
  requestId: string | null;
  hash: string;
}

/** Who looked at whose data: the access log, read back through the auditors' routes. */
describe('access log', () => {
  let t: TestApp;
  let cw: string;
  let sv: string;
  let auditor: string;
  const ids: string[] = [];
  const niks: string[] = [];
  let kubeId: string;
  let courseId: string;
  // A name no other test registers: the search below finds exactly these households.
  const family = `Wulandari${process.pid}`;

  const post = (token: string, url: string, body: object) => t.http.post(`/api/v1${url}`).set(auth(token)).send(body);
  const log = () => t.app.get<AccessLog>(ACCESS_LOG);
  const accessOf = async (kind: 'households' | 'actors', key: string, query = '') => {
    await log().flush();
    const { body } = await t.http.get(`/api/v1/audit/${kind}/${key}/access${query}`).set(auth(auditor)).expect(200);
    return body as { items: Entry[]; nextCursor: string | null };
  };
  const newest = async (actor: string) => (await accessOf('actors', actor)).items[0];

  beforeAll(async () => {
    t = await startTestApp({ KUBE_MIN_MEMBERS: '2' });
    cw = await t.token('caseworker', 'cw-al');
    sv = await t.token('supervisor', 'sv-al');
    auditor = await t.token('auditor', 'au-al');
    for (let i = 0; i < 3; i++) {
      const nik = uniqueNumber();
      const body = household({
        members: [
          { nik, name: `Siti ${family}`, birthDate: '1985-01-05', sex: 'female', relationship: 'head' },
          // A schoolchild makes the family eligible for PKH.
          {
            nik: uniqueNumber(),
            name: 'Rina',
            birthDate: '2016-03-02',
            sex: 'female',
            relationship: 'child',
            schoolLevel: 'primary',
          },
        ],
      });
      const { body: created } = await post(cw, '/households', body).expect(201);
      await post(cw, `/households/${created.id}/assessments`, {
        perCapitaIncome: 380_000,
        povertyLine: 600_000,
        assessedOn: '2026-01-05',
      }).expect(200);
      await post(sv, `/households/${created.id}/caseworker`, { caseworkerId: 'cw-al', reason: 'caseload' }).expect(200);
      ids.push(created.id);
      niks.push(nik);
    }
    kubeId = (
      await post(cw, '/kubes', {
        name: 'Kube Access',
        businessType: 'catering',
        kecamatan: 'Bekasi Utara',
        kelurahan: 'Harapan Jaya',
        householdIds: [ids[0], ids[1]],
        formedOn: '2026-03-01',
      }).expect(201)
    ).body.id;
    courseId = (
      await post(cw, '/trainings', {
        kind: 'vocational',
        skill: 'sewing',
        title: 'Menjahit dasar',
        provider: 'BLK Kota Bekasi',
        capacity: 20,
        sessions: 4,
        startsOn: '2026-04-01',
        endsOn: '2026-04-30',
        kecamatan: 'Bekasi Utara',
        kelurahan: 'Harapan Jaya',
        costPerParticipant: 750_000,
      }).expect(201)
    ).body.id;
    await post(cw, `/trainings/${courseId}/invitations`, { householdId: ids[2], nik: niks[2] }).expect(200);
    expect(await t.runner.settle(10_000)).toBe(true);
  });
  afterAll(async () => t.close());

  it('records a read of a household with who, when, the route template and the purpose, in both audit routes', async () => {
    const read = await t.http
      .get(`/api/v1/households/${ids[0]}`)
      .set({ ...auth(cw), 'x-purpose': 'home visit, PKH verification 2026-1' })
      .expect(200);
    // No flush here: the buffer is written within its interval on its own.
    const about = await eventually(async () => {
      const { body } = await t.http.get(`/api/v1/audit/households/${ids[0]}/access`).set(auth(auditor)).expect(200);
      expect(body.items).toHaveLength(1);
      return body as { items: Entry[] };
    }, 'the read in the access log');
    const entry = about.items[0]!;
    expect(entry).toEqual({
      seq: expect.any(Number),
      at: t.clock.now().toISOString(),
      actor: 'cw-al',
      role: 'caseworker',
      method: 'GET',
      route: '/api/v1/households/:id',
      purpose: 'home visit, PKH verification 2026-1',
      households: [ids[0]],
      requestId: read.headers['x-request-id'],
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect((await accessOf('actors', 'cw-al')).items[0]).toEqual(entry);

    // Its history, its state as of now and its PKH page are reads of the same family.
    await t.http.get(`/api/v1/households/${ids[0]}/history`).set(auth(cw)).expect(200);
    await t.http.get(`/api/v1/households/${ids[0]}/state`).set(auth(cw)).expect(200);
    await post(cw, `/households/${ids[0]}/pkh/enrolment`, { enrolledOn: '2026-01-10' }).expect(200);
    await t.http.get(`/api/v1/households/${ids[0]}/pkh`).set(auth(cw)).expect(200);
    const routes = (await accessOf('households', ids[0]!)).items.map((e) => [e.route, e.purpose]);
    expect(routes).toEqual([
      ['/api/v1/households/:id/pkh', null],
      ['/api/v1/households/:id/state', null],
      ['/api/v1/households/:id/history', null],
      ['/api/v1/households/:id', 'home visit, PKH verification 2026-1'],
    ]);
  });

  it('records the households a search returned, and never the search itself', async () => {
    const found = await t.http.get(`/api/v1/households?text=${family}`).set(auth(sv)).expect(200);
    expect(found.body.items.map((h: { id: string }) => h.id).sort()).toEqual([...ids].sort());
    const byNik = await t.http.get(`/api/v1/households?text=${niks[1]}`).set(auth(sv)).expect(200);
    expect(byNik.body.items.map((h: { id: string }) => h.id)).toEqual([ids[1]]);

    const [nikSearch, nameSearch] = (await accessOf('actors', 'sv-al')).items;
    expect(nikSearch).toMatchObject({ route: '/api/v1/households', role: 'supervisor', households: [ids[1]] });
    expect([...nameSearch!.households].sort()).toEqual([...ids].sort());
    expect(JSON.stringify([nikSearch, nameSearch])).not.toMatch(new RegExp(`${niks[1]}|${family}`));
    // Each family it listed has the search in its own record.
    for (const id of ids)
      expect((await accessOf('households', id)).items[0]!.seq).toBe(nikSearch!.seq - (id === ids[1] ? 0 : 1));
  });

  it("records caseload rows, Kube members, course participants and the feed's households; not a reporter's redacted feed", async () => {
    const mine = await t.http.get('/api/v1/caseloads/cw-al').set(auth(cw)).expect(200);
    expect(mine.body.items).toHaveLength(3);
    expect(await newest('cw-al')).toMatchObject({ route: '/api/v1/caseloads/:caseworkerId' });
    expect([...(await newest('cw-al'))!.households].sort()).toEqual([...ids].sort());

    await t.http.get('/api/v1/caseloads?kelurahan=Harapan%20Jaya').set(auth(sv)).expect(200);
    expect(await newest('sv-al')).toMatchObject({ route: '/api/v1/caseloads' });
    expect((await newest('sv-al'))!.households).toEqual(expect.arrayContaining(ids));

    await t.http.get(`/api/v1/kubes/${kubeId}`).set(auth(cw)).expect(200);
    expect(await newest('cw-al')).toMatchObject({ route: '/api/v1/kubes/:id', households: [ids[0], ids[1]] });
    await t.http.get(`/api/v1/kubes/${kubeId}/state`).set(auth(cw)).expect(200);
    expect(await newest('cw-al')).toMatchObject({ route: '/api/v1/kubes/:id/state', households: [ids[0], ids[1]] });
    await t.http.get(`/api/v1/trainings/${courseId}`).set(auth(cw)).expect(200);
    expect(await newest('cw-al')).toMatchObject({ route: '/api/v1/trainings/:id', households: [ids[2]] });
    await t.http.get(`/api/v1/trainings/${courseId}/state`).set(auth(cw)).expect(200);
    expect(await newest('cw-al')).toMatchObject({ route: '/api/v1/trainings/:id/state', households: [ids[2]] });

    await t.http.get('/api/v1/events?limit=1000').set(auth(auditor)).expect(200);
    expect(await newest('au-al')).toMatchObject({ route: '/api/v1/events', role: 'auditor' });
    expect((await newest('au-al'))!.households).toEqual(expect.arrayContaining(ids));
    await t.http
      .get('/api/v1/events?limit=1000')
      .set(auth(await t.token('reporter', 'rp-al')))
      .expect(200);
    expect((await accessOf('actors', 'rp-al')).items).toEqual([]);
  });

  it('records nothing for a read that fails, nor for one refused for its X-Purpose', async () => {
    const who = await t.token('caseworker', 'cw-al-failed');
    await t.http.get(`/api/v1/households/${randomUUID()}`).set(auth(who)).expect(404);
    const refused = await t.http
      .get(`/api/v1/households/${ids[0]}`)
      .set({ ...auth(who), 'x-purpose': 'x'.repeat(201) })
      .expect(400);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.body).toMatchObject({
      code: 'VALIDATION.FAILED',
      errors: [{ field: 'X-Purpose', rule: 'isPurpose' }],
    });
    await t.http.get(`/api/v1/trainings/${randomUUID()}`).set(auth(who)).expect(404);
    expect((await accessOf('actors', 'cw-al-failed')).items).toEqual([]);
  });

  it('pages newest first by cursor and narrows to a time range', async () => {
    const all = (await accessOf('actors', 'cw-al')).items;
    expect(all.length).toBeGreaterThan(4);
    const first = await accessOf('actors', 'cw-al', '?limit=2');
    expect(first.items).toEqual(all.slice(0, 2));
    const second = await accessOf('actors', 'cw-al', `?limit=2&cursor=${first.nextCursor}`);
    expect(second.items).toEqual(all.slice(2, 4));

    t.clock.advance(24 * 3600_000);
    const later = t.clock.now().toISOString();
    await t.http.get(`/api/v1/households/${ids[2]}`).set(auth(cw)).expect(200);
    expect((await accessOf('actors', 'cw-al', `?from=${later}`)).items.map((e) => e.at)).toEqual([later]);
    expect((await accessOf('actors', 'cw-al', `?to=${later}`)).items).toEqual(all);
    await t.http.get('/api/v1/audit/actors/cw-al/access?cursor=nonsense').set(auth(auditor)).expect(400);
  });

  it('answers text/csv on both routes', async () => {
    const csv = await t.http
      .get(`/api/v1/audit/households/${ids[0]}/access?limit=2`)
      .set({ ...auth(auditor), accept: 'text/csv' })
      .expect(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['x-next-cursor']).toEqual(expect.any(String));
    const lines = csv.text.trimEnd().split('\r\n');
    expect(lines[0]).toBe('seq,at,actor,role,method,route,purpose,households,requestId,hash');
    expect(lines).toHaveLength(3);
    const byActor = await t.http
      .get('/api/v1/audit/actors/cw-al/access')
      .set({ ...auth(auditor), accept: 'text/csv' })
      .expect(200);
    expect(byActor.text).toContain(
      ',cw-al,caseworker,GET,/api/v1/households/:id,"home visit, PKH verification 2026-1",',
    );
  });

  it('is for auditors and admins only', async () => {
    const routes = [
      `/api/v1/audit/households/${ids[0]}/access`,
      '/api/v1/audit/actors/cw-al/access',
      '/api/v1/audit/access/verify',
    ];
    for (const role of ['caseworker', 'supervisor', 'reporter'] as const) {
      const token = await t.token(role);
      for (const route of routes) {
        const refused = await t.http.get(route).set(auth(token)).expect(403);
        expect(refused.body.code).toBe('AUTH.ROLE_NOT_ALLOWED');
      }
    }
    const admin = await t.token('admin');
    for (const route of routes) await t.http.get(route).set(auth(admin)).expect(200);
  });

  it('documents the routes, their answers and roles in the OpenAPI document', async () => {
    const doc = (await t.http.get('/docs/openapi.json').expect(200)).body;
    const household = doc.paths['/api/v1/audit/households/{id}/access'].get;
    expect(household.responses['200'].content['application/json'].schema.$ref).toMatch(/AccessPage$/);
    expect(household.description).toContain('Roles: auditor, admin');
    expect(doc.paths['/api/v1/audit/actors/{actor}/access'].get.responses['200']).toBeDefined();
    expect(
      doc.paths['/api/v1/audit/access/verify'].get.responses['200'].content['application/json'].schema.$ref,
    ).toMatch(/AccessVerification$/);
    expect(doc.components.schemas.AccessEntryView.required).toEqual(
      expect.arrayContaining(['actor', 'route', 'households']),
    );
    const read = doc.paths['/api/v1/households/{id}'].get;
    expect(read.parameters).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'X-Purpose', in: 'header' })]),
    );
  });

  // Last: it breaks the chain.
  it('verifies the chain, then finds the entry changed behind its back', async () => {
    await log().flush();
    const ok = await t.http.get('/api/v1/audit/access/verify').set(auth(auditor)).expect(200);
    const written = log().stats().written;
    expect(ok.body).toMatchObject({ ok: true, firstBreak: null, entriesChecked: written, headSeq: written });

    const target = (await accessOf('households', ids[0]!)).items.at(-1)!;
    // The log refuses UPDATE: whoever changes an entry disables that first.
    const change = `UPDATE access_log SET purpose = 'routine' WHERE seq = ${target.seq}`;
    if (t.postgresSchema) {
      const client = new pg.Client({ connectionString: testDatabaseUrl() });
      await client.connect();
      await client.query(
        `SET search_path = "${t.postgresSchema}"; ALTER TABLE access_log DISABLE TRIGGER USER; ${change}`,
      );
      await client.end();
    } else {
      const db = new Database(join(t.dataDir, 'access-log.db'));
      db.exec(`DROP TRIGGER access_log_no_update; ${change}`);
      db.close();
    }
    const broken = await t.http.get('/api/v1/audit/access/verify').set(auth(auditor)).expect(200);
    expect(broken.body).toMatchObject({
      ok: false,
      entriesChecked: target.seq - 1,
      firstBreak: { seq: target.seq, reason: 'entry differs from what was chained (changed?)' },
    });
  });
});

/** The log writes in batches, off the request's path, apart from the events, and on shutdown. */
describe('access log writes', () => {
  let t: TestApp;
  let id: string;
  const log = (app: TestApp) => app.app.get<AccessLog>(ACCESS_LOG);

  beforeAll(async () => {
    // An interval longer than the test: only full batches and shutdown write.
    t = await startTestApp({ ACCESS_LOG_FLUSH_INTERVAL_MS: '60000' });
    const cw = await t.token('caseworker', 'cw-burst');
    id = (await t.http.post('/api/v1/households').set(auth(cw)).send(household()).expect(201)).body.id;
    expect(await t.runner.settle(10_000)).toBe(true);
  });
  afterAll(async () => t.close());

  it('writes a burst of 1,000 reads in two transactions and leaves the event store alone', async () => {
    const cw = await t.token('caseworker', 'cw-burst');
    const head = await t.store.headPosition();
    const before = log(t).stats();
    for (let wave = 0; wave < 40; wave++)
      await Promise.all(
        Array.from({ length: 25 }, () => t.http.get(`/api/v1/households/${id}`).set(auth(cw)).expect(200)),
      );
    await eventually(() => expect(log(t).stats().written - before.written).toBe(1_000), 'two full batches');
    const after = log(t).stats();
    expect(after.batches - before.batches).toBe(2);
    expect(after.buffered).toBe(0);
    expect(await t.store.headPosition()).toBe(head);
    const verified = await t.http
      .get('/api/v1/audit/access/verify')
      .set(auth(await t.token('auditor')))
      .expect(200);
    expect(verified.body).toMatchObject({ ok: true, entriesChecked: 1_000 });
    if (!t.postgresSchema) expect(statSync(join(t.dataDir, 'access-log.db')).mode & 0o777).toBe(0o600);
  });

  it('writes what it still buffers when the application shuts down', async () => {
    // Another instance on the same stores, closed while it holds reads nobody flushed.
    const sibling = await t.sibling({ RUN_PROJECTIONS: 'false', ACCESS_LOG_FLUSH_INTERVAL_MS: '60000' });
    const cw = await sibling.token('caseworker', 'cw-shutdown');
    for (let i = 0; i < 3; i++) await sibling.http.get(`/api/v1/households/${id}`).set(auth(cw)).expect(200);
    expect(log(sibling).stats()).toMatchObject({ recorded: 3, buffered: 3, batches: 0 });
    await sibling.close();

    const { body } = await t.http
      .get('/api/v1/audit/actors/cw-shutdown/access')
      .set(auth(await t.token('auditor')))
      .expect(200);
    expect(body.items).toHaveLength(3);
    expect(body.items[0]).toMatchObject({ route: '/api/v1/households/:id', households: [id] });
  });
});
