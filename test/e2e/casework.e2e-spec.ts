import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { expectRebuildsMatchLive } from '../support/rebuild-equivalence.js';
import { eventually } from '../support/eventually.js';
import { household, startTestApp, type TestApp } from '../support/test-app.js';

/**
 * Casework through HTTP (ADR 0018): a transfer between caseworkers moves the case with its
 * scheduled visits and the reach to the family; a bulk reassignment with its dry run; an overdue
 * visit in the caseload (also one scheduled by rule after a non-compliant PKH stage); a flag set
 * and cleared. Runs on both stores (JEJAK_TEST_STORES=postgres).
 */
describe('casework: transfers, reassignment, visits and flags', () => {
  let t: TestApp;
  let admin: string;
  let supervisor: string;
  let rina: string;
  let budi: string;
  const kranji = { kecamatan: 'Bekasi Barat', kelurahan: 'Kranji' };
  const auth = (token: string) => ({ authorization: `Bearer ${token}` });
  const post = (token: string, url: string, body: object = {}) =>
    t.http.post(`/api/v1${url}`).set(auth(token)).send(body);
  const read = (token: string, url: string, position?: number) =>
    t.http
      .get(`/api/v1${url}`)
      .query(position ? { minPosition: position } : {})
      .set(auth(token));

  /** A household of Kranji assigned to `caseworkerId`, who covers no area: she reaches it by her caseload only. */
  const caseOf = async (caseworkerId: string, body = household({ address: kranji })): Promise<string> => {
    const id = (await post(admin, '/households', body).expect(201)).body.id as string;
    await post(admin, `/households/${id}/caseworker`, { caseworkerId, reason: 'Her caseload' }).expect(200);
    return id;
  };

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.token('admin', 'admin-01');
    supervisor = await t.token('supervisor', 'sv-barat', { reach: 'own' });
    rina = await t.token('caseworker', 'cw-rina', { reach: 'own' });
    budi = await t.token('caseworker', 'cw-budi', { reach: 'own' });
    await post(admin, '/staff/sv-barat/areas', {
      role: 'supervisor',
      areas: [{ kecamatan: 'Bekasi Barat' }],
      validFrom: '2020-01-01',
      reason: 'Kecamatan supervisor',
    }).expect(200);
  });
  afterAll(async () => t?.close());

  it('moves a case, its scheduled visits and the reach to the family when the receiver accepts', async () => {
    const id = await caseOf('cw-rina');
    const visit = await post(rina, `/households/${id}/visits`, {
      kind: 'home_visit',
      dueOn: '2026-01-15',
      purpose: 'Check the eldest is back at school',
    }).expect(200);
    const visitId = visit.body.visitId as string;
    await post(rina, `/households/${id}/visits`, {
      kind: 'p2k2_follow_up',
      dueOn: '2099-01-15',
      purpose: 'P2K2 attendance of the mother',
    }).expect(200);

    // Before the transfer Budi does not know the family; the supervisor asks, Budi decides.
    await read(budi, `/households/${id}`).expect(404);
    const refused = await post(rina, `/households/${id}/transfers`, {
      toCaseworkerId: 'cw-budi',
      reason: 'Rina leaves',
    }).expect(422);
    expect(refused.body.code).toBe('TRANSFER.CASEWORKER_ASKS_FOR_HERSELF');
    await post(supervisor, `/households/${id}/transfers`, {
      toCaseworkerId: 'cw-budi',
      reason: 'Bu Rina leaves the kelurahan',
    }).expect(200);
    // Budi finds it among the transfers awaiting his decision (ids and areas, no names); Rina does not.
    const asked = await read(budi, '/transfers/pending', await t.store.headPosition()).expect(200);
    expect(asked.body.items).toEqual([
      expect.objectContaining({ householdId: id, caseworkerId: 'cw-rina', toCaseworkerId: 'cw-budi', ...kranji }),
    ]);
    expect((await read(rina, '/transfers/pending').expect(200)).body.total).toBe(0);
    const notHis = await post(supervisor, `/households/${id}/transfers/acceptance`, {}).expect(422);
    expect(notHis.body.code).toBe('TRANSFER.NOT_YOURS_TO_DECIDE');
    // Another caseworker does not reach the household on the decision routes either.
    await post(
      await t.token('caseworker', 'cw-siti', { reach: 'own' }),
      `/households/${id}/transfers/acceptance`,
      {},
    ).expect(404);
    // A stale If-Match moves nothing: Rina still holds the case.
    await post(budi, `/households/${id}/transfers/acceptance`, {}).set('if-match', '"0"').expect(412);
    await read(rina, `/households/${id}/casework`).expect(200);
    const accepted = await post(budi, `/households/${id}/transfers/acceptance`, {}).expect(200);

    // Access follows at once: Rina no longer reaches the family, Budi does.
    await read(rina, `/households/${id}/casework`).expect(404);
    const casework = await read(budi, `/households/${id}/casework`, accepted.body.position).expect(200);
    expect(casework.body).toMatchObject({ caseworkerId: 'cw-budi', pendingTransfer: null });
    expect(casework.body.visits).toHaveLength(2);
    expect(casework.body.visits[0]).toMatchObject({ visitId, overdue: true });

    // The visits moved with the case: Budi's caseload shows them, overdue first; Rina's has nothing left.
    const his = await read(budi, '/caseloads/cw-budi', accepted.body.position).expect(200);
    const entry = his.body.items.find((c: { householdId: string }) => c.householdId === id);
    expect(entry).toMatchObject({ caseworkerId: 'cw-budi', overdueVisits: 1 });
    expect(entry.followUps.map((f: { kind: string; overdue: boolean }) => [f.kind, f.overdue])).toEqual([
      ['home_visit', true],
      ['p2k2_follow_up', false],
    ]);
    const overdue = await read(budi, '/caseloads/cw-budi?overdue=true').expect(200);
    expect(overdue.body.items.map((c: { householdId: string }) => c.householdId)).toContain(id);
    const hers = await read(rina, '/caseloads/cw-rina', accepted.body.position).expect(200);
    expect(hers.body.items.map((c: { householdId: string }) => c.householdId)).not.toContain(id);

    // The history shows the move with its reason; Budi does the visit.
    const history = await read(budi, `/households/${id}/history`).expect(200);
    const assigned = (history.body.events as { type: string; data: Record<string, unknown> }[]).filter(
      (e: { type: string }) => e.type === 'CaseworkerAssigned' || e.type === 'TransferAccepted',
    );
    expect(assigned.map((e: { type: string }) => e.type)).toEqual([
      'CaseworkerAssigned',
      'CaseworkerAssigned',
      'TransferAccepted',
    ]);
    await post(budi, `/households/${id}/visits/${visitId}/done`, { note: 'All three children at school' }).expect(200);
    await post(rina, `/households/${id}/visits/${visitId}/done`, { note: 'x' }).expect(404);
  });

  it('lets a caseworker ask for a case and a supervisor reject it, with a reason', async () => {
    const id = await caseOf('cw-rina');
    // Budi covers Kranji here: he reaches the household to ask for it.
    await post(supervisor, '/staff/cw-budi/areas', {
      role: 'caseworker',
      areas: [kranji],
      validFrom: '2020-01-01',
      reason: 'Pendamping of Kranji',
    }).expect(200);
    await post(budi, `/households/${id}/transfers`, { toCaseworkerId: 'cw-budi', reason: 'I know the family' }).expect(
      200,
    );
    const again = await post(budi, `/households/${id}/transfers`, { toCaseworkerId: 'cw-budi', reason: 'Again' });
    expect(again.status).toBe(422);
    expect(again.body.code).toBe('TRANSFER.ALREADY_PENDING');
    expect((await post(budi, `/households/${id}/transfers/acceptance`, {})).body.code).toBe(
      'TRANSFER.NOT_YOURS_TO_DECIDE',
    );
    const toDecide = await read(supervisor, '/transfers/pending?requestedAs=caseworker', await t.store.headPosition());
    expect(toDecide.body.items.map((p: { householdId: string }) => p.householdId)).toEqual([id]);
    // It waits in the supervisor's queue of Kranji's kecamatan, not in another supervisor's.
    const queued = await read(supervisor, '/queue', await t.store.headPosition()).expect(200);
    expect(queued.body.transfers).toEqual([
      expect.objectContaining({ householdId: id, ...kranji, fromCaseworkerId: 'cw-rina', toCaseworkerId: 'cw-budi' }),
    ]);
    const utara = await t.token('supervisor', 'sv-utara-cw', { reach: 'own' });
    expect((await read(utara, '/queue').expect(200)).body.transfers).toEqual([]);
    const rejected = await post(supervisor, `/households/${id}/transfers/rejection`, {
      reason: 'Rina stays with this family until June',
    }).expect(200);
    expect((await read(supervisor, '/queue', rejected.body.position).expect(200)).body.transfers).toEqual([]);
    const casework = await read(rina, `/households/${id}/casework`, rejected.body.position).expect(200);
    expect(casework.body).toMatchObject({ caseworkerId: 'cw-rina', pendingTransfer: null });
  });

  it('reassigns a leaving caseworker’s caseload in one request, after a dry run that writes nothing', async () => {
    const ids = [await caseOf('cw-wati'), await caseOf('cw-wati'), await caseOf('cw-wati')];
    const elsewhere = await caseOf('cw-rina');
    const head = await t.store.headPosition();
    const preview = await read(supervisor, `/caseloads/cw-wati/reassignment-preview?to=cw-dewi`, head).expect(200);
    expect(preview.body).toMatchObject({ fromCaseworkerId: 'cw-wati', toCaseworkerId: 'cw-dewi', refused: [] });
    expect([...preview.body.moves].sort()).toEqual([...ids].sort());
    const named = await read(
      supervisor,
      `/caseloads/cw-wati/reassignment-preview?to=cw-dewi&householdIds=${ids[0]},${elsewhere}`,
    ).expect(200);
    expect(named.body).toMatchObject({
      moves: [ids[0]],
      refused: [{ householdId: elsewhere, code: 'NOT_IN_CASELOAD' }],
    });
    // The dry run refuses what the command would, as a query to change (a read answers no 422).
    const same = await read(supervisor, `/caseloads/cw-wati/reassignment-preview?to=cw-wati`).expect(400);
    expect(same.body.errors).toEqual([expect.objectContaining({ field: 'to', rule: 'REASSIGNMENT.SAME_CASEWORKER' })]);
    expect(await t.store.headPosition()).toBe(head);

    const key = { 'idempotency-key': `reassign-wati-${head}` };
    const body = { toCaseworkerId: 'cw-dewi', reason: 'Bu Wati leaves the service on 31 March' };
    const moved = await post(supervisor, '/caseloads/cw-wati/reassignment', body).set(key).expect(200);
    expect([...moved.body.moved].sort()).toEqual([...ids].sort());
    const retried = await post(supervisor, '/caseloads/cw-wati/reassignment', body).set(key).expect(200);
    expect(retried.headers['idempotent-replayed']).toBe('true');
    expect(retried.body).toMatchObject({ id: moved.body.id, position: moved.body.position });

    const dewi = await t.token('caseworker', 'cw-dewi', { reach: 'own' });
    const caseload = await read(dewi, '/caseloads/cw-dewi', moved.body.position).expect(200);
    expect(caseload.body.total).toBe(3);
    for (const id of ids) {
      const history = await read(dewi, `/households/${id}/history`).expect(200);
      const moves = (history.body.events as { type: string; data: Record<string, unknown> }[]).filter(
        (e: { type: string }) => e.type === 'CaseworkerAssigned',
      );
      expect(moves).toHaveLength(2);
      expect(moves[1].data).toMatchObject({ caseworkerId: 'cw-dewi', previousCaseworkerId: 'cw-wati' });
    }
    const nothing = await post(supervisor, '/caseloads/cw-wati/reassignment', body).expect(422);
    expect(nothing.body.code).toBe('REASSIGNMENT.NOTHING_TO_MOVE');
  });

  it('shows a flag in the caseload and filters by it until it is cleared', async () => {
    const id = await caseOf('cw-rina');
    const set = await post(rina, `/households/${id}/flags`, {
      flag: 'child_out_of_school',
      risk: 'high',
      reason: 'The eldest son has not been at school for three weeks',
    }).expect(200);
    const flagged = await read(
      rina,
      '/caseloads/cw-rina?flag=child_out_of_school&risk=medium',
      set.body.position,
    ).expect(200);
    expect(flagged.body.items.map((c: { householdId: string }) => c.householdId)).toEqual([id]);
    expect(flagged.body.items[0].flags).toEqual([{ flag: 'child_out_of_school', risk: 'high' }]);
    const cleared = await post(rina, `/households/${id}/flags/clearance`, {
      flag: 'child_out_of_school',
      reason: 'Back at school, checked with the teacher',
    }).expect(200);
    const after = await read(rina, '/caseloads/cw-rina?flag=child_out_of_school', cleared.body.position).expect(200);
    expect(after.body.total).toBe(0);
    const again = await post(rina, `/households/${id}/flags/clearance`, {
      flag: 'child_out_of_school',
      reason: 'Again',
    }).expect(422);
    expect(again.body.code).toBe('FLAG.NOT_SET');
  });

  it('schedules a home visit 30 days after a PKH stage verified as not compliant', async () => {
    const family = household({ address: kranji });
    const child = (family.members as { nik: string }[])[2]!;
    const id = await caseOf('cw-rina', family);
    await post(admin, `/households/${id}/assessments`, {
      perCapitaIncome: 380_000,
      povertyLine: 600_000,
      assessedOn: '2026-01-05',
    }).expect(200);
    await post(rina, `/households/${id}/pkh/enrolment`, { enrolledOn: '2026-01-10' }).expect(200);
    const verified = await post(rina, `/households/${id}/pkh/verifications`, {
      stage: '2026-1',
      compliant: false,
      verifiedOn: '2026-01-20',
      missed: [{ nik: child.nik, commitment: 'health_check', detail: 'Posyandu missed' }],
    }).expect(200);
    const casework = await eventually(async () => {
      const response = await read(rina, `/households/${id}/casework`, verified.body.position).expect(200);
      expect(response.body.visits).toHaveLength(1);
      return response.body;
    }, 'the visit scheduled by rule');
    expect(casework.visits[0]).toMatchObject({
      kind: 'home_visit',
      dueOn: '2026-02-19',
      origin: 'non_compliant_verification',
      overdue: true,
    });
    const overdue = await read(rina, '/caseloads/cw-rina?overdue=true').expect(200);
    expect(overdue.body.items.map((c: { householdId: string }) => c.householdId)).toContain(id);
  });

  it('rebuilds the casework rows from zero to the same rows, and the rule schedules nothing twice', async () => {
    expect(await t.runner.settle(20_000)).toBe(true);
    const rows = () => t.readDatabase.reader.selectFrom('casework_cases').selectAll().orderBy('household_id').execute();
    const live = await rows();
    expect(live.some((r) => r.visits !== '[]') && live.some((r) => r.pending_transfer === null)).toBe(true);
    const head = await t.store.headPosition();
    await t.runner.rebuild('casework-cases');
    await t.runner.rebuild('casework-next-visit');
    expect(await t.runner.settle(20_000)).toBe(true);
    expect(await rows()).toEqual(live);
    expect(await t.store.headPosition()).toBe(head);
  });

  it('rebuilds every read model from zero to the rows it built live', async () => {
    await expectRebuildsMatchLive(t);
  });
});
