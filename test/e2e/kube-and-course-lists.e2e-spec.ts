import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { expectRebuildsMatchLive } from '../support/rebuild-equivalence.js';
import { eventually } from '../support/eventually.js';
import { household, sewingCourse, startTestApp, type TestApp } from '../support/test-app.js';

type Kube = { id: string; name: string; kelurahan: string; status: string; members: number; grantsRupiah: number };
type Course = { id: string; title: string; kind: string; status: string; invited: number; sessionsHeld: number };

/**
 * GET /kubes and GET /trainings: the groups and courses of the caller's areas, filtered and paged
 * by cursor, read from their own read models (each command's position passed as ?minPosition=).
 */
describe('Kube group and course lists', () => {
  let t: TestApp;
  const auth = (token: string) => ({ authorization: `Bearer ${token}` });
  const harapanJaya = { kecamatan: 'Bekasi Utara', kelurahan: 'Harapan Jaya' };
  const perwira = { kecamatan: 'Bekasi Utara', kelurahan: 'Perwira' };
  const kranji = { kecamatan: 'Bekasi Barat', kelurahan: 'Kranji' };
  let admin: string;
  let supervisor: string;
  let utara: string;
  let rina: string;
  let last = 0;
  const kubes: Record<string, string> = {};
  const courses: Record<string, string> = {};

  const post = async (token: string, url: string, body: object) => {
    const response = await t.http.post(`/api/v1${url}`).set(auth(token)).send(body);
    expect([200, 201]).toContain(response.status);
    last = response.body.position;
    return response.body.id as string;
  };
  const list = async <T>(token: string, path: string, query: Record<string, string | number> = {}) => {
    const { body } = await t.http
      .get(`/api/v1/${path}`)
      .query({ minPosition: last, ...query })
      .set(auth(token))
      .expect(200);
    return body as { items: T[]; nextCursor: string | null };
  };
  const form = async (name: string, area: typeof harapanJaya, businessType: string) => {
    const members: Array<{ id: string; nik: string }> = [];
    for (let i = 0; i < 2; i++) {
      const body = household({ address: area });
      members.push({ id: await post(admin, '/households', body), nik: body.members[0]!.nik as string });
    }
    kubes[name] = await post(supervisor, '/kubes', {
      name,
      businessType,
      ...area,
      householdIds: members.map((m) => m.id),
      formedOn: '2026-02-01',
    });
    return members;
  };
  const isoDay = (days: number) => new Date(t.clock.now().getTime() + days * 86_400_000).toISOString().slice(0, 10);

  beforeAll(async () => {
    t = await startTestApp({ KUBE_MIN_MEMBERS: '2' });
    admin = await t.token('admin');
    supervisor = await t.token('supervisor', 'sv-city');
    utara = await t.token('supervisor', 'sv-utara', { reach: 'own' });
    rina = await t.token('caseworker', 'cw-rina', { reach: 'own' });
    const give = (staff: string, role: string, area: object) =>
      post(admin, `/staff/${staff}/areas`, { role, areas: [area], validFrom: '2020-01-01', reason: 'Lists' });
    await give('sv-utara', 'supervisor', { kecamatan: 'Bekasi Utara' });
    await give('cw-rina', 'caseworker', harapanJaya);

    const melati = await form('Melati', harapanJaya, 'catering');
    await form('Mawar', harapanJaya, 'tailoring');
    await form('Kenanga', perwira, 'catering');
    await form('Anggrek', kranji, 'catering');
    const joining = await post(admin, '/households', household({ address: harapanJaya }));
    await post(supervisor, `/kubes/${kubes.Melati}/members`, { householdId: joining, joinedOn: '2026-03-01' });
    await post(supervisor, `/kubes/${kubes.Melati}/grants`, {
      amount: 5_000_000,
      source: 'APBD',
      reference: 'SP2D-1',
      disbursedOn: '2026-03-02',
    });
    await post(supervisor, `/kubes/${kubes.Melati}/reports`, { period: '2026-03', revenue: 900_000, activeMembers: 3 });
    await post(supervisor, `/kubes/${kubes.Mawar}/dissolution`, {
      reason: 'The members found work elsewhere and stopped the business',
      dissolvedOn: '2026-04-01',
    });

    courses.ended = await post(supervisor, '/trainings', sewingCourse(harapanJaya));
    courses.running = await post(supervisor, '/trainings', {
      ...sewingCourse(perwira),
      skill: 'catering',
      title: 'Tata boga',
      startsOn: isoDay(-10),
      endsOn: isoDay(20),
    });
    courses.upcoming = await post(supervisor, '/trainings', {
      ...sewingCourse(kranji),
      kind: 'family_session',
      skill: undefined,
      title: 'P2K2',
      sessions: 1,
      startsOn: isoDay(30),
      endsOn: isoDay(30),
    });
    await post(supervisor, `/trainings/${courses.ended}/invitations`, {
      householdId: melati[0]!.id,
      nik: melati[0]!.nik,
    });
    await post(supervisor, `/trainings/${courses.ended}/participants/${melati[0]!.nik}/response`, { accept: true });
    // Session 2 recorded before session 1: the list counts the highest session held.
    for (const sessionNo of [2, 1])
      await post(supervisor, `/trainings/${courses.ended}/sessions`, {
        sessionNo,
        heldOn: '2026-04-08',
        present: [melati[0]!.nik],
      });
  });
  afterAll(async () => t?.close());

  it('lists the groups with their standing and counts, no members', async () => {
    const page = await list<Kube>(admin, 'kubes', { limit: 100 });
    expect(page.items.map((k) => k.name)).toEqual(['Melati', 'Mawar', 'Kenanga', 'Anggrek']);
    expect(page.nextCursor).toBeNull();
    expect(page.items[0]).toEqual({
      id: kubes.Melati,
      name: 'Melati',
      businessType: 'catering',
      ...harapanJaya,
      formedOn: '2026-02-01',
      status: 'active',
      dissolvedOn: null,
      members: 3,
      grantsRupiah: 5_000_000,
      lastReportedPeriod: '2026-03',
    });
    expect(page.items[1]).toMatchObject({ name: 'Mawar', status: 'dissolved', dissolvedOn: '2026-04-01', members: 0 });
  });

  it('filters groups by kecamatan, kelurahan, status and business type', async () => {
    const names = async (query: Record<string, string>) =>
      (await list<Kube>(admin, 'kubes', query)).items.map((k) => k.name);
    expect(await names({ kecamatan: 'Bekasi Barat' })).toEqual(['Anggrek']);
    expect(await names({ kelurahan: 'Perwira' })).toEqual(['Kenanga']);
    expect(await names({ status: 'dissolved' })).toEqual(['Mawar']);
    expect(await names({ businessType: 'catering', kecamatan: 'Bekasi Utara' })).toEqual(['Melati', 'Kenanga']);
  });

  it('pages groups by cursor, each once', async () => {
    const seen: string[] = [];
    let cursor: string | null | undefined;
    do {
      const page = await list<Kube>(admin, 'kubes', { limit: 1, ...(cursor ? { cursor } : {}) });
      expect(page.items.length).toBe(1);
      seen.push(page.items[0]!.name);
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['Melati', 'Mawar', 'Kenanga', 'Anggrek']);
    const refused = await t.http.get('/api/v1/kubes').query({ cursor: 'not-ours' }).set(auth(admin)).expect(400);
    expect(refused.body.errors[0]).toMatchObject({ field: 'cursor', rule: 'isCursor' });
  });

  it("shows a caseworker the groups of her kelurahan and a supervisor those of his kecamatan, and no reporter's", async () => {
    expect((await list<Kube>(rina, 'kubes')).items.map((k) => k.name)).toEqual(['Melati', 'Mawar']);
    expect((await list<Kube>(utara, 'kubes')).items.map((k) => k.name)).toEqual(['Melati', 'Mawar', 'Kenanga']);
    expect((await list<Kube>(rina, 'kubes', { kecamatan: 'Bekasi Barat' })).items).toEqual([]);
    const reporter = await t.http
      .get('/api/v1/kubes')
      .set(auth(await t.token('reporter')))
      .expect(403);
    expect(reporter.body.code).toBe('AUTH.ROLE_NOT_ALLOWED');
  });

  it('lists courses with their status by date and their uptake, filtered by kind, skill and status', async () => {
    const all = await list<Course>(admin, 'trainings');
    expect(all.items.map((c) => [c.title, c.kind, c.status])).toEqual([
      ['Menjahit', 'vocational', 'ended'],
      ['Tata boga', 'vocational', 'running'],
      ['P2K2', 'family_session', 'upcoming'],
    ]);
    expect(all.items[0]).toMatchObject({ id: courses.ended, invited: 1, enrolled: 1, sessionsHeld: 2, ...harapanJaya });
    expect(all.items[0]).not.toHaveProperty('participants');
    const titles = async (query: Record<string, string>) =>
      (await list<Course>(admin, 'trainings', query)).items.map((c) => c.title);
    expect(await titles({ kind: 'family_session' })).toEqual(['P2K2']);
    expect(await titles({ skill: 'catering' })).toEqual(['Tata boga']);
    expect(await titles({ status: 'running' })).toEqual(['Tata boga']);
    expect(await titles({ status: 'upcoming' })).toEqual(['P2K2']);
    expect(await titles({ status: 'ended', kelurahan: 'Harapan Jaya' })).toEqual(['Menjahit']);
    const bad = await t.http.get('/api/v1/trainings').query({ kind: 'yoga' }).set(auth(admin)).expect(400);
    expect(bad.body.errors[0]).toMatchObject({ field: 'kind', rule: 'isIn' });
  });

  it('shows courses within the caller reach only, and pages them by cursor', async () => {
    expect((await list<Course>(rina, 'trainings')).items.map((c) => c.title)).toEqual(['Menjahit']);
    expect((await list<Course>(utara, 'trainings')).items.map((c) => c.title)).toEqual(['Menjahit', 'Tata boga']);
    const first = await list<Course>(admin, 'trainings', { limit: 2 });
    const second = await list<Course>(admin, 'trainings', { limit: 2, cursor: first.nextCursor! });
    expect([...first.items, ...second.items].map((c) => c.title)).toEqual(['Menjahit', 'Tata boga', 'P2K2']);
    expect(second.nextCursor).toBeNull();
  });

  it('answers a page as CSV with the next cursor in X-Next-Cursor', async () => {
    const csv = await t.http
      .get('/api/v1/kubes')
      .query({ limit: 2, minPosition: last })
      .set({ ...auth(admin), accept: 'text/csv' })
      .expect(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.text.trim().split('\r\n');
    expect(lines[0]).toBe(
      'id,name,businessType,kecamatan,kelurahan,formedOn,status,dissolvedOn,members,grantsRupiah,lastReportedPeriod',
    );
    expect(lines).toHaveLength(3);
    const rest = await list<Kube>(admin, 'kubes', { cursor: csv.headers['x-next-cursor'] as string });
    expect(rest.items.map((k) => k.name)).toEqual(['Kenanga', 'Anggrek']);
  });

  it('rebuilds both lists from the events to the same rows', async () => {
    const before = [await list<Kube>(admin, 'kubes'), await list<Course>(admin, 'trainings')];
    for (const name of ['kube-list', 'course-list']) {
      await t.http.post(`/api/v1/admin/projections/${name}/rebuild`).set(auth(admin)).expect(202);
      await eventually(() => t.runner.status().every((p) => p.state !== 'rebuilding'), `${name} to be rebuilt`);
    }
    expect([await list<Kube>(admin, 'kubes'), await list<Course>(admin, 'trainings')]).toEqual(before);
  });

  it('rebuilds every read model from zero to the rows it built live', async () => {
    await expectRebuildsMatchLive(t);
  });
});
