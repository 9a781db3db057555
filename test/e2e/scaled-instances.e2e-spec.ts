import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { household, sewingCourse, startTestApp, uniqueNumber, type TestApp } from '../support/test-app.js';

/**
 * Two API instances on the same stores, as in the scaled layout: the first runs the projections,
 * the second (RUN_PROJECTIONS=false) follows their checkpoints. Their commands race through the
 * store itself, not through one process's memory.
 */
describe('two API instances on shared stores', () => {
  let a: TestApp;
  let b: TestApp;
  const auth = (token: string) => ({ authorization: `Bearer ${token}` });

  beforeAll(async () => {
    a = await startTestApp();
    b = await a.sibling({ RUN_PROJECTIONS: 'false' });
  });
  afterAll(async () => {
    await b.close();
    await a.close();
  });

  it('lets a client read its own write on the instance that does not run the projections', async () => {
    const cw = await b.token('caseworker', 'cw-01');
    const created = await b.http.post('/api/v1/households').set(auth(cw)).send(household()).expect(201);
    const read = await b.http
      .get(`/api/v1/households/${created.body.id}?minPosition=${created.body.position}`)
      .set(auth(cw))
      .expect(200);
    expect(read.body.id).toBe(created.body.id);
    const health = await b.http.get('/health').set(auth(cw)).expect(200);
    expect(health.body.projections.every((p: { state: string }) => p.state === 'followed')).toBe(true);
  });

  it('lets a list on that instance wait for the one read model it reads', async () => {
    const sv = await b.token('supervisor', 'sv-01');
    const scheduled = await b.http
      .post('/api/v1/trainings')
      .set(auth(sv))
      .send(sewingCourse({ kecamatan: 'Rawalumbu', kelurahan: 'Pengasinan' }))
      .expect(201);
    const list = await b.http
      .get('/api/v1/trainings')
      .query({ kelurahan: 'Pengasinan', minPosition: scheduled.body.position })
      .set(auth(sv))
      .expect(200);
    expect(list.body.items.map((c: { id: string }) => c.id)).toEqual([scheduled.body.id]);
  });

  it('holds a course capacity when enrolments race across instances', async () => {
    const cw = await a.token('caseworker', 'cw-01');
    const course = await a.http
      .post('/api/v1/trainings')
      .set(auth(cw))
      .send({
        kind: 'family_session',
        title: 'P2K2 modul kesehatan',
        provider: 'Pendamping PKH',
        capacity: 4,
        sessions: 1,
        startsOn: '2026-05-01',
        endsOn: '2026-05-01',
        kecamatan: 'Medan Satria',
        kelurahan: 'Pejuang',
        costPerParticipant: 0,
      })
      .expect(201);
    const niks = await Promise.all(
      Array.from({ length: 12 }, async (_, i) => {
        const head = {
          nik: uniqueNumber(),
          name: 'Ibu Peserta',
          birthDate: '1991-01-01',
          sex: 'female',
          relationship: 'head',
        };
        const app = i % 2 ? a : b;
        const { body } = await app.http
          .post('/api/v1/households')
          .set(auth(cw))
          .send(household({ members: [head] }))
          .expect(201);
        await app.http
          .post(`/api/v1/trainings/${course.body.id}/invitations`)
          .set(auth(cw))
          .send({ householdId: body.id, nik: head.nik })
          .expect(200);
        return head.nik;
      }),
    );
    const answers = await Promise.all(
      niks.map((nik, i) =>
        (i % 2 ? b : a).http
          .post(`/api/v1/trainings/${course.body.id}/participants/${nik}/response`)
          .set(auth(cw))
          .send({ accept: true }),
      ),
    );
    expect(answers.filter((r) => r.status === 200)).toHaveLength(4);
    expect(answers.filter((r) => r.status !== 200).every((r) => r.body.code === 'TRAINING.COURSE_FULL')).toBe(true);
    const state = await b.http.get(`/api/v1/trainings/${course.body.id}`).set(auth(cw)).expect(200);
    expect(state.body.seatsTaken).toBe(4);
  });
});
