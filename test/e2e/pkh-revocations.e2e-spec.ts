import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { expectRebuildsMatchLive } from '../support/rebuild-equivalence.js';
import { reportingJobOver } from '../support/reporting-job.js';
import { randomUUID } from 'node:crypto';
import { ACCESS_LOG, type AccessLog } from '#libs/platform/access-log/index.js';
import { household, sewingCourse, startTestApp, type TestApp } from '../support/test-app.js';

/**
 * Corrections (issue #17, ADR 0019): a mistaken non-compliant verification, which suspended the
 * family, is revoked on a caseworker's request and a supervisor's approval; the answer lists the
 * suspension that followed it, the stage's state and the due list follow, and the participation
 * as of before the revocation still shows what was known then.
 */
describe('revoking a PKH entry', () => {
  let t: TestApp;
  let cw: string;
  let sv: string;
  let id: string;
  const auth = (token: string) => ({ authorization: `Bearer ${token}` });
  const post = (token: string, url: string, body: object = {}) =>
    t.http.post(`/api/v1${url}`).set(auth(token)).send(body);
  const get = (token: string, url: string) => t.http.get(`/api/v1${url}`).set(auth(token));
  const family = household();
  type Entry = { eventId: string; type: string; data: { stage?: string }; recordedAt: string };
  // The history reads the household's links (a read model): it waits for the latest write.
  const entries = async (): Promise<Entry[]> => {
    const position = (await t.store.readAll()).at(-1)!.position;
    return (await get(sv, `/households/${id}/history?minPosition=${position}`).expect(200)).body.events;
  };
  const due = async (stage: string, minPosition: number): Promise<string[]> =>
    (
      await get(sv, `/pkh/stages/${stage}/due?kecamatan=Bekasi%20Utara&limit=1000&minPosition=${minPosition}`).expect(
        200,
      )
    ).body.items.map((i: { householdId: string }) => i.householdId);

  beforeAll(async () => {
    t = await startTestApp();
    cw = await t.token('caseworker', 'cw-rev');
    sv = await t.token('supervisor', 'sv-rev');
    id = (await post(cw, '/households', family).expect(201)).body.id;
    await post(cw, `/households/${id}/assessments`, {
      perCapitaIncome: 380_000,
      povertyLine: 600_000,
      assessedOn: '2026-01-05',
    }).expect(200);
    await post(cw, `/households/${id}/pkh/enrolment`, { enrolledOn: '2026-01-10' }).expect(200);
    for (const [stage, verifiedOn] of [
      ['2026-1', '2026-03-01'],
      ['2026-2', '2026-06-01'],
    ] as const)
      await post(cw, `/households/${id}/pkh/verifications`, {
        stage,
        compliant: false,
        missed: [{ nik: family.members[0]!.nik, commitment: 'health_check' }],
        verifiedOn,
      }).expect(200);
  }, 60_000);
  afterAll(async () => t?.close());

  let wrong: Entry;
  let beforeRevocation: string;

  it("holds a caseworker's revocation of a verification for a supervisor, and refuses her approving it", async () => {
    const { body: pkh } = await get(cw, `/households/${id}/pkh`).expect(200);
    expect(pkh.status).toBe('suspended');
    wrong = (await entries()).find((e) => e.type === 'PkhComplianceVerified' && e.data.stage === '2026-2')!;
    const { body } = await post(cw, `/households/${id}/revocations`, {
      eventId: wrong.eventId,
      reason: 'Stage 2 was typed as not compliant by mistake',
    }).expect(200);
    expect(body).toMatchObject({
      id,
      eventId: wrong.eventId,
      eventType: 'PkhComplianceVerified',
      outcome: 'requested',
    });
    const { body: refused } = await post(cw, `/households/${id}/revocations/${wrong.eventId}/approval`).expect(403);
    expect(refused.code).toBe('AUTH.ROLE_NOT_ALLOWED');
    beforeRevocation = (await entries()).find((e) => e.type === 'RevocationRequested')!.recordedAt;
    // Events are recorded at the test clock's time: the approval comes a minute later.
    t.clock.advance(60_000);
  });

  const queued = async (token: string) =>
    (await get(token, `/queue?minPosition=${(await t.store.readAll()).at(-1)!.position}`).expect(200)).body
      .revocationRequests;

  it("waits in the supervisor queue of the household's area, with who asked and why", async () => {
    expect(await queued(sv)).toEqual([
      {
        eventId: wrong.eventId,
        entryType: 'PkhComplianceVerified',
        stream: `pkh-${id}`,
        householdId: id,
        kecamatan: 'Bekasi Utara',
        kelurahan: 'Harapan Jaya',
        requestedBy: 'cw-rev',
        requestedAt: beforeRevocation,
        reason: 'Stage 2 was typed as not compliant by mistake',
      },
    ]);
    // The reason is personal: the answer is in the access log for the household it names.
    await t.app.get<AccessLog>(ACCESS_LOG).flush();
    const auditor = await t.token('auditor');
    const { body: access } = await get(auditor, `/audit/households/${id}/access`).expect(200);
    expect(access.items).toContainEqual(expect.objectContaining({ actor: 'sv-rev', route: '/api/v1/queue' }));
    // A supervisor of another kecamatan does not see it.
    const admin = await t.token('admin');
    await post(admin, '/staff/sv-rev-barat/areas', {
      role: 'supervisor',
      areas: [{ kecamatan: 'Bekasi Barat' }],
      validFrom: '2020-01-01',
      reason: 'Supervisor of Bekasi Barat',
    }).expect(200);
    expect(await queued(await t.token('supervisor', 'sv-rev-barat', { reach: 'own' }))).toEqual([]);
  });

  it('revokes on approval and lists the suspension that followed it and the visit scheduled after it', async () => {
    // The rule schedules a home visit after each non-compliant stage (a reactor): let it run first.
    expect(await t.runner.settle(20_000)).toBe(true);
    const { body } = await post(sv, `/households/${id}/revocations/${wrong.eventId}/approval`).expect(200);
    const suspension = (await entries()).find((e) => e.type === 'PkhSuspended')!;
    expect(body).toMatchObject({ outcome: 'revoked', eventType: 'PkhComplianceVerified' });
    expect(body.dependents).toEqual([
      expect.objectContaining({ eventId: suspension.eventId, eventType: 'PkhSuspended', stream: `pkh-${id}` }),
      expect.objectContaining({ eventType: 'VisitScheduled', stream: `casework-${id}` }),
    ]);
    const { body: casework } = await get(sv, `/households/${id}/casework?minPosition=${body.position}`).expect(200);
    expect(casework.visits.map((v: { purpose: string }) => v.purpose)).toContain(
      'PKH stage 2026-2 verified as not compliant on 2026-06-01',
    );
    const types = (await entries()).map((e) => e.type);
    expect(types.filter((type) => type.startsWith('Revocation') || type === 'EventRevoked')).toEqual([
      'RevocationRequested',
      'EventRevoked',
    ]);
    expect(types).toContain('PkhComplianceVerified');
    await post(sv, `/households/${id}/revocations/${wrong.eventId}/approval`).expect(404);
    const { body: again } = await post(sv, `/households/${id}/revocations`, {
      eventId: wrong.eventId,
      reason: 'Twice',
    }).expect(409);
    expect(again.code).toBe('REVOCATION.ALREADY_REVOKED');
    // Decided: no longer waiting in the queue.
    expect(await queued(sv)).toEqual([]);
  });

  it('shows the stage as never verified now, and as verified as of before the revocation', async () => {
    const { body: now } = await get(sv, `/households/${id}/pkh`).expect(200);
    expect(Object.keys(now.stages)).toEqual(['2026-1']);
    expect(now.consecutiveNonCompliant).toBe(1);
    expect(now.status).toBe('suspended');
    const { body: then } = await get(sv, `/households/${id}/pkh?asOf=${beforeRevocation}`).expect(200);
    expect(then.stages['2026-2']).toMatchObject({ compliant: false });
  });

  it('lets the stage be verified again, and the due list follows the suspension revoked after review', async () => {
    const verified = await post(cw, `/households/${id}/pkh/verifications`, {
      stage: '2026-2',
      compliant: true,
      verifiedOn: '2026-06-02',
    }).expect(200);
    expect(await due('2026-2', verified.body.position)).not.toContain(id);
    const suspension = (await entries()).find((e) => e.type === 'PkhSuspended')!;
    const { body } = await post(sv, `/households/${id}/revocations`, {
      eventId: suspension.eventId,
      reason: 'It followed the revoked verification',
    }).expect(200);
    expect(body).toMatchObject({ outcome: 'revoked', eventType: 'PkhSuspended', dependents: [] });
    expect(await due('2026-2', body.position)).toContain(id);
    expect((await get(sv, `/households/${id}/pkh`).expect(200)).body.status).toBe('active');
    const caseloads = `/caseloads?kelurahan=Harapan%20Jaya&limit=200&minPosition=${body.position}`;
    const { body: cases } = await get(sv, caseloads).expect(200);
    const row = cases.items.find((c: { householdId: string }) => c.householdId === id);
    expect(row.programmes.pkh).toBe('active');
  });

  it('undoes a revoked compliant verification in the due list', async () => {
    const verification = (await entries()).find(
      (e) => e.type === 'PkhComplianceVerified' && e.data.stage === '2026-2' && e.eventId !== wrong.eventId,
    )!;
    const { body } = await post(sv, `/households/${id}/revocations`, {
      eventId: verification.eventId,
      reason: 'Verified on the wrong family',
    }).expect(200);
    expect(await due('2026-2', body.position)).not.toContain(id);
  });

  it('takes a revoked payment back in the programme outcomes, the reporting job alike, and makes the stage due again', async () => {
    await post(cw, `/households/${id}/pkh/verifications`, {
      stage: '2026-3',
      compliant: true,
      verifiedOn: '2026-09-01',
    }).expect(200);
    const { body: pkh } = await get(sv, `/households/${id}/pkh`).expect(200);
    const paid = await post(sv, `/households/${id}/pkh/disbursements`, {
      stage: '2026-3',
      amount: pkh.entitlementPerStage,
      channel: 'bank_transfer',
      reference: 'KKS-REV-1',
      disbursedOn: '2026-09-10',
    }).expect(200);
    const outcomes = async (position: number) =>
      (await get(sv, `/reports/programme-outcomes?from=2026-01&to=2026-12&minPosition=${position}`).expect(200)).body
        .totals.pkh;
    expect(await outcomes(paid.body.position)).toMatchObject({
      disbursements: 1,
      disbursedRupiah: pkh.entitlementPerStage,
    });
    const payment = (await entries()).find((e) => e.type === 'PkhBenefitDisbursed')!;
    const { body } = await post(sv, `/households/${id}/revocations`, {
      eventId: payment.eventId,
      reason: 'Recorded on the wrong family',
    }).expect(200);
    expect(body).toMatchObject({ outcome: 'revoked', eventType: 'PkhBenefitDisbursed', dependents: [] });
    const after = await outcomes(body.position);
    expect(after).toMatchObject({ disbursements: 0, disbursedRupiah: 0, activeAtEnd: 1, suspendedAtEnd: 0 });
    expect((await reportingJobOver(await t.store.readAll())).summary.pkh).toEqual(after);
    expect(await due('2026-3', body.position)).toContain(id);
  });

  it("refuses to revoke an entry of none of the household's streams, and a revocation itself", async () => {
    const { body: unknown } = await post(sv, `/households/${id}/revocations`, {
      eventId: '0c0ffee0-0000-4000-8000-00000000dead',
      reason: 'No such entry',
    }).expect(404);
    expect(unknown.code).toBe('REVOCATION.EVENT_NOT_FOUND');
    const revocation = (await entries()).find((e) => e.type === 'EventRevoked')!;
    const { body } = await post(sv, `/households/${id}/revocations`, {
      eventId: revocation.eventId,
      reason: 'A revocation stays',
    }).expect(422);
    expect(body.code).toBe('REVOCATION.EVENT_NOT_REVOCABLE');
  });

  it("queues a course's revocation in the course's area: the stream and entry, no household", async () => {
    // The course stream takes revocations next (ADR 0019): its request is appended as it will be.
    const area = { kecamatan: 'Bekasi Barat', kelurahan: 'Kranji' };
    const courseId = (await post(sv, '/trainings', sewingCourse(area)).expect(201)).body.id as string;
    const stream = `training-${courseId}`;
    const [scheduled] = await t.store.readStream(stream);
    const now = t.clock.now().toISOString();
    await t.store.append(
      stream,
      [
        {
          eventId: randomUUID(),
          type: 'RevocationRequested',
          data: {
            eventId: scheduled!.eventId,
            eventType: 'CourseScheduled',
            revision: 0,
            reason: 'Scheduled in the wrong kelurahan',
            requestedBy: 'cw-rev',
          },
          metadata: {
            actor: 'cw-rev',
            role: 'caseworker',
            correlationId: randomUUID(),
            causationId: randomUUID(),
            occurredAt: now,
            schemaVersion: 1,
          },
        },
      ],
      0,
    );
    const barat = await t.token('supervisor', 'sv-rev-barat', { reach: 'own' });
    expect(await queued(barat)).toEqual([
      expect.objectContaining({
        eventId: scheduled!.eventId,
        entryType: 'CourseScheduled',
        stream,
        householdId: null,
        ...area,
        requestedBy: 'cw-rev',
        reason: 'Scheduled in the wrong kelurahan',
      }),
    ]);
    // Not in Bekasi Utara's queue.
    const utara = await t.token('supervisor', 'sv-rev-utara', { reach: 'own' });
    const admin = await t.token('admin');
    await post(admin, '/staff/sv-rev-utara/areas', {
      role: 'supervisor',
      areas: [{ kecamatan: 'Bekasi Utara' }],
      validFrom: '2020-01-01',
      reason: 'Supervisor of Bekasi Utara',
    }).expect(200);
    expect((await queued(utara)).map((r: { stream: string }) => r.stream)).not.toContain(stream);
  });

  it('rebuilds the queue from zero to the same rows, and drops a rejected request from it', async () => {
    const first = (await entries()).find((e) => e.type === 'PkhComplianceVerified' && e.data.stage === '2026-1')!;
    await post(cw, `/households/${id}/revocations`, { eventId: first.eventId, reason: 'Typed twice' }).expect(200);
    const ofFamily = async () =>
      (await queued(sv))
        .filter((r: { householdId: string }) => r.householdId === id)
        .map((r: { eventId: string }) => r.eventId);
    expect(await ofFamily()).toEqual([first.eventId]);
    expect(await t.runner.settle(20_000)).toBe(true);
    const db = t.readDatabase.reader;
    const rows = () =>
      Promise.all([
        db.selectFrom('queue_revocations').selectAll().orderBy('event_id').execute(),
        db.selectFrom('queue_places').selectAll().orderBy('stream').execute(),
        db.selectFrom('queue_households').selectAll().orderBy('household_id').execute(),
      ]);
    const live = await rows();
    await t.runner.rebuild('supervisor-queue');
    expect(await t.runner.settle(20_000)).toBe(true);
    expect(await rows()).toEqual(live);
    const { body } = await post(sv, `/households/${id}/revocations/${first.eventId}/rejection`, {
      reason: 'The entry was right',
    }).expect(200);
    expect(body.outcome).toBe('rejected');
    expect(await ofFamily()).toEqual([]);
  });

  it('gives a family whose termination is revoked back to the active stock, the reporting job alike', async () => {
    const other = (await post(cw, '/households', household()).expect(201)).body.id;
    await post(cw, `/households/${other}/assessments`, {
      perCapitaIncome: 380_000,
      povertyLine: 600_000,
      assessedOn: '2026-01-05',
    }).expect(200);
    const enrolled = await post(cw, `/households/${other}/pkh/enrolment`, { enrolledOn: '2026-01-10' }).expect(200);
    const outcomes = async (position: number) =>
      (await get(sv, `/reports/programme-outcomes?from=2026-01&to=2026-12&minPosition=${position}`).expect(200)).body
        .totals.pkh;
    const before = await outcomes(enrolled.body.position);
    const ended = await post(sv, `/households/${other}/pkh/termination`, {
      reason: 'Typed on the wrong family',
    }).expect(200);
    expect(await outcomes(ended.body.position)).toMatchObject({
      activeAtEnd: before.activeAtEnd - 1,
      terminated: before.terminated + 1,
    });
    const position = (await t.store.readAll()).at(-1)!.position;
    const history = (await get(sv, `/households/${other}/history?minPosition=${position}`).expect(200)).body
      .events as Entry[];
    const termination = history.find((e) => e.type === 'PkhTerminated')!;
    const { body } = await post(sv, `/households/${other}/revocations`, {
      eventId: termination.eventId,
      reason: 'Terminated the wrong family',
    }).expect(200);
    expect(body).toMatchObject({ outcome: 'revoked', eventType: 'PkhTerminated' });
    expect((await get(sv, `/households/${other}/pkh`).expect(200)).body.status).toBe('active');
    const after = await outcomes(body.position);
    expect(after).toEqual(before);
    expect((await reportingJobOver(await t.store.readAll())).summary.pkh).toEqual(after);
  });

  it('rebuilds every read model from zero to the rows it built live', async () => {
    await expectRebuildsMatchLive(t);
  });
});
