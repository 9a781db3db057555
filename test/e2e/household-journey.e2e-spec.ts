import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { expectRebuildsMatchLive } from '../support/rebuild-equivalence.js';
import { household, startTestApp, uniqueNumber, type TestApp } from '../support/test-app.js';

/** One household's whole journey: registered, PKH, Kube, sewing course, out of poverty. */
describe('the household journey', () => {
  let t: TestApp;
  let cw: string;
  let sv: string;
  let auditor: string;
  const auth = (token: string) => ({ authorization: `Bearer ${token}` });
  const post = (token: string, url: string, body: object) => t.http.post(`/api/v1${url}`).set(auth(token)).send(body);

  beforeAll(async () => {
    t = await startTestApp();
    cw = await t.token('caseworker', 'cw-07');
    sv = await t.token('supervisor', 'sv-02');
    auditor = await t.token('auditor', 'au-01');
  });
  afterAll(async () => t.close());

  async function registerPoorHousehold(members?: object[]) {
    const body = household(members ? { members } : {});
    const { body: created } = await post(cw, '/households', body).expect(201);
    await post(cw, `/households/${created.id}/assessments`, {
      perCapitaIncome: 380_000,
      povertyLine: 600_000,
      assessedOn: '2026-01-05',
    }).expect(200);
    return { id: created.id as string, body };
  }

  it('walks register → PKH → Kube → sewing course → exit, and the history tells every step', async () => {
    const mother = {
      nik: uniqueNumber(),
      name: 'Sri Wahyuni',
      birthDate: '1988-02-02',
      sex: 'female',
      relationship: 'head',
      pregnant: true,
    } as const;
    const daughter = {
      nik: uniqueNumber(),
      name: 'Ayu',
      birthDate: '2017-06-06',
      sex: 'female',
      relationship: 'child',
      schoolLevel: 'primary',
    } as const;
    // The first steps through the client generated from the OpenAPI document, as a client developer would.
    const api = await t.client('caseworker', 'cw-07');
    const supervisorApi = await t.client('supervisor', 'sv-02');
    const registered = await api.POST('/api/v1/households', {
      body: {
        kk: uniqueNumber(),
        address: { kecamatan: 'Bekasi Utara', kelurahan: 'Harapan Jaya', street: 'Jl. Melati No. 7' },
        members: [mother, daughter],
      },
    });
    expect(registered.response.status).toBe(201);
    const id = registered.data!.id;
    const assessed = await api.POST('/api/v1/households/{id}/assessments', {
      params: { path: { id } },
      body: { perCapitaIncome: 380_000, povertyLine: 600_000, assessedOn: '2026-01-05' },
    });
    expect(assessed.data).toMatchObject({ id, revision: 1 });
    const assigned = await supervisorApi.POST('/api/v1/households/{id}/caseworker', {
      params: { path: { id } },
      body: { caseworkerId: 'cw-07', reason: 'Harapan Jaya caseload' },
    });
    expect(assigned.response.status).toBe(200);

    // PKH: enrolment with components from the members and the 2019 index, then four stages.
    const enrolled = await api.POST('/api/v1/households/{id}/pkh/enrolment', {
      params: { path: { id } },
      body: { enrolledOn: '2026-01-10' },
    });
    expect(enrolled.response.status).toBe(200);
    const pkh = await api.GET('/api/v1/households/{id}/pkh', { params: { path: { id } } });
    expect(pkh.data?.components.map((c) => c.component).sort()).toEqual(['pregnant_or_postpartum', 'primary_school']);
    expect(pkh.data).toMatchObject({
      status: 'active',
      entitlementPerStage: (3_000_000 + 900_000) / 4,
      benefitIndexVersion: 'pkh-2019',
    });
    for (const stage of ['2026-1', '2026-2', '2026-3', '2026-4']) {
      await post(cw, `/households/${id}/pkh/verifications`, {
        stage,
        compliant: true,
        verifiedOn: '2026-01-20',
      }).expect(200);
      await post(sv, `/households/${id}/pkh/disbursements`, {
        stage,
        amount: 975_000,
        channel: 'bank_transfer',
        reference: `KKS-${stage}`,
        disbursedOn: '2026-01-25',
      }).expect(200);
    }

    // Kube: a catering group of five households.
    const others = await Promise.all([1, 2, 3, 4].map(() => registerPoorHousehold()));
    const kube = await post(cw, '/kubes', {
      name: 'Kube Boga Harapan',
      businessType: 'catering',
      kecamatan: 'Bekasi Utara',
      kelurahan: 'Harapan Jaya',
      householdIds: [id, ...others.map((o) => o.id)],
      formedOn: '2026-03-01',
    }).expect(201);
    await post(sv, `/kubes/${kube.body.id}/grants`, {
      amount: 15_000_000,
      source: 'APBD',
      reference: 'SP2D-77',
      disbursedOn: '2026-03-05',
    }).expect(200);
    await post(cw, `/kubes/${kube.body.id}/reports`, {
      period: '2026-04',
      revenue: 4_200_000,
      activeMembers: 5,
    }).expect(200);

    // Sewing course: invited, enrols, attends, completes with a certificate.
    const course = await post(cw, '/trainings', {
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
    }).expect(201);
    const courseId = course.body.id;
    await post(cw, `/trainings/${courseId}/invitations`, { householdId: id, nik: mother.nik }).expect(200);
    await post(cw, `/trainings/${courseId}/participants/${mother.nik}/response`, { accept: true }).expect(200);
    for (const sessionNo of [1, 2, 3, 4]) {
      await post(cw, `/trainings/${courseId}/sessions`, {
        sessionNo,
        heldOn: '2026-04-0' + sessionNo,
        present: [mother.nik],
      }).expect(200);
    }
    await post(cw, `/trainings/${courseId}/participants/${mother.nik}/completion`, {
      certificateNo: 'BLK-2026-0042',
    }).expect(200);

    // Reassessed above the line; the caseworker proposes, the supervisor approves.
    await post(cw, `/households/${id}/assessments`, {
      perCapitaIncome: 820_000,
      povertyLine: 600_000,
      assessedOn: '2026-06-30',
    }).expect(200);
    const own = await post(cw, `/households/${id}/exit/proposal`, {
      reason: 'Catering income above the line for three months',
    }).expect(200);
    const refused = await post(await t.token('supervisor', 'cw-07'), `/households/${id}/exit/approval`, {}).expect(422);
    expect(refused.body.code).toBe('HOUSEHOLD.CANNOT_APPROVE_OWN_EXIT_PROPOSAL');
    expect(own.body.revision).toBeGreaterThan(0);
    const approved = await post(sv, `/households/${id}/exit/approval`, { exitedOn: '2026-07-01' }).expect(200);

    // The exit graduates PKH (a reactor on the feed) and closes the case.
    const read = await t.http
      .get(`/api/v1/households/${id}?minPosition=${approved.body.position}`)
      .set(auth(cw))
      .expect(200);
    expect(read.body).toMatchObject({ caseStatus: 'closed', welfareStatus: 'above_poverty_line', exitProposed: false });
    const graduated = await t.http.get(`/api/v1/households/${id}/pkh`).set(auth(cw)).expect(200);
    expect(graduated.body).toMatchObject({
      status: 'graduated',
      graduation: { kind: 'poverty_exit', graduatedOn: '2026-07-01' },
      totalDisbursed: 4 * 975_000,
    });

    const head = await t.store.headPosition();
    const history = await t.http
      .get(`/api/v1/households/${id}/history?minPosition=${head}`)
      .set(auth(auditor))
      .expect(200);
    const steps = history.body.events.map(
      (e: { type: string; metadata: { actor: string } }) => `${e.type} by ${e.metadata.actor}`,
    );
    expect(steps).toEqual([
      'HouseholdRegistered by cw-07',
      'HouseholdAssessed by cw-07',
      'CaseworkerAssigned by sv-02',
      'EnrolledInPkh by cw-07',
      ...['1', '2', '3', '4'].flatMap(() => ['PkhComplianceVerified by cw-07', 'PkhBenefitDisbursed by sv-02']),
      'KubeFormed by cw-07',
      'ParticipantInvited by cw-07',
      'InvitationAccepted by cw-07',
      'SessionAttendanceRecorded by cw-07',
      'SessionAttendanceRecorded by cw-07',
      'SessionAttendanceRecorded by cw-07',
      'SessionAttendanceRecorded by cw-07',
      'TrainingCompleted by cw-07',
      'HouseholdAssessed by cw-07',
      'ExitProposed by cw-07',
      'ExitApproved by sv-02',
      'PkhGraduated by sv-02',
    ]);
    const byType = (type: string) => history.body.events.find((e: { type: string }) => e.type === type);
    expect(byType('CaseworkerAssigned').metadata.reason).toBe('Harapan Jaya caseload');
    expect(byType('ExitProposed').metadata.reason).toBe('Catering income above the line for three months');
    expect(byType('PkhGraduated').metadata).toMatchObject({
      reason: 'Exit from poverty approved',
      causationId: byType('ExitApproved').eventId,
    });
    expect(byType('EnrolledInPkh').data.benefitIndex.version).toBe('pkh-2019');

    // After the exit the Kube membership carries on (ADR 0004); leaving shows in the history too.
    const left = await post(cw, `/kubes/${kube.body.id}/members/${id}/departure`, {
      reason: 'exited_poverty',
      leftOn: '2026-08-01',
    }).expect(200);
    const later = await t.http
      .get(`/api/v1/households/${id}/history?minPosition=${left.body.position}`)
      .set(auth(auditor))
      .expect(200);
    expect(later.body.events.at(-1)).toMatchObject({ type: 'KubeMemberLeft', metadata: { reason: 'exited_poverty' } });

    // A household that falls back into poverty re-enters.
    await post(cw, `/households/${id}/reentry`, { reason: 'Lost the catering contract' }).expect(200);
  });

  it('refuses broken PKH, Kube, training and exit rules with 422 problem+json naming the rule', async () => {
    const { id } = await registerPoorHousehold([
      {
        nik: uniqueNumber(),
        name: 'Ibu Rina',
        birthDate: '1990-01-01',
        sex: 'female',
        relationship: 'head',
        pregnant: true,
      },
    ]);
    const expect422 = async (
      response: { status: number; body: { code: string }; headers: Record<string, string> },
      code: string,
    ) => {
      expect({ status: response.status, code: response.body.code }).toEqual({ status: 422, code });
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    };
    await post(cw, `/households/${id}/pkh/enrolment`, { enrolledOn: '2026-01-10' }).expect(200);
    await expect422(
      await post(cw, `/households/${id}/pkh/enrolment`, { enrolledOn: '2026-01-10' }),
      'PKH.ALREADY_ENROLLED',
    );
    await expect422(
      await post(sv, `/households/${id}/pkh/disbursements`, {
        stage: '2026-1',
        amount: 750_000,
        channel: 'e_wallet',
        reference: 'x',
        disbursedOn: '2026-02-01',
      }),
      'PKH.STAGE_NOT_VERIFIED',
    );
    const rich = await registerPoorHousehold();
    await post(cw, `/households/${rich.id}/assessments`, {
      perCapitaIncome: 2_000_000,
      povertyLine: 600_000,
      assessedOn: '2026-01-06',
    }).expect(200);
    await expect422(
      await post(cw, `/households/${rich.id}/pkh/enrolment`, { enrolledOn: '2026-01-10' }),
      'PKH.HOUSEHOLD_ABOVE_POVERTY_LINE',
    );
    await expect422(
      await post(cw, '/kubes', {
        name: 'Kecil',
        businessType: 'stall',
        kecamatan: 'Jatiasih',
        kelurahan: 'Jatirasa',
        householdIds: [id],
        formedOn: '2026-03-01',
      }),
      'KUBE.GROUP_SIZE',
    );
    await expect422(
      await post(cw, `/households/${id}/exit/proposal`, { reason: 'Too early' }),
      'HOUSEHOLD.EXIT_NEEDS_ASSESSMENT_ABOVE_POVERTY_LINE',
    );
  });

  it('keeps a household in at most one active Kube when many caseworkers add it at once', async () => {
    const contested = await registerPoorHousehold();
    const groups = await Promise.all(
      [1, 2, 3, 4, 5, 6].map(async (g) => {
        const members = await Promise.all([1, 2, 3, 4].map(() => registerPoorHousehold()));
        return { g, members: members.map((m) => m.id) };
      }),
    );
    const responses = await Promise.all(
      groups.map(({ g, members }) =>
        post(cw, '/kubes', {
          name: `Kube ${g}`,
          businessType: 'tailoring',
          kecamatan: 'Jatiasih',
          kelurahan: 'Jatirasa',
          householdIds: [contested.id, ...members],
          formedOn: '2026-03-01',
        }),
      ),
    );
    expect(responses.filter((r) => r.status === 201)).toHaveLength(1);
    const losers = responses.filter((r) => r.status !== 201);
    for (const r of losers) expect(r.body).toMatchObject({ status: 409, code: 'KUBE.HOUSEHOLD_IN_ANOTHER_KUBE' });
    // The losers' other members were given back: they can form a group of their own.
    const loserIndex = responses.findIndex((r) => r.status !== 201);
    const extra = await registerPoorHousehold();
    await post(cw, '/kubes', {
      name: 'Kube baru',
      businessType: 'stall',
      kecamatan: 'Jatiasih',
      kelurahan: 'Jatirasa',
      householdIds: [extra.id, ...groups[loserIndex]!.members],
      formedOn: '2026-03-02',
    }).expect(201);

    // Joining races too: one existing group, many concurrent joins of the same household elsewhere.
    const winner = responses.find((r) => r.status === 201)!.body.id;
    const free = await registerPoorHousehold();
    const joins = await Promise.all(
      [winner, winner, winner].map((kubeId) =>
        post(cw, `/kubes/${kubeId}/members`, { householdId: free.id, joinedOn: '2026-03-03' }),
      ),
    );
    expect(joins.filter((r) => r.status === 200)).toHaveLength(1);
    expect(joins.filter((r) => r.status === 422).every((r) => r.body.code === 'KUBE.ALREADY_A_MEMBER')).toBe(true);
  });

  it('never fills a course beyond its capacity under concurrent enrolment', async () => {
    const course = await post(cw, '/trainings', {
      kind: 'vocational',
      skill: 'catering',
      title: 'Tata boga',
      provider: 'LPK Boga',
      capacity: 5,
      sessions: 2,
      startsOn: '2026-05-01',
      endsOn: '2026-05-10',
      kecamatan: 'Rawalumbu',
      kelurahan: 'Pengasinan',
      costPerParticipant: 500_000,
    }).expect(201);
    const people = await Promise.all(
      Array.from({ length: 16 }, async () => {
        const head = {
          nik: uniqueNumber(),
          name: 'Peserta',
          birthDate: '1992-03-03',
          sex: 'female',
          relationship: 'head',
        };
        const { id } = await registerPoorHousehold([head]);
        await post(cw, `/trainings/${course.body.id}/invitations`, { householdId: id, nik: head.nik }).expect(200);
        return head.nik;
      }),
    );
    const answers = await Promise.all(
      people.map((nik) => post(cw, `/trainings/${course.body.id}/participants/${nik}/response`, { accept: true })),
    );
    expect(answers.filter((r) => r.status === 200)).toHaveLength(5);
    expect(answers.filter((r) => r.status === 422).every((r) => r.body.code === 'TRAINING.COURSE_FULL')).toBe(true);
    const state = await t.http.get(`/api/v1/trainings/${course.body.id}`).set(auth(cw)).expect(200);
    expect(state.body.seatsTaken).toBe(5);
  });

  it('rebuilds every read model from zero to the rows it built live', async () => {
    await expectRebuildsMatchLive(t);
  });
});
