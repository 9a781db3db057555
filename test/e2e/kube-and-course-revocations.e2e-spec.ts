import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { expectRebuildsMatchLive } from '../support/rebuild-equivalence.js';
import { reportingJobOver } from '../support/reporting-job.js';
import { household, sewingCourse, startTestApp, type TestApp } from '../support/test-app.js';

/**
 * Corrections of Kube and course entries (issue #17, ADR 0019 "Kube and courses"): a caseworker
 * revokes a wrong attendance at once and is told of the completion that counted it; she asks to
 * revoke a completion and a joining, a supervisor approves; the course and group, their lists,
 * the caseloads and the programme outcomes (and the reporting job) follow; the household's
 * history shows the entry and its revocation, and the course as of before still shows the entry.
 */
describe('revoking Kube and course entries', () => {
  let t: TestApp;
  let admin: string;
  let cw: string;
  let sv: string;
  const area = { kecamatan: 'Bekasi Utara', kelurahan: 'Harapan Jaya' };
  const auth = (token: string) => ({ authorization: `Bearer ${token}` });
  const post = (token: string, url: string, body: object = {}) =>
    t.http.post(`/api/v1${url}`).set(auth(token)).send(body);
  const get = (token: string, url: string) => t.http.get(`/api/v1${url}`).set(auth(token));
  type Entry = { eventId: string; type: string; data: Record<string, unknown>; recordedAt: string };
  const history = async (householdId: string): Promise<Entry[]> => {
    const position = (await t.store.readAll()).at(-1)!.position;
    return (await get(sv, `/households/${householdId}/history?minPosition=${position}`).expect(200)).body.events;
  };
  const streamOf = async (stream: string) =>
    (await t.store.readStream(stream)).map((e) => ({ ...e, data: e.data as Record<string, unknown> }));
  const listed = async <T extends { id: string }>(path: string, id: string, position: number): Promise<T> => {
    const { body } = await get(sv, `/${path}?minPosition=${position}&limit=100`).expect(200);
    return (body.items as T[]).find((item) => item.id === id)!;
  };
  const caseOf = async (householdId: string, position: number) => {
    const { body } = await get(sv, `/caseloads?kelurahan=Harapan%20Jaya&limit=200&minPosition=${position}`).expect(200);
    return body.items.find((c: { householdId: string }) => c.householdId === householdId).programmes as {
      kubeId: string | null;
      trainings: number;
    };
  };
  const outcomes = async (position: number) =>
    (await get(sv, `/reports/programme-outcomes?from=2026-01&to=2026-12&minPosition=${position}`).expect(200)).body
      .totals;
  const register = async () => {
    const body = household({ address: area });
    const id = (await post(admin, '/households', body).expect(201)).body.id as string;
    return { id, nik: body.members[0]!.nik as string };
  };

  beforeAll(async () => {
    t = await startTestApp({ KUBE_MIN_MEMBERS: '2' });
    admin = await t.token('admin');
    cw = await t.token('caseworker', 'cw-krev');
    sv = await t.token('supervisor', 'sv-krev');
  }, 60_000);
  afterAll(async () => t?.close());

  describe('a course', () => {
    let course: string;
    let ani: { id: string; nik: string };
    let budi: { id: string; nik: string };
    let completion: Entry;
    let beforeRevocation: string;

    beforeAll(async () => {
      [ani, budi] = [await register(), await register()];
      course = (await post(cw, '/trainings', sewingCourse(area)).expect(201)).body.id;
      for (const p of [ani, budi]) {
        await post(cw, `/trainings/${course}/invitations`, { householdId: p.id, nik: p.nik }).expect(200);
        await post(cw, `/trainings/${course}/participants/${p.nik}/response`, { accept: true }).expect(200);
      }
      for (const sessionNo of [1, 2, 3])
        await post(cw, `/trainings/${course}/sessions`, {
          sessionNo,
          heldOn: `2026-04-0${sessionNo}`,
          present: [ani.nik, budi.nik],
        }).expect(200);
      await post(cw, `/trainings/${course}/participants/${ani.nik}/completion`, { certificateNo: 'C-77' }).expect(200);
    }, 60_000);

    it("revokes a wrong attendance at once on a caseworker's request, listing the completion that counted it", async () => {
      const events = await streamOf(`training-${course}`);
      const session3 = events.find((e) => e.type === 'SessionAttendanceRecorded' && e.data.sessionNo === 3)!;
      const completed = events.find((e) => e.type === 'TrainingCompleted')!;
      const { body } = await post(cw, `/trainings/${course}/revocations`, {
        eventId: session3.eventId,
        reason: 'Session 3 was recorded on the wrong course',
      }).expect(200);
      expect(body).toMatchObject({ id: course, eventType: 'SessionAttendanceRecorded', outcome: 'revoked' });
      expect(body.dependents).toEqual([
        expect.objectContaining({
          eventId: completed.eventId,
          eventType: 'TrainingCompleted',
          stream: `training-${course}`,
        }),
      ]);
      const { body: now } = await get(sv, `/trainings/${course}`).expect(200);
      expect(now.sessionsHeld).toEqual([1, 2]);
      expect(now.participants[ani.nik]).toMatchObject({ status: 'completed', attended: 2 });
      await post(cw, `/trainings/${course}/sessions`, {
        sessionNo: 3,
        heldOn: '2026-04-03',
        present: [budi.nik],
      }).expect(200);
    });

    it("holds a caseworker's revocation of a completion for a supervisor, who approves it", async () => {
      completion = (await history(ani.id)).find((e) => e.type === 'TrainingCompleted')!;
      const asked = await post(cw, `/trainings/${course}/revocations`, {
        eventId: completion.eventId,
        reason: 'Certificate issued to the wrong participant',
      }).expect(200);
      expect(asked.body).toMatchObject({ outcome: 'requested', eventType: 'TrainingCompleted' });
      expect(
        (await listed<{ id: string; completed: number }>('trainings', course, asked.body.position)).completed,
      ).toBe(1);
      const refused = await post(cw, `/trainings/${course}/revocations/${completion.eventId}/approval`).expect(403);
      expect(refused.body.code).toBe('AUTH.ROLE_NOT_ALLOWED');
      beforeRevocation = (await history(ani.id)).find((e) => e.type === 'RevocationRequested')!.recordedAt;
      t.clock.advance(60_000);
      const { body } = await post(sv, `/trainings/${course}/revocations/${completion.eventId}/approval`).expect(200);
      expect(body).toMatchObject({ outcome: 'revoked', eventType: 'TrainingCompleted', dependents: [] });

      const { body: now } = await get(sv, `/trainings/${course}`).expect(200);
      expect(now.participants[ani.nik]).toMatchObject({ status: 'enrolled' });
      const { body: then } = await get(sv, `/trainings/${course}/state?asOf=${beforeRevocation}`).expect(200);
      expect(then.participants[ani.nik]).toMatchObject({ status: 'completed' });
      const item = await listed<{ id: string; completed: number; enrolled: number }>(
        'trainings',
        course,
        body.position,
      );
      expect(item).toMatchObject({ completed: 0, enrolled: 2 });
      expect((await caseOf(ani.id, body.position)).trainings).toBe(1);
      const types = (await history(ani.id)).map((e) => e.type);
      expect(types).toEqual(expect.arrayContaining(['TrainingCompleted', 'RevocationRequested', 'EventRevoked']));
      const totals = await outcomes(body.position);
      expect(totals.training).toMatchObject({ enrolled: 2, completed: 0 });
      expect((await reportingJobOver(await t.store.readAll())).summary.training).toEqual(totals.training);
    });

    it('lets the participant complete again, and refuses to revoke the course itself', async () => {
      // Sessions 1 to 3 held, two attended: below 75 %, until a session she attends is recorded.
      await post(cw, `/trainings/${course}/sessions`, {
        sessionNo: 4,
        heldOn: '2026-04-04',
        present: [ani.nik],
      }).expect(200);
      await post(cw, `/trainings/${course}/participants/${ani.nik}/completion`, { certificateNo: 'C-78' }).expect(200);
      const [scheduled] = await streamOf(`training-${course}`);
      const { body } = await post(sv, `/trainings/${course}/revocations`, {
        eventId: scheduled!.eventId,
        reason: 'The course stays',
      }).expect(422);
      expect(body.code).toBe('REVOCATION.EVENT_NOT_REVOCABLE');
    });
  });

  describe('a Kube', () => {
    let kube: string;
    let joiner: { id: string; nik: string };
    let founders: { id: string; nik: string }[];
    let dahlia: string;

    beforeAll(async () => {
      founders = [await register(), await register(), await register()];
      joiner = await register();
      kube = (
        await post(sv, '/kubes', {
          name: 'Kube Cempaka',
          businessType: 'catering',
          ...area,
          householdIds: founders.map((f) => f.id),
          formedOn: '2026-02-01',
        }).expect(201)
      ).body.id;
      await post(cw, `/kubes/${kube}/members`, { householdId: joiner.id, joinedOn: '2026-03-01' }).expect(200);
      await post(sv, `/kubes/${kube}/grants`, {
        amount: 6_000_000,
        source: 'APBD',
        reference: 'SP2D-REV-1',
        disbursedOn: '2026-03-05',
      }).expect(200);
      await post(cw, `/kubes/${kube}/reports`, { period: '2026-03', revenue: 900_000, activeMembers: 3 }).expect(200);
    }, 60_000);

    it('revokes a joining on approval, lists the grant that counted the member, and frees its place', async () => {
      const events = await streamOf(`kube-${kube}`);
      const joined = events.find((e) => e.type === 'KubeMemberJoined')!;
      const grant = events.find((e) => e.type === 'KubeGrantDisbursed')!;
      const asked = await post(cw, `/kubes/${kube}/revocations`, {
        eventId: joined.eventId,
        reason: 'The household joined another group',
      }).expect(200);
      expect(asked.body).toMatchObject({ outcome: 'requested', eventType: 'KubeMemberJoined' });
      const { body } = await post(sv, `/kubes/${kube}/revocations/${joined.eventId}/approval`).expect(200);
      expect(body).toMatchObject({ outcome: 'revoked', eventType: 'KubeMemberJoined' });
      expect(body.dependents).toEqual([
        expect.objectContaining({ eventId: grant.eventId, eventType: 'KubeGrantDisbursed' }),
      ]);

      expect((await get(sv, `/kubes/${kube}`).expect(200)).body.members).toHaveLength(3);
      expect((await listed<{ id: string; members: number }>('kubes', kube, body.position)).members).toBe(3);
      expect((await caseOf(joiner.id, body.position)).kubeId).toBeNull();
      expect((await history(joiner.id)).map((e) => e.type)).toEqual(
        expect.arrayContaining(['KubeMemberJoined', 'RevocationRequested', 'EventRevoked']),
      );
      // Its place in a group is free again: it founds another.
      const other = await register();
      dahlia = (
        await post(sv, '/kubes', {
          name: 'Kube Dahlia',
          businessType: 'tailoring',
          ...area,
          householdIds: [joiner.id, other.id],
          formedOn: '2026-04-01',
        }).expect(201)
      ).body.id;
    });

    it("revokes a supervisor's own grant at once and a caseworker's report at once; the list and outcomes follow", async () => {
      const events = await streamOf(`kube-${kube}`);
      const grant = events.find((e) => e.type === 'KubeGrantDisbursed')!;
      const report = events.find((e) => e.type === 'KubeBusinessReported')!;
      const before = await outcomes((await t.store.readAll()).at(-1)!.position);
      const revokedGrant = await post(sv, `/kubes/${kube}/revocations`, {
        eventId: grant.eventId,
        reason: 'Paid to the wrong group',
      }).expect(200);
      expect(revokedGrant.body).toMatchObject({ outcome: 'revoked', dependents: [] });
      const { body } = await post(cw, `/kubes/${kube}/revocations`, {
        eventId: report.eventId,
        reason: 'Revenue of another group',
      }).expect(200);
      expect(body).toMatchObject({ outcome: 'revoked', eventType: 'KubeBusinessReported' });
      expect((await listed<{ id: string; grantsRupiah: number }>('kubes', kube, body.position)).grantsRupiah).toBe(0);
      const after = await outcomes(body.position);
      expect(after.kube.grantsRupiah).toBe(before.kube.grantsRupiah - 6_000_000);
      expect(after.kube.reportedRevenueRupiah).toBe(before.kube.reportedRevenueRupiah - 900_000);
      expect((await reportingJobOver(await t.store.readAll())).summary.kube).toEqual(after.kube);
    });

    it('refuses to revoke a leaving while the household is in another group by now', async () => {
      const leaver = founders[2]!;
      await post(cw, `/kubes/${kube}/members/${leaver.id}/departure`, { reason: 'moved', leftOn: '2026-04-02' }).expect(
        200,
      );
      await post(cw, `/kubes/${dahlia}/members`, { householdId: leaver.id, joinedOn: '2026-04-03' }).expect(200);
      const left = (await streamOf(`kube-${kube}`)).find((e) => e.type === 'KubeMemberLeft')!;
      const { body } = await post(sv, `/kubes/${kube}/revocations`, {
        eventId: left.eventId,
        reason: 'Left the wrong group',
      }).expect(409);
      expect(body.code).toBe('KUBE.HOUSEHOLD_IN_ANOTHER_KUBE');
      expect((await streamOf(`kube-${kube}`)).at(-1)!.type).toBe('KubeMemberLeft');
    });
  });

  describe('after the corrections', () => {
    it('rebuilds every read model from zero to the rows it built live, the revocations included', async () => {
      await expectRebuildsMatchLive(t);
    }, 120_000);
  });
});
