import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { expectRebuildsMatchLive } from '../support/rebuild-equivalence.js';
import { household, startTestApp, uniqueNumber, type TestApp } from '../support/test-app.js';

describe('retries and races on the household API', () => {
  let t: TestApp;
  let caseworker: string;
  const auth = (token: string) => ({ authorization: `Bearer ${token}` });

  beforeAll(async () => {
    t = await startTestApp();
    caseworker = await t.token('caseworker', 'cw-01');
  });
  afterAll(async () => t.close());

  it('replays the first answer for a retried registration with the same Idempotency-Key, appending nothing', async () => {
    const body = household();
    const headers = { ...auth(caseworker), 'idempotency-key': 'register-kk-retry-1' };
    const first = await t.http.post('/api/v1/households').set(headers).send(body).expect(201);
    const head = await t.store.headPosition();
    const retry = await t.http.post('/api/v1/households').set(headers).send(body).expect(201);
    expect(retry.body).toEqual(first.body);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.headers.location).toBe(first.headers.location);
    expect(retry.headers.etag).toBe(first.headers.etag);
    expect(await t.store.headPosition()).toBe(head);

    const reused = await t.http.post('/api/v1/households').set(headers).send(household()).expect(422);
    expect(reused.body.code).toBe('IDEMPOTENCY.KEY_REUSED');
    expect(await t.store.headPosition()).toBe(head);

    // Keys are per actor: another caseworker's identical key is a different request.
    const other = await t.token('caseworker', 'cw-02');
    const clash = await t.http
      .post('/api/v1/households')
      .set({ ...auth(other), 'idempotency-key': 'register-kk-retry-1' })
      .send(body);
    expect(clash.status).toBe(409);
  });

  it('records a retried note once', async () => {
    const { body } = await t.http.post('/api/v1/households').set(auth(caseworker)).send(household()).expect(201);
    const send = () =>
      t.http
        .post(`/api/v1/households/${body.id}/notes`)
        .set({ ...auth(caseworker), 'idempotency-key': 'note-7' })
        .send({ text: 'Phone call about the school fees' });
    const [a, b] = [await send(), await send()];
    expect(a.status).toBe(200);
    expect(b.body).toEqual(a.body);
    const notes = (await t.store.readStream(`household-${body.id}`)).filter((e) => e.type === 'CaseNoteRecorded');
    expect(notes).toHaveLength(1);
  });

  it('answers concurrent retries of one keyed command alike, recording it once', async () => {
    const { body } = await t.http.post('/api/v1/households').set(auth(caseworker)).send(household()).expect(201);
    const send = () =>
      t.http
        .post(`/api/v1/households/${body.id}/notes`)
        .set({ ...auth(caseworker), 'idempotency-key': 'note-concurrent' })
        .send({ text: 'Home visit, the roof leaks' });
    const answers = await Promise.all(Array.from({ length: 8 }, send));
    expect(answers.map((a) => a.status)).toEqual(Array(8).fill(200));
    expect(new Set(answers.map((a) => JSON.stringify(a.body))).size).toBe(1);
    const notes = (await t.store.readStream(`household-${body.id}`)).filter((e) => e.type === 'CaseNoteRecorded');
    expect(notes).toHaveLength(1);
  });

  it("lets exactly one of many concurrent registrations of one KK win, and frees the losers' NIKs", async () => {
    const kk = uniqueNumber();
    const attempts = Array.from({ length: 20 }, () => household({ kk }));
    const responses = await Promise.all(
      attempts.map((b) => t.http.post('/api/v1/households').set(auth(caseworker)).send(b)),
    );
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(19);
    const winner = responses.find((r) => r.status === 201)!.body.id;
    for (const r of responses.filter((r) => r.status === 409)) {
      expect(r.body).toMatchObject({ code: 'HOUSEHOLD.KK_ALREADY_REGISTERED', householdId: winner });
    }
    // A loser's members were never registered: their NIKs are free for a new KK.
    const loser = attempts[responses.findIndex((r) => r.status === 409)]!;
    await t.http
      .post('/api/v1/households')
      .set(auth(caseworker))
      .send({ ...loser, kk: uniqueNumber() })
      .expect(201);
  });

  it('lets two households race for one NIK: one wins, the other is refused whole', async () => {
    const nik = uniqueNumber();
    const person = { nik, name: 'Dewi Lestari', birthDate: '1990-09-09', sex: 'female', relationship: 'head' };
    const responses = await Promise.all(
      Array.from({ length: 10 }, () =>
        t.http
          .post('/api/v1/households')
          .set(auth(caseworker))
          .send(household({ members: [person] })),
      ),
    );
    expect(responses.filter((r) => r.status === 201)).toHaveLength(1);
    expect(
      responses.filter((r) => r.status === 409).every((r) => r.body.code === 'HOUSEHOLD.NIK_ALREADY_REGISTERED'),
    ).toBe(true);
  });

  it('serialises concurrent commands on one household: without If-Match all land, with the same If-Match one does', async () => {
    const { body } = await t.http.post('/api/v1/households').set(auth(caseworker)).send(household()).expect(201);
    const note = (i: number, ifMatch?: string) =>
      t.http
        .post(`/api/v1/households/${body.id}/notes`)
        .set({ ...auth(caseworker), ...(ifMatch ? { 'if-match': ifMatch } : {}) })
        .send({ text: `note ${i}` });

    const free = await Promise.all(Array.from({ length: 15 }, (_, i) => note(i)));
    expect(free.every((r) => r.status === 200)).toBe(true);
    expect(free.map((r) => r.body.revision).sort((a, b) => a - b)).toEqual(Array.from({ length: 15 }, (_, i) => i + 1));

    const guarded = await Promise.all(Array.from({ length: 10 }, (_, i) => note(100 + i, '"15"')));
    expect(guarded.filter((r) => r.status === 200)).toHaveLength(1);
    const refused = guarded.filter((r) => r.status === 412);
    expect(refused).toHaveLength(9);
    for (const r of refused) expect(r.body).toMatchObject({ code: 'STREAM.REVISION_MISMATCH', currentRevision: 16 });

    const events = await t.store.readStream(`household-${body.id}`);
    expect(events.map((e) => e.revision)).toEqual(Array.from({ length: 17 }, (_, i) => i));
  });

  it('rebuilds every read model from zero to the rows it built live', async () => {
    await expectRebuildsMatchLive(t);
  });
});
