import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { expectRebuildsMatchLive } from '../support/rebuild-equivalence.js';
import { reportingJobOver } from '../support/reporting-job.js';
import { household, startTestApp, type TestApp } from '../support/test-app.js';

/**
 * Corrections on the household stream (issue #17, ADR 0019): a mistyped assessment, on which an
 * exit was proposed, is revoked on a caseworker's request and a supervisor's approval; the
 * household is folded without it, the history shows both, the state as of before still shows it,
 * the summary and the caseload follow, and the answer lists the exit proposal for review. A
 * revoked member change lists the PKH reassessment and payment it fed; an exit revoked is taken
 * back in the programme outcomes, the reporting job alike; every read model rebuilds the same.
 */
describe('revoking a household entry', () => {
  let t: TestApp;
  let cw: string;
  let sv: string;
  let id: string;
  const auth = (token: string) => ({ authorization: `Bearer ${token}` });
  const post = (token: string, url: string, body: object = {}) =>
    t.http.post(`/api/v1${url}`).set(auth(token)).send(body);
  const get = (token: string, url: string) => t.http.get(`/api/v1${url}`).set(auth(token));
  const family = household();
  const mother = family.members[0]!;
  type Entry = { eventId: string; type: string; data: Record<string, unknown>; recordedAt: string };
  // The history reads the household's links (a read model): it waits for the latest write.
  const entries = async (): Promise<Entry[]> => {
    const position = (await t.store.readAll()).at(-1)!.position;
    return (await get(sv, `/households/${id}/history?minPosition=${position}`).expect(200)).body.events;
  };

  beforeAll(async () => {
    t = await startTestApp();
    cw = await t.token('caseworker', 'cw-hrev');
    sv = await t.token('supervisor', 'sv-hrev');
    id = (await post(cw, '/households', family).expect(201)).body.id;
    await post(cw, `/households/${id}/assessments`, {
      perCapitaIncome: 380_000,
      povertyLine: 600_000,
      assessedOn: '2026-01-05',
    }).expect(200);
    await post(cw, `/households/${id}/pkh/enrolment`, { enrolledOn: '2026-01-10' }).expect(200);
  }, 60_000);
  afterAll(async () => t?.close());

  let mistyped: Entry;
  let beforeRevocation: string;

  it("holds a caseworker's revocation of a mistyped assessment for a supervisor", async () => {
    await post(cw, `/households/${id}/assessments`, {
      perCapitaIncome: 3_800_000,
      povertyLine: 600_000,
      assessedOn: '2026-02-01',
    }).expect(200);
    await post(cw, `/households/${id}/exit/proposal`, { reason: 'Income well above the line' }).expect(200);
    mistyped = (await entries()).find((e) => e.type === 'HouseholdAssessed' && e.data.perCapitaIncome === 3_800_000)!;
    const { body } = await post(cw, `/households/${id}/revocations`, {
      eventId: mistyped.eventId,
      reason: 'A zero too many: the income is 380,000',
    }).expect(200);
    expect(body).toMatchObject({ id, eventId: mistyped.eventId, eventType: 'HouseholdAssessed', outcome: 'requested' });
    beforeRevocation = (await entries()).find((e) => e.type === 'RevocationRequested')!.recordedAt;
    t.clock.advance(60_000);
  });

  it('revokes it on approval, listing the exit proposal made on it', async () => {
    const { body } = await post(sv, `/households/${id}/revocations/${mistyped.eventId}/approval`).expect(200);
    const proposal = (await entries()).find((e) => e.type === 'ExitProposed')!;
    expect(body).toMatchObject({ outcome: 'revoked', eventType: 'HouseholdAssessed' });
    expect(body.dependents).toEqual([
      expect.objectContaining({ eventId: proposal.eventId, eventType: 'ExitProposed', stream: `household-${id}` }),
    ]);
    const types = (await entries()).map((e) => e.type);
    expect(types.filter((type) => type === 'HouseholdAssessed')).toHaveLength(2);
    expect(types).toEqual(expect.arrayContaining(['RevocationRequested', 'EventRevoked']));

    const { body: then } = await get(sv, `/households/${id}/state?asOf=${beforeRevocation}`).expect(200);
    expect(then.state).toMatchObject({
      welfareStatus: 'above_poverty_line',
      lastAssessment: { perCapitaIncome: 3_800_000 },
    });
    expect(then.state.revocations).toBeUndefined();

    const { body: summary } = await get(sv, `/households/${id}?minPosition=${body.position}`).expect(200);
    expect(summary).toMatchObject({
      welfareStatus: 'below_poverty_line',
      lastAssessment: { perCapitaIncome: 380_000, assessedOn: '2026-01-05' },
      exitProposed: true,
    });
    const caseloads = `/caseloads?kelurahan=Harapan%20Jaya&limit=200&minPosition=${body.position}`;
    const row = (await get(sv, caseloads).expect(200)).body.items.find(
      (c: { householdId: string }) => c.householdId === id,
    );
    expect(row.welfareStatus).toBe('below_poverty_line');
  });

  it('refuses the registration and an approval of the exit made on the revoked assessment stands for review', async () => {
    const registered = (await entries()).find((e) => e.type === 'HouseholdRegistered')!;
    const { body: refused } = await post(sv, `/households/${id}/revocations`, {
      eventId: registered.eventId,
      reason: 'Not revocable',
    }).expect(422);
    expect(refused.code).toBe('REVOCATION.EVENT_NOT_REVOCABLE');
    // The proposal stands until someone answers it: a supervisor rejects it now.
    await post(sv, `/households/${id}/exit/rejection`, { reason: 'Made on a mistyped assessment' }).expect(200);
  });

  it('lists the PKH reassessment and payment a revoked pregnancy fed', async () => {
    await post(cw, `/households/${id}/members/${mother.nik}/pregnancy`, { reportedOn: '2026-02-10' }).expect(200);
    await post(cw, `/households/${id}/pkh/verifications`, {
      stage: '2026-2',
      compliant: true,
      verifiedOn: '2026-06-01',
    }).expect(200);
    const { body: pkh } = await get(sv, `/households/${id}/pkh`).expect(200);
    await post(sv, `/households/${id}/pkh/disbursements`, {
      stage: '2026-2',
      amount: pkh.entitlementPerStage,
      channel: 'bank_transfer',
      reference: 'KKS-HREV-1',
      disbursedOn: '2026-06-10',
    }).expect(200);
    const history = await entries();
    const pregnancy = history.find((e) => e.type === 'PregnancyBegan')!;
    const reassessed = history.find((e) => e.type === 'PkhEntitlementReassessed')!;
    const paid = history.find((e) => e.type === 'PkhBenefitDisbursed')!;
    const { body: asked } = await post(cw, `/households/${id}/revocations`, {
      eventId: pregnancy.eventId,
      reason: 'Recorded on the wrong mother',
    }).expect(200);
    expect(asked.outcome).toBe('requested');
    const { body } = await post(sv, `/households/${id}/revocations/${pregnancy.eventId}/approval`).expect(200);
    expect(body).toMatchObject({ outcome: 'revoked', eventType: 'PregnancyBegan' });
    expect(body.dependents).toEqual([
      expect.objectContaining({
        eventId: reassessed.eventId,
        eventType: 'PkhEntitlementReassessed',
        stream: `pkh-${id}`,
      }),
      expect.objectContaining({ eventId: paid.eventId, eventType: 'PkhBenefitDisbursed', stream: `pkh-${id}` }),
    ]);
    const { body: members } = await get(sv, `/households/${id}/members?on=2026-07-01`).expect(200);
    expect(members.members.find((m: { nik: string }) => m.nik === mother.nik).pregnant).toBe(false);
  });

  it("leaves revoked entries out of the caseworker's monthly report, listed and marked", async () => {
    await post(cw, `/households/${id}/notes`, { text: 'Visited; the mother was at the market' }).expect(200);
    const note = (await entries()).findLast((e) => e.type === 'CaseNoteRecorded')!;
    const month = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta', year: 'numeric', month: '2-digit' })
      .format(new Date(note.recordedAt))
      .slice(0, 7);
    type Report = {
      counts: Record<string, number>;
      activities: Array<{ type: string; position: number; revoked: boolean; activity: string }>;
    };
    const report = async (position: number): Promise<Report> =>
      (await get(cw, `/caseworkers/cw-hrev/monthly-report?month=${month}&minPosition=${position}`).expect(200)).body;
    const position = (await t.store.readAll()).at(-1)!.position;
    const before = await report(position);
    const noted = before.activities.filter((a) => a.type === 'CaseNoteRecorded');
    expect(noted.at(-1)).toMatchObject({ revoked: false, activity: 'notes' });
    // A caseworker revokes their own note at once.
    const { body } = await post(cw, `/households/${id}/revocations`, {
      eventId: note.eventId,
      reason: 'Written on the wrong family',
    }).expect(200);
    expect(body).toMatchObject({ outcome: 'revoked', eventType: 'CaseNoteRecorded' });
    const after = await report(body.position);
    expect(after.counts.notes).toBe(before.counts.notes - 1);
    expect(after.activities.find((a) => a.position === noted.at(-1)!.position)).toMatchObject({ revoked: true });
    // The mistyped assessment revoked above (typed the same month: an assessment names no day of
    // its own to the report) is marked too, and every count leaves the revoked out.
    const assessed = after.activities.filter((a) => a.type === 'HouseholdAssessed');
    expect(assessed.length).toBeGreaterThanOrEqual(2);
    expect(assessed.filter((a) => a.revoked)).toHaveLength(1);
    expect(after.counts.dataUpdates).toBe(
      after.activities.filter((a) => a.activity === 'dataUpdates' && !a.revoked).length,
    );
  });

  it('takes a revoked exit back in the programme outcomes, the reporting job alike, and rebuilds the same', async () => {
    await post(cw, `/households/${id}/assessments`, {
      perCapitaIncome: 900_000,
      povertyLine: 600_000,
      assessedOn: '2026-07-01',
    }).expect(200);
    await post(cw, `/households/${id}/exit/proposal`, { reason: 'Steady income' }).expect(200);
    const approved = await post(sv, `/households/${id}/exit/approval`, { exitedOn: '2026-07-15' }).expect(200);
    const outcomes = async (position: number) =>
      (await get(sv, `/reports/programme-outcomes?from=2026-01&to=2026-12&minPosition=${position}`).expect(200)).body
        .totals.exits;
    expect(await outcomes(approved.body.position)).toMatchObject({ approved: 1, persons: 3 });
    // The exit graduates the family from PKH by rule (a reactor): it is listed for review.
    expect(await t.runner.settle(20_000)).toBe(true);
    const exit = (await entries()).find((e) => e.type === 'ExitApproved')!;
    const graduation = (await entries()).find((e) => e.type === 'PkhGraduated')!;
    const { body } = await post(sv, `/households/${id}/revocations`, {
      eventId: exit.eventId,
      reason: 'Approved on the wrong family',
    }).expect(200);
    expect(body).toMatchObject({ outcome: 'revoked', eventType: 'ExitApproved' });
    expect(body.dependents).toEqual([
      expect.objectContaining({ eventId: graduation.eventId, eventType: 'PkhGraduated', stream: `pkh-${id}` }),
    ]);
    const after = await outcomes(body.position);
    expect(after).toMatchObject({ approved: 0, persons: 0 });
    expect((await reportingJobOver(await t.store.readAll())).summary.exits).toEqual(after);
    const { body: summary } = await get(sv, `/households/${id}?minPosition=${body.position}`).expect(200);
    // As if the approval had not happened: the case is open and the proposal awaits a decision again.
    expect(summary).toMatchObject({ caseStatus: 'open', exitProposed: true, welfareStatus: 'above_poverty_line' });
    await expectRebuildsMatchLive(t);
  }, 60_000);
});
