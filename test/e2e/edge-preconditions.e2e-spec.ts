import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { expectProblem } from '../support/edge.js';
import { household, startTestApp, type TestApp } from '../support/test-app.js';

/** Write preconditions compare strongly, and what a client sends as an id stays out of the events. */
describe('the edge: If-Match and X-Correlation-Id', () => {
  let t: TestApp;
  let caseworker: string;
  let id: string;
  let revision: number;
  const auth = (token: string) => ({ authorization: `Bearer ${token}` });

  beforeAll(async () => {
    t = await startTestApp();
    caseworker = await t.token('caseworker', 'cw-pre');
    const created = await t.http.post('/api/v1/households').set(auth(caseworker)).send(household()).expect(201);
    id = created.body.id;
    revision = created.body.revision;
  });
  afterAll(async () => t.close());

  const note = (headers: Record<string, string>) =>
    t.http
      .post(`/api/v1/households/${id}/notes`)
      .set({ ...auth(caseworker), ...headers })
      .send({ text: 'a note' });

  it('refuses a weak If-Match of the current revision with 412 and the current revision, as a mismatch', async () => {
    const head = await t.store.headPosition();
    const response = await note({ 'if-match': `W/"${revision}"` });
    const problem = expectProblem(response, 412, 'STREAM.REVISION_MISMATCH');
    expect(problem.currentRevision).toBe(revision);
    expect(response.headers.etag).toBe(`"${revision}"`);
    expect(await t.store.headPosition()).toBe(head);
  });

  it('takes the strong tag of the current revision', async () => {
    const current = await t.store.streamRevision(`household-${id}`);
    await note({ 'if-match': `"${current}"` }).expect(200);
  });

  it.each([
    ['10,000 characters', 'c'.repeat(10_000)],
    ['spaces and a tab', 'a b\tc'],
    ['a NIK', 'ref-3275014501850001'],
    ['markup', '<script>alert(1)</script>'],
    ['a byte outside ASCII', 'x\u00ffy'],
    ['a header line break folded in', 'abc\r\n x-other: 1'.replace(/\r\n/, ' ')],
  ])('keeps an X-Correlation-Id with %s out of the event metadata', async (_, correlation) => {
    const sent = await note({ 'x-correlation-id': correlation }).expect(200);
    const [event] = await t.store.readStream(`household-${id}`, { from: sent.body.revision, limit: 1 });
    expect(event!.metadata.correlationId).toMatch(/^[\w.:@-]{1,128}$/);
    expect(event!.metadata.correlationId).not.toBe(correlation);
    expect(JSON.stringify(event!.metadata)).not.toContain('3275014501850001');
    expect(JSON.stringify(event!.metadata).length).toBeLessThan(1_000);
  });

  it('keeps a sane X-Correlation-Id', async () => {
    const sent = await note({ 'x-correlation-id': 'checkout-42.7' }).expect(200);
    const [event] = await t.store.readStream(`household-${id}`, { from: sent.body.revision, limit: 1 });
    expect(event!.metadata.correlationId).toBe('checkout-42.7');
  });
});
