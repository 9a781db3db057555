import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { expectRebuildsMatchLive } from '../support/rebuild-equivalence.js';
import { eventually } from '../support/eventually.js';
import { startTestApp, uniqueNumber, type TestApp } from '../support/test-app.js';

type Entry = {
  eventId: string;
  type: string;
  data: Record<string, unknown>;
  recordedAt: string;
  revokedBy?: { eventId: string; recordedAt: string };
};
type Visit = { visitId: string; kind: string; dueOn: string; origin: string; status?: string };

/**
 * A household over a year (issue #17), in the order it happens, through the API as the office's
 * staff would use it: a pregnancy and the birth of a child whose NIK comes later, the baby referred
 * to the puskesmas, a stage not compliant and the home visit it schedules, a school level change,
 * a transfer to another caseworker that takes the visits along, a stage verified as not compliant
 * by mistake and revoked (the suspension it brought listed, then revoked by a supervisor), the
 * grandmother's death from a Dukcapil notice, a bulk reassignment after its dry run, a move to
 * another kelurahan; PKH's components re-evaluated from the members on each stage's first day,
 * visible in the stage's events and the due list. Runs on both stores (JEJAK_TEST_STORES=postgres).
 */
describe('a household that changes over a year', () => {
  let t: TestApp;
  let admin: string;
  /** Pendamping of Harapan Jaya, who registers the family; then Dina and Yanti hold the case by their caseload only. */
  let cwOld: string;
  let cwDina: string;
  let cwYanti: string;
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
  const pkhOf = async (token: string, asOf?: string) =>
    (
      await t.http
        .get(`/api/v1/households/${id}/pkh${asOf ? `?asOf=${asOf}` : ''}`)
        .set(auth(token))
        .expect(200)
    ).body;
  /** The household folded from its stream, now or as the store had it at a time (no read model: no minPosition). */
  const stateOf = async (token: string, asOf?: string) =>
    (
      await t.http
        .get(`/api/v1/households/${id}/state${asOf ? `?asOf=${asOf}` : ''}`)
        .set(auth(token))
        .expect(200)
    ).body.state;
  const history = async (): Promise<Entry[]> => (await get(admin, `/households/${id}/history`)).events;
  const casework = (token: string) => get(token, `/households/${id}/casework`);
  const caseloadOf = async (token: string, caseworkerId: string, query = '') =>
    (await get(token, `/caseloads/${caseworkerId}?limit=200${query}`)).items.map(
      (i: { householdId: string }) => i.householdId,
    );
  const verify = (token: string, stage: string, verifiedOn: string, missed: object[] = []) =>
    post(token, `/households/${id}/pkh/verifications`, { stage, compliant: missed.length === 0, missed, verifiedOn });
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
  /** The home visit the non-compliant stage 2 scheduled, and the P2K2 follow-up the first caseworker added. */
  let ruleVisit: Visit;
  let p2k2VisitId: string;
  /** The baby's referral to the puskesmas. */
  let referralId: string;
  const referralsDone = async (token: string) =>
    (await get(token, '/referrals?state=done')).items.map(
      (r: { id: string; caseworkerId: string; kelurahan: string }) => [r.id, r.caseworkerId, r.kelurahan],
    );

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.token('admin', 'admin-hc');
    cwOld = await t.token('caseworker', 'cw-hc-harapan', { reach: 'own' });
    cwDina = await t.token('caseworker', 'cw-hc-dina', { reach: 'own' });
    cwYanti = await t.token('caseworker', 'cw-hc-yanti', { reach: 'own' });
    cwNew = await t.token('caseworker', 'cw-hc-aren', { reach: 'own' });
    svOld = await t.token('supervisor', 'sv-hc-utara', { reach: 'own' });
    svNew = await t.token('supervisor', 'sv-hc-timur', { reach: 'own' });
    await give('cw-hc-harapan', 'caseworker', { kecamatan: 'Bekasi Utara', kelurahan: 'Harapan Jaya' });
    await give('cw-hc-aren', 'caseworker', { kecamatan: 'Bekasi Timur', kelurahan: 'Aren Jaya' });
    await give('sv-hc-utara', 'supervisor', { kecamatan: 'Bekasi Utara' });
    await give('sv-hc-timur', 'supervisor', { kecamatan: 'Bekasi Timur' });
  }, 60_000);
  afterAll(async () => t?.close());

  it('registers the family, gives the case to its pendamping, records the pregnancy and enrols it in PKH', async () => {
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
    await post(svOld, `/households/${id}/caseworker`, {
      caseworkerId: 'cw-hc-harapan',
      reason: 'Pendamping of Harapan Jaya',
    });
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
    expect(await caseloadOf(cwOld, 'cw-hc-harapan')).toEqual([id]);
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
    // Stage 1 (January to March): the members of 1 January, as enrolled.
    await verify(cwOld, '2026-1', '2026-03-28');
  });

  it('refers the baby to the puskesmas, which takes him and does the check', async () => {
    const referrals = `/households/${id}/referrals`;
    const made = await post(
      cwOld,
      referrals,
      { nik: babyNik, service: 'puskesmas', reason: 'child_nutrition', referredOn: '2026-04-02' },
      201,
    );
    const pending = await get(svOld, '/referrals?service=puskesmas&referredBy=cw-hc-harapan');
    expect(pending.items).toEqual([
      expect.objectContaining({ id: made.id, householdId: id, service: 'puskesmas', status: 'pending' }),
    ]);
    referralId = made.id;
    const early = await post(svOld, `${referrals}/${made.id}/acceptance`, { acceptedOn: '2026-04-01' }, 422);
    expect(early.code).toMatch(/^REFERRAL\./);
    await post(svOld, `${referrals}/${made.id}/acceptance`, { acceptedOn: '2026-04-03' });
    await post(cwOld, `${referrals}/${made.id}/completion`, {
      doneOn: '2026-04-10',
      note: 'Weighed and immunised; growth normal',
    });
    expect((await get(svOld, '/referrals?service=puskesmas')).items).toEqual([]);
    const done = await get(svOld, '/referrals?state=done');
    expect(done.items.map((r: { id: string; status: string }) => [r.id, r.status])).toEqual([[made.id, 'done']]);
    const types = (await history()).map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(['ReferralMade', 'ReferralAccepted', 'ReferralServiceDone']));
  });

  it('verifies stage 2 as not compliant, which schedules a home visit a month later', async () => {
    // 1 April: the baby (early childhood) instead of the pregnancy; the same amount.
    await verify(cwOld, '2026-2', '2026-06-20', [{ nik: pupil.nik, commitment: 'school_attendance' }]);
    const scheduled = await eventually(async () => {
      const { visits } = await casework(cwOld);
      expect(visits).toHaveLength(1);
      return visits as Visit[];
    }, 'the home visit after the non-compliant stage');
    ruleVisit = scheduled[0]!;
    expect(ruleVisit).toMatchObject({ kind: 'home_visit', dueOn: '2026-07-20', origin: 'non_compliant_verification' });
    // Not suspended for one stage: two in a row suspend.
    expect((await pkhOf(cwOld)).status).toBe('active');
    const p2k2 = await post(cwOld, `/households/${id}/visits`, {
      kind: 'p2k2_follow_up',
      dueOn: '2026-08-05',
      purpose: 'P2K2 attendance of the mother after the birth',
    });
    p2k2VisitId = p2k2.visitId;
  });

  it('records the school level change of July, once', async () => {
    await post(cwOld, `/households/${id}/members/${pupil.nik}/school-level`, {
      schoolLevel: 'junior_high',
      changedOn: '2026-07-15',
    });
    const twice = await post(
      cwOld,
      `/households/${id}/members/${pupil.nik}/school-level`,
      { schoolLevel: 'junior_high', changedOn: '2026-07-16' },
      422,
    );
    expect(twice.code).toMatch(/^HOUSEHOLD\./);
  });

  it('transfers the case to another caseworker with its scheduled visits; the first no longer has them', async () => {
    await post(svOld, `/households/${id}/transfers`, {
      toCaseworkerId: 'cw-hc-dina',
      reason: 'Bu Dina takes the families with a newborn in Harapan Jaya',
    });
    // Dina does not reach the family yet: she finds the request by its ids and areas only.
    await get(cwDina, `/households/${id}`, 404);
    const asked = await get(cwDina, '/transfers/pending');
    expect(asked.items).toEqual([
      expect.objectContaining({ householdId: id, caseworkerId: 'cw-hc-harapan', toCaseworkerId: 'cw-hc-dina' }),
    ]);
    const accepted = await post(cwDina, `/households/${id}/transfers/acceptance`, {});
    expect(accepted.id).toBe(id);

    const now = await casework(cwDina);
    expect(now).toMatchObject({ caseworkerId: 'cw-hc-dina', pendingTransfer: null });
    expect(now.visits.map((v: Visit) => v.visitId).sort()).toEqual([ruleVisit.visitId, p2k2VisitId].sort());
    const moved = (await history()).find((e) => e.type === 'TransferAccepted')!;
    expect(moved.data).toMatchObject({ fromCaseworkerId: 'cw-hc-harapan', toCaseworkerId: 'cw-hc-dina' });
    expect(moved.data.movedVisitIds).toEqual([ruleVisit.visitId, p2k2VisitId].sort());

    // Dina's caseload has the case with the overdue home visit; the first caseworker's has nothing left.
    const dinas = await get(cwDina, '/caseloads/cw-hc-dina?overdue=true');
    const entry = dinas.items.find((c: { householdId: string }) => c.householdId === id);
    expect(entry).toMatchObject({ caseworkerId: 'cw-hc-dina' });
    expect(entry.overdueVisits).toBeGreaterThanOrEqual(1);
    expect(entry.followUps.map((f: { kind: string }) => f.kind)).toEqual(
      expect.arrayContaining(['home_visit', 'p2k2_follow_up']),
    );
    expect(await caseloadOf(cwOld, 'cw-hc-harapan')).toEqual([]);
    expect(await caseloadOf(cwOld, 'cw-hc-harapan', '&overdue=true')).toEqual([]);
    // Only the holder records the visits.
    await post(cwDina, `/households/${id}/visits/${ruleVisit.visitId}/done`, {
      doneOn: '2026-08-12',
      note: 'Rina back at school; attendance checked with the teacher',
    });
    await post(cwDina, `/households/${id}/visits/${p2k2VisitId}/done`, {
      doneOn: '2026-08-12',
      note: 'Mother back at the P2K2 sessions',
    });
  });

  let mistaken: Entry;
  let beforeRevocation: string;

  it('revokes stage 3 verified as not compliant by mistake, and lists the suspension that followed it', async () => {
    // 1 July: nothing changed yet (the school year began on the 15th); the second stage not
    // compliant in a row suspends the family.
    await verify(cwDina, '2026-3', '2026-09-20', [{ nik: pupil.nik, commitment: 'school_attendance' }]);
    expect((await pkhOf(cwDina)).status).toBe('suspended');
    const entries = await history();
    mistaken = entries.find((e) => e.type === 'PkhComplianceVerified' && e.data.stage === '2026-3')!;
    const suspension = entries.find((e) => e.type === 'PkhSuspended')!;
    expect(suspension.data).toMatchObject({ stage: '2026-3', consecutiveNonCompliantStages: 2 });

    t.clock.advance(1000);
    const asked = await post(cwDina, `/households/${id}/revocations`, {
      eventId: mistaken.eventId,
      reason: 'Rina attended; the school sent the wrong class list',
    });
    expect(asked).toMatchObject({ id, eventId: mistaken.eventId, outcome: 'requested' });
    beforeRevocation = (await history()).find((e) => e.type === 'RevocationRequested')!.recordedAt;
    t.clock.advance(1000);
    // The rule schedules a home visit after the non-compliant stage (a reactor): let it run first.
    expect(await t.runner.settle(20_000)).toBe(true);
    const revoked = await post(svOld, `/households/${id}/revocations/${mistaken.eventId}/approval`, {});
    expect(revoked).toMatchObject({ outcome: 'revoked', eventType: 'PkhComplianceVerified' });
    // Listed for review, in whichever of the family's streams they are: the suspension and the visit.
    expect(revoked.dependents).toEqual([
      expect.objectContaining({ eventId: suspension.eventId, eventType: 'PkhSuspended' }),
      expect.objectContaining({ eventType: 'VisitScheduled', stream: `casework-${id}` }),
    ]);
    // The suspension stands until someone answers it: the supervisor revokes it too.
    expect((await pkhOf(cwDina)).status).toBe('suspended');
    const lifted = await post(svOld, `/households/${id}/revocations`, {
      eventId: suspension.eventId,
      reason: 'It followed the verification revoked for the wrong class list',
    });
    expect(lifted).toMatchObject({ outcome: 'revoked', eventType: 'PkhSuspended', dependents: [] });
    const pkh = await pkhOf(cwDina);
    expect(pkh).toMatchObject({ status: 'active', consecutiveNonCompliant: 1 });
    expect(Object.keys(pkh.stages).sort()).toEqual(['2026-1', '2026-2']);
    const row = (await get(svOld, '/caseloads?kelurahan=Harapan%20Jaya&limit=200')).items.find(
      (c: { householdId: string }) => c.householdId === id,
    );
    expect(row.programmes.pkh).toBe('active');
    // The stage is verified again, as it was.
    await verify(cwDina, '2026-3', '2026-09-21');
  });

  it('keeps the mistaken entry beside its revocation, and shows it as of before the revocation', async () => {
    const entries = await history();
    const verifications = entries.filter((e) => e.type === 'PkhComplianceVerified').map((e) => e.data.stage);
    expect(verifications).toEqual(['2026-1', '2026-2', '2026-3', '2026-3']);
    const revocations = entries.filter((e) => e.type === 'RevocationRequested' || e.type === 'EventRevoked');
    expect(revocations.map((e) => [e.type, e.data.eventId ?? null])).toEqual([
      ['RevocationRequested', mistaken.eventId],
      ['EventRevoked', mistaken.eventId],
      ['EventRevoked', expect.any(String)],
    ]);
    expect(revocations[1]!.data).toMatchObject({ requestedBy: 'cw-hc-dina', approvedBy: 'sv-hc-utara' });
    // The entry says at its place that it was revoked, and by which entry; the suspension alike.
    const byId = new Map(entries.map((e) => [e.eventId, e]));
    expect(byId.get(mistaken.eventId)!.revokedBy).toEqual({
      eventId: revocations[1]!.eventId,
      recordedAt: revocations[1]!.recordedAt,
    });
    const suspension = entries.find((e) => e.type === 'PkhSuspended')!;
    expect(suspension.revokedBy?.eventId).toBe(revocations[2]!.eventId);
    expect(entries.filter((e) => e.revokedBy).map((e) => e.eventId)).toEqual([mistaken.eventId, suspension.eventId]);
    const then = await pkhOf(svOld, beforeRevocation);
    expect(then).toMatchObject({ status: 'suspended' });
    expect(then.stages['2026-3']).toMatchObject({ compliant: false });
    expect((await pkhOf(svOld)).stages['2026-3']).toMatchObject({ compliant: true });
  });

  it("records the grandmother's death when Dukcapil's notice arrives", async () => {
    t.clock.advance(1000);
    const died = await post(cwDina, `/households/${id}/members/${grandmother.nik}/death`, {
      diedOn: '2026-08-10',
      source: 'dukcapil',
      reference: '3275-KM-10082026-0042',
    });
    expect(died.revision).toBeGreaterThan(0);
    t.clock.advance(1000);
  });

  it("reassigns the leaving caseworker's caseload after a dry run that writes nothing", async () => {
    const head = await t.store.headPosition();
    const preview = await get(svOld, '/caseloads/cw-hc-dina/reassignment-preview?to=cw-hc-yanti');
    expect(preview).toEqual({
      fromCaseworkerId: 'cw-hc-dina',
      toCaseworkerId: 'cw-hc-yanti',
      moves: [id],
      alreadyMoved: [],
      refused: [],
    });
    expect(await t.store.headPosition()).toBe(head);
    await get(cwYanti, `/households/${id}`, 404);

    const reassigned = await t.http
      .post('/api/v1/caseloads/cw-hc-dina/reassignment')
      .set({ ...auth(svOld), 'idempotency-key': `reassign-dina-${id}` })
      .send({ toCaseworkerId: 'cw-hc-yanti', reason: 'Bu Dina leaves the service on 31 October' })
      .expect(200);
    expect(reassigned.body).toMatchObject({ moved: [id], alreadyMoved: [], refused: [] });
    position = reassigned.body.position;

    expect(await caseloadOf(cwYanti, 'cw-hc-yanti')).toEqual([id]);
    expect(await caseloadOf(cwDina, 'cw-hc-dina')).toEqual([]);
    await get(cwDina, `/households/${id}`, 404);
    expect(await casework(cwYanti)).toMatchObject({ caseworkerId: 'cw-hc-yanti', pendingTransfer: null });
    // The family's referrals follow the case: its new caseworker finds them, the one who left does not.
    expect(await referralsDone(cwYanti)).toEqual([[referralId, 'cw-hc-yanti', 'Harapan Jaya']]);
    expect(await referralsDone(cwDina)).toEqual([]);
    const moves = (await history()).filter((e) => e.type === 'CaseworkerAssigned').map((e) => e.data);
    expect(moves.map((m) => [m.previousCaseworkerId, m.caseworkerId])).toEqual([
      [null, 'cw-hc-harapan'],
      ['cw-hc-harapan', 'cw-hc-dina'],
      ['cw-hc-dina', 'cw-hc-yanti'],
    ]);
  });

  it('a move to another kelurahan puts the case in that area', async () => {
    const same = await post(
      cwYanti,
      `/households/${id}/relocation`,
      {
        address: { kecamatan: 'Bekasi Utara', kelurahan: 'Harapan Jaya', street: 'Jl. Kenanga 3' },
        movedOn: '2026-11-01',
      },
      422,
    );
    expect(same.code).toBe('HOUSEHOLD.ADDRESS_UNCHANGED');
    const wrong = await post(
      cwYanti,
      `/households/${id}/relocation`,
      { address: { kecamatan: 'Bekasi Timur', kelurahan: 'Harapan Jaya' }, movedOn: '2026-11-01' },
      400,
    );
    expect(wrong.errors[0].field).toMatch(/kelurahan/);
    await post(cwYanti, `/households/${id}/relocation`, {
      address: { kecamatan: 'Bekasi Timur', kelurahan: 'Aren Jaya', street: 'Jl. Mawar 9' },
      movedOn: '2026-11-01',
    });
    // The new area's caseworker reaches it; the old one no longer does; its holder keeps it.
    expect((await get(cwNew, `/households/${id}`)).address).toMatchObject({
      kelurahan: 'Aren Jaya',
      street: 'Jl. Mawar 9',
    });
    await get(cwOld, `/households/${id}`, 404);
    expect(await caseloadOf(cwYanti, 'cw-hc-yanti')).toEqual([id]);
    const newQueue = await get(svNew, '/caseloads?kecamatan=Bekasi%20Timur&kelurahan=Aren%20Jaya&limit=200');
    expect(newQueue.items.map((i: { householdId: string }) => i.householdId)).toContain(id);
    const oldQueue = await get(svOld, '/caseloads?kecamatan=Bekasi%20Utara&kelurahan=Harapan%20Jaya&limit=200');
    expect(oldQueue.items.map((i: { householdId: string }) => i.householdId)).not.toContain(id);
    // Its referrals move with it to the new area's lists.
    expect(await referralsDone(svNew)).toEqual([[referralId, 'cw-hc-yanti', 'Aren Jaya']]);
    expect(await referralsDone(svOld)).toEqual([]);
  });

  it("re-evaluates stage 4's components from the members on 1 October, in its events and the due list", async () => {
    // 1 October: baby 3,000,000 + junior high 1,500,000; the grandmother is gone.
    await verify(cwYanti, '2026-4', '2026-11-20');
    const events = await history();
    const reassessed = events.filter((e) => e.type === 'PkhEntitlementReassessed');
    expect(
      reassessed.map((e) => [e.data.stage, e.data.previousEntitlementPerStage, e.data.entitlementPerStage]),
    ).toEqual([
      ['2026-2', 1_575_000, 1_575_000],
      ['2026-4', 1_575_000, 1_125_000],
    ]);
    expect(reassessed[1]!.data).toMatchObject({ membersOn: '2026-10-01', benefitIndex: { version: 'pkh-2019' } });
    expect(
      (reassessed[1]!.data.components as { nik: string; component: string }[]).map((c) => [c.nik, c.component]),
    ).toEqual([
      [babyNik, 'early_childhood_0_6'],
      [pupil.nik, 'junior_high_school'],
    ]);
    // Each reassessment comes right before its stage's verification.
    const order = events.map((e) => `${e.type} ${e.data.stage ?? ''}`);
    expect(order.indexOf('PkhEntitlementReassessed 2026-4') + 1).toBe(order.indexOf('PkhComplianceVerified 2026-4'));

    // Due in the new area: stage 1 and the stage 3 verified again at the old amount, stage 4 at
    // the new one; stage 2 (not compliant) is not due.
    const due = async (stage: string) =>
      (await get(svNew, `/pkh/stages/${stage}/due?kecamatan=Bekasi%20Timur&limit=1000`)).items.find(
        (i: { householdId: string }) => i.householdId === id,
      );
    expect((await due('2026-1')).amount).toBe(1_575_000);
    expect(await due('2026-2')).toBeUndefined();
    expect((await due('2026-3')).amount).toBe(1_575_000);
    expect(await due('2026-4')).toMatchObject({ kelurahan: 'Aren Jaya', amount: 1_125_000 });
  });

  it('keeps the members as they were on any date, and who left and why', async () => {
    const state = await stateOf(admin);
    expect(state.members.map((m: { nik: string }) => m.nik).sort()).toEqual(
      [head.nik, mother.nik, pupil.nik, babyNik].sort(),
    );
    expect(state.formerMembers).toEqual([expect.objectContaining({ nik: grandmother.nik, removedFor: 'died' })]);
    const death = (await history()).find((e) => e.type === 'MemberDied')!;
    expect(death.data).toMatchObject({ source: 'dukcapil', reference: '3275-KM-10082026-0042', diedOn: '2026-08-10' });
    // As the office knew it before the death was recorded, the grandmother is still a member.
    const earlier = await stateOf(admin, new Date(new Date(death.recordedAt).getTime() - 1).toISOString());
    expect(earlier.members.map((m: { nik: string }) => m.nik)).toContain(grandmother.nik);
    // By business date: the baby from its birth, the grandmother until her death, the school level from July.
    const on = async (date: string) =>
      (await t.http.get(`/api/v1/households/${id}/members?on=${date}`).set(auth(cwYanti)).expect(200)).body.members.map(
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
    const bad = await t.http.get(`/api/v1/households/${id}/members?on=2026-13-01`).set(auth(cwYanti)).expect(400);
    expect(bad.body.errors[0].field).toBe('on');
  });

  it('rebuilds the referral list from zero to the same rows, after the moves', async () => {
    expect(await t.runner.settle(20_000)).toBe(true);
    const rows = () => t.readDatabase.reader.selectFrom('referral_list').selectAll().orderBy('referral_id').execute();
    const live = await rows();
    expect(live.find((r) => r.household_id === id)).toMatchObject({
      kelurahan: 'Aren Jaya',
      caseworker_id: 'cw-hc-yanti',
    });
    await t.runner.rebuild('referral-list');
    expect(await t.runner.settle(20_000)).toBe(true);
    expect(await rows()).toEqual(live);
  });

  it('names the new head in the caseload and the summary when the head moves out, as a rebuild does', async () => {
    await post(cwYanti, `/households/${id}/members/${head.nik}/departure`, {
      movedOn: '2026-11-20',
      destination: 'Bogor',
      newHeadNik: mother.nik,
    });
    const row = (await get(cwYanti, '/caseloads/cw-hc-yanti?limit=200')).items.find(
      (i: { householdId: string }) => i.householdId === id,
    );
    expect(row).toMatchObject({ headName: mother.name });
    expect(await get(cwYanti, `/households/${id}`)).toMatchObject({ headName: mother.name });
    expect(await t.runner.settle(20_000)).toBe(true);
    const rows = () => t.readDatabase.reader.selectFrom('caseload').selectAll().orderBy('household_id').execute();
    const live = await rows();
    await t.runner.rebuild('caseloads');
    expect(await t.runner.settle(20_000)).toBe(true);
    expect(await rows()).toEqual(live);
  });

  it('rebuilds every read model from zero to the rows it built live', async () => {
    await expectRebuildsMatchLive(t);
  });
});
