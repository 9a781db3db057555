import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { household, startTestApp, type TestApp } from '../support/test-app.js';

/**
 * Many clients on the same households, each sending the revision it last saw as If-Match:
 * every success lands on the next revision, every failure is 412 (or 409), nothing is lost or
 * doubled, and the read model ends equal to the replay of the events.
 */
describe('concurrency storm with If-Match', () => {
  let t: TestApp;
  const auth = (token: string) => ({ authorization: `Bearer ${token}` });

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t.close());

  it('keeps revisions contiguous and the state equal to the replay', async () => {
    const cw = await t.token('caseworker');
    const ids: string[] = [];
    for (let i = 0; i < 4; i++)
      ids.push((await t.http.post('/api/v1/households').set(auth(cw)).send(household()).expect(201)).body.id);
    const successes = new Map<string, number[]>(ids.map((id) => [id, []]));
    const failures: number[] = [];

    const client = async (c: number) => {
      const id = ids[c % ids.length]!;
      let seen = 0;
      for (let round = 0; round < 8; round++) {
        const response = await t.http
          .post(`/api/v1/households/${id}/notes`)
          .set({ ...auth(cw), 'if-match': `"${seen}"` })
          .send({ text: `client ${c} round ${round}` });
        if (response.status === 200) {
          successes.get(id)!.push(response.body.revision);
          seen = response.body.revision;
        } else {
          failures.push(response.status);
          expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
          seen = response.body.currentRevision ?? seen;
        }
      }
    };
    await Promise.all(Array.from({ length: 32 }, (_, c) => client(c)));

    expect(failures.length).toBeGreaterThan(0);
    expect(failures.every((s) => s === 412 || s === 409)).toBe(true);
    const head = await t.store.headPosition();
    for (const id of ids) {
      const won = successes.get(id)!.sort((a, b) => a - b);
      expect(won).toEqual(won.map((_, i) => i + 1));
      const events = await t.store.readStream(`household-${id}`);
      expect(events.map((e) => e.revision)).toEqual(events.map((_, i) => i));
      expect(events.length).toBe(1 + won.length);
      const read = await t.http.get(`/api/v1/households/${id}?minPosition=${head}`).set(auth(cw)).expect(200);
      expect(read.body).toMatchObject({ revision: won.length, notesCount: won.length });
      const replay = await t.http
        .get(`/api/v1/households/${id}/state`)
        .set(auth(await t.token('auditor')))
        .expect(200);
      expect(replay.body.state.notes).toBe(read.body.notesCount);
    }
  }, 60_000);
});
