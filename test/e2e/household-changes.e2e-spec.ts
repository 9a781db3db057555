import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, uniqueNumber, type TestApp } from '../support/test-app.js';

/**
 * A household over a year (issue #17): a pregnancy and the birth of a child whose NIK comes later,
 * a school level change, the grandmother's death from a Dukcapil notice, each its own event; PKH's
 * components re-evaluated from the members on each stage's first day, visible in the stage's
 * events and the due list; then a move to another kelurahan puts the case in that area's queues.
 */
describe('a household that changes over a year', () => {
  let t: TestApp;
  let admin: string;
  let cwOld: string;
  let cwNew: string;
  let svNew: string;
  let svOld: string;
  let id: string;
  let position = 0;
  const auth = (token: string) => ({ authorization: `Bearer ${token}` });
  const post = async (token: string, url: string, body: object, status = 200) => {
    const response = await t.http.post(`/api/v1${url}`).set(auth(token)).send(body).expect(status);
    if (typeof response.body.position === 'number') position = Math.max(position, response.body.position);
    return response.body;
  };
  const get = async (token: string, url: string, status = 200) =>
    (
      await t.http
        .get(`/api/v1${url}${url.includes('?') ? '&' : '?'}minPosition=${position}`)
        .set(auth(token))
        .expect(status)
    ).body;
  /** A household's PKH participation, folded from its stream (no read model: no minPosition). */
  const pkhOf = async (token: string) =>
    (await t.http.get(`/api/v1/households/${id}/pkh`).set(auth(token)).expect(200)).body;
  /** The household folded from its stream, now or as the store had it at a time (no read model: no minPosition). */
  const stateOf = async (token: string, asOf?: string) =>
    (
      await t.http
        .get(`/api/v1/households/${id}/state${asOf ? `?asOf=${asOf}` : ''}`)
        .set(auth(token))
        .expect(200)
    ).body.state;
  const give = (staff: string, role: 'caseworker' | 'supervisor', area: object) =>
    post(admin, `/staff/${staff}/areas`, { role, areas: [area], validFrom: '2025-01-01', reason: 'Pendamping' });

  const head = { nik: uniqueNumber(), name: 'Agus Salim', birthDate: '1986-02-10', sex: 'male', relationship: 'head' };
  const mother = {
    nik: uniqueNumber(),
    name: 'Dewi Lestari',
    birthDate: '1991-06-01',
    sex: 'female',
    relationship: 'spouse',
  };
  const pupil = {
    nik: uniqueNumber(),
    name: 'Rina',
    birthDate: '2014-03-02',
    sex: 'female',
    relationship: 'child',
    schoolLevel: 'primary',
  };
  const grandmother = {
    nik: uniqueNumber(),
    name: 'Mbah Sri',
    birthDate: '1952-04-04',
    sex: 'female',
    relationship: 'parent',
  };
  let babyKey: string;
  const babyNik = uniqueNumber();

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.token('admin', 'admin-hc');
    cwOld = await t.token('caseworker', 'cw-hc-harapan', { reach: 'own' });
    cwNew = await t.token('caseworker', 'cw-hc-aren', { reach: 'own' });
    svOld = await t.token('supervisor', 'sv-hc-utara', { reach: 'own' });
    svNew = await t.token('supervisor', 'sv-hc-timur', { reach: 'own' });
    await give('cw-hc-harapan', 'caseworker', { kecamatan: 'Bekasi Utara', kelurahan: 'Harapan Jaya' });
    await give('cw-hc-aren', 'caseworker', { kecamatan: 'Bekasi Timur', kelurahan: 'Aren Jaya' });
    await give('sv-hc-utara', 'supervisor', { kecamatan: 'Bekasi Utara' });
    await give('sv-hc-timur', 'supervisor', { kecamatan: 'Bekasi Timur' });
  }, 60_000);
  afterAll(async () => t.close());

  it('registers the family, records the pregnancy and enrols it in PKH', async () => {
    const registered = await post(
      cwOld,
      '/households',
      {
        kk: uniqueNumber(),
        address: { kecamatan: 'Bekasi Utara', kelurahan: 'Harapan Jaya', street: 'Jl. Kenanga 3' },
        members: [head, mother, pupil, grandmother],
      },
      201,
    );
    id = registered.id;
    await post(cwOld, `/households/${id}/assessments`, {
      perCapitaIncome: 350_000,
      povertyLine: 600_000,
      assessedOn: '2025-12-01',
    });
    await post(cwOld, `/households/${id}/members/${mother.nik}/pregnancy`, {
      reportedOn: '2025-12-10',
      expectedDeliveryOn: '2026-03-25',
    });
    const refused = await post(
      cwOld,
      `/households/${id}/members/${head.nik}/pregnancy`,
      { reportedOn: '2025-12-10' },
      422,
    );
    expect(refused.code).toBe('HOUSEHOLD.PREGNANCY_NEEDS_A_WOMAN');
    await post(cwOld, `/households/${id}/pkh/enrolment`, { enrolledOn: '2026-01-05' });
    const pkh = await pkhOf(cwOld);
    // Pregnancy 3,000,000 + elderly 2,400,000 + primary 900,000 a year, in four stages.
    expect(pkh.entitlementPerStage).toBe(1_575_000);
  });

  it('registers the birth with its NIK pending, then the NIK Dukcapil issues', async () => {
    const missing = await post(
      cwOld,
      `/households/${id}/members/${mother.nik}/pregnancy/ending`,
      { endedOn: '2026-03-20', outcome: 'birth' },
      422,
    );
    expect(missing.code).toBe('HOUSEHOLD.BIRTH_NAMES_THE_CHILD');
    await post(cwOld, `/households/${id}/members/${mother.nik}/pregnancy/ending`, {
      endedOn: '2026-03-20',
      outcome: 'birth',
      children: [{ name: 'Bayi Lestari', sex: 'male' }],
    });
    const state = await stateOf(cwOld);
    const baby = state.members.find((m: { name: string }) => m.name === 'Bayi Lestari');
    expect(baby).toMatchObject({ birthDate: '2026-03-20', relationship: 'child', schoolLevel: 'none' });
    expect(baby.nik).toMatch(/^pending-/);
    babyKey = baby.nik;
    expect(state.members.find((m: { nik: string }) => m.nik === mother.nik).pregnant).toBe(false);
    await post(cwOld, `/households/${id}/members/${babyKey}/nik`, { nik: babyNik });
    const again = await post(cwOld, `/households/${id}/members/${babyNik}/nik`, { nik: uniqueNumber() }, 422);
    expect(again.code).toBe('HOUSEHOLD.MEMBER_NIK_NOT_PENDING');
  });

  it('re-evaluates the components for each stage from the members on its first day', async () => {
    const verify = (stage: string, verifiedOn: string) =>
      post(cwOld, `/households/${id}/pkh/verifications`, { stage, compliant: true, verifiedOn });
    await verify('2026-1', '2026-03-28');
    // 1 April: the baby (early childhood) instead of the pregnancy; the same amount.
    await verify('2026-2', '2026-06-20');
    await post(cwOld, `/households/${id}/members/${pupil.nik}/school-level`, {
      schoolLevel: 'junior_high',
      changedOn: '2026-07-15',
    });
    await post(
      cwOld,
      `/households/${id}/members/${pupil.nik}/school-level`,
      { schoolLevel: 'junior_high', changedOn: '2026-07-16' },
      422,
    );
    // 1 July: nothing changed yet (the school year began on the 15th).
    await verify('2026-3', '2026-09-20');
    t.clock.advance(1000);
    const died = await post(cwOld, `/households/${id}/members/${grandmother.nik}/death`, {
      diedOn: '2026-08-10',
      source: 'dukcapil',
      reference: '3275-KM-10082026-0042',
    });
    expect(died.revision).toBeGreaterThan(0);
    t.clock.advance(1000);
    // 1 October: baby 3,000,000 + junior high 1,500,000; the grandmother is gone.
    await verify('2026-4', '2026-11-20');

    const { events } = await get(admin, `/households/${id}/history`);
    const reassessed = events.filter((e: { type: string }) => e.type === 'PkhEntitlementReassessed');
    expect(
      reassessed.map(
        (e: { data: { stage: string; entitlementPerStage: number; previousEntitlementPerStage: number } }) => [
          e.data.stage,
          e.data.previousEntitlementPerStage,
          e.data.entitlementPerStage,
        ],
      ),
    ).toEqual([
      ['2026-2', 1_575_000, 1_575_000],
      ['2026-4', 1_575_000, 1_125_000],
    ]);
    expect(reassessed[1].data).toMatchObject({ membersOn: '2026-10-01', benefitIndex: { version: 'pkh-2019' } });
    expect(reassessed[1].data.components.map((c: { nik: string; component: string }) => [c.nik, c.component])).toEqual([
      [babyNik, 'early_childhood_0_6'],
      [pupil.nik, 'junior_high_school'],
    ]);
    // Each reassessment comes right before its stage's verification.
    const order = events.map((e: { type: string; data: { stage?: string } }) => `${e.type} ${e.data.stage ?? ''}`);
    expect(order.indexOf('PkhEntitlementReassessed 2026-4') + 1).toBe(order.indexOf('PkhComplianceVerified 2026-4'));

    const due = async (stage: string) =>
      (await get(svOld, `/pkh/stages/${stage}/due?kecamatan=Bekasi%20Utara&limit=1000`)).items.find(
        (i: { householdId: string }) => i.householdId === id,
      );
    expect((await due('2026-1')).amount).toBe(1_575_000);
    expect((await due('2026-3')).amount).toBe(1_575_000);
    expect((await due('2026-4')).amount).toBe(1_125_000);
  });

  it('keeps the members as they were on any date, and who left and why', async () => {
    const state = await stateOf(cwOld);
    expect(state.members.map((m: { nik: string }) => m.nik).sort()).toEqual(
      [head.nik, mother.nik, pupil.nik, babyNik].sort(),
    );
    expect(state.formerMembers).toEqual([expect.objectContaining({ nik: grandmother.nik, removedFor: 'died' })]);
    const { events } = await get(admin, `/households/${id}/history`);
    const death = events.find((e: { type: string }) => e.type === 'MemberDied');
    expect(death.data).toMatchObject({ source: 'dukcapil', reference: '3275-KM-10082026-0042', diedOn: '2026-08-10' });
    // As the office knew it before the death was recorded, the grandmother is still a member.
    const earlier = await stateOf(admin, new Date(new Date(death.recordedAt).getTime() - 1).toISOString());
    expect(earlier.members.map((m: { nik: string }) => m.nik)).toContain(grandmother.nik);
    // By business date: the baby from its birth, the grandmother until her death, the school level from July.
    const on = async (date: string) =>
      (await t.http.get(`/api/v1/households/${id}/members?on=${date}`).set(auth(cwOld)).expect(200)).body.members.map(
        (m: { nik: string; schoolLevel: string }) => `${m.nik}:${m.schoolLevel}`,
      );
    expect(await on('2026-03-01')).toEqual(
      [head, mother, pupil, grandmother].map(
        (m) => `${m.nik}:${(m as { schoolLevel?: string }).schoolLevel ?? 'none'}`,
      ),
    );
    expect(await on('2026-08-01')).toEqual([
      `${head.nik}:none`,
      `${mother.nik}:none`,
      `${pupil.nik}:junior_high`,
      `${grandmother.nik}:none`,
      `${babyNik}:none`,
    ]);
    expect(await on('2026-10-01')).not.toContain(`${grandmother.nik}:none`);
    const bad = await t.http.get(`/api/v1/households/${id}/members?on=2026-13-01`).set(auth(cwOld)).expect(400);
    expect(bad.body.errors[0].field).toBe('on');
  });

  it('a move to another kelurahan puts the case in that area', async () => {
    const same = await post(
      cwOld,
      `/households/${id}/relocation`,
      {
        address: { kecamatan: 'Bekasi Utara', kelurahan: 'Harapan Jaya', street: 'Jl. Kenanga 3' },
        movedOn: '2026-11-01',
      },
      422,
    );
    expect(same.code).toBe('HOUSEHOLD.ADDRESS_UNCHANGED');
    const wrong = await post(
      cwOld,
      `/households/${id}/relocation`,
      { address: { kecamatan: 'Bekasi Timur', kelurahan: 'Harapan Jaya' }, movedOn: '2026-11-01' },
      400,
    );
    expect(wrong.errors[0].field).toMatch(/kelurahan/);
    await post(cwOld, `/households/${id}/relocation`, {
      address: { kecamatan: 'Bekasi Timur', kelurahan: 'Aren Jaya', street: 'Jl. Mawar 9' },
      movedOn: '2026-11-01',
    });
    // The new area's caseworker reaches it; the old one no longer does.
    expect((await get(cwNew, `/households/${id}`)).address).toMatchObject({
      kelurahan: 'Aren Jaya',
      street: 'Jl. Mawar 9',
    });
    await get(cwOld, `/households/${id}`, 404);
    const newQueue = await get(svNew, '/caseloads?kecamatan=Bekasi%20Timur&kelurahan=Aren%20Jaya&limit=200');
    expect(newQueue.items.map((i: { householdId: string }) => i.householdId)).toContain(id);
    const oldQueue = await get(svOld, '/caseloads?kecamatan=Bekasi%20Utara&kelurahan=Harapan%20Jaya&limit=200');
    expect(oldQueue.items.map((i: { householdId: string }) => i.householdId)).not.toContain(id);
    // The stage not yet paid is due in the new area.
    const due = await get(svNew, '/pkh/stages/2026-4/due?kecamatan=Bekasi%20Timur&limit=1000');
    expect(due.items.find((i: { householdId: string }) => i.householdId === id)).toMatchObject({
      kelurahan: 'Aren Jaya',
      amount: 1_125_000,
    });
  });
});
