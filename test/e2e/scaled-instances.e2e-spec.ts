import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { syntheticExtract } from '../../bench/synthetic-extract.js';
import { eventually } from '../support/eventually.js';
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

  it('answers for an import job on an instance other than the one that took it', async () => {
    // On PostgreSQL a third instance with a data directory of its own (as on another machine):
    // the job lives in PostgreSQL. On SQLite the instances share the data directory, as they must.
    const postgres = a.postgresSchema !== null;
    const ownDir = postgres ? mkdtempSync(join(tmpdir(), 'jejak-e2e-other-')) : undefined;
    const other = ownDir ? await a.sibling({ RUN_PROJECTIONS: 'false', JEJAK_DATA_DIR: ownDir }) : b;
    try {
      const admin = await a.token('admin', 'admin-01');
      const extract = syntheticExtract(60, { seed: 31, badShare: 0.1, prefix: '31' });
      const started = await a.http
        .post('/api/v1/imports')
        .set({ ...auth(admin), 'content-type': 'text/csv' })
        .send(extract.csv)
        .expect(202);
      const url = `/api/v1/imports/${started.body.id}`;
      await eventually(
        async () => (await other.http.get(url).set(auth(admin)).expect(200)).body.status === 'finished',
        'the job to finish, seen from the other instance',
      );
      const goodRows = [...extract.good.values()].reduce((x, y) => x + y, 0);
      const { body } = await other.http.get(url).set(auth(admin)).expect(200);
      expect(body.rowCounts).toEqual({ registered: goodRows, alreadyKnown: 0, refused: extract.badLines.length });
      const report = await other.http.get(`${url}/report`).set(auth(admin)).expect(200);
      expect(report.body.items.map((r: { line: number }) => r.line)).toEqual(extract.badLines);
      expect(report.body.items.every((r: { nik?: string }) => typeof r.nik === 'string')).toBe(true);
    } finally {
      if (ownDir) {
        await other.close();
        rmSync(ownDir, { recursive: true, force: true });
      }
    }
  });
});
