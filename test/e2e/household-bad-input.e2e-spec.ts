import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { expectRebuildsMatchLive } from '../support/rebuild-equivalence.js';
import { signToken } from '#libs/platform/auth/index.js';
import { household, startTestApp, uniqueNumber, type TestApp } from '../support/test-app.js';

/** Every refusal is problem+json with a stable code, names the field where there is one, and appends nothing. */
describe('bad input to the household API', () => {
  let t: TestApp;
  let caseworker: string;
  let id: string;
  let revision: number;

  beforeAll(async () => {
    t = await startTestApp({ BODY_LIMIT_BYTES: '16384' });
    caseworker = await t.token('caseworker', 'cw-01');
    const created = await t.http.post('/api/v1/households').set(auth(caseworker)).send(household()).expect(201);
    id = created.body.id;
    revision = created.body.revision;
  });
  afterAll(async () => t.close());

  const auth = (token: string) => ({ authorization: `Bearer ${token}` });

  async function expectRefused(
    send: () => Promise<{ status: number; headers: Record<string, string>; body: Record<string, unknown> }>,
    status: number,
    code: string,
    fields: Array<[string, string]> = [],
  ) {
    const head = await t.store.headPosition();
    const response = await send();
    expect({ status: response.status, code: response.body.code }).toEqual({ status, code });
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({
      type: expect.stringMatching(/^urn:jejak:problem:/),
      title: expect.any(String),
      status,
    });
    expect(JSON.stringify(response.body)).not.toMatch(/\bat .+\.(ts|js):\d+/);
    for (const [field, rule] of fields) {
      expect(response.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field, rule })]));
    }
    expect(await t.store.headPosition()).toBe(head);
  }

  const register = (body: unknown, token = caseworker) =>
    t.http
      .post('/api/v1/households')
      .set(auth(token))
      .send(body as object);

  it('refuses a NIK of the wrong length', () =>
    expectRefused(
      () =>
        register(
          household({
            members: [
              { nik: '32750145018500', name: 'A', birthDate: '1985-01-05', sex: 'female', relationship: 'head' },
            ],
          }),
        ),
      400,
      'VALIDATION.FAILED',
      [['members.0.nik', 'isNik']],
    ));

  it('refuses a birth date before 1900, and a name that is blank or holds control or direction marks', async () => {
    const head = {
      nik: '3275014501850001',
      name: 'Siti',
      birthDate: '1985-01-05',
      sex: 'female',
      relationship: 'head',
    };
    const withHead = (change: Record<string, string>) => household({ members: [{ ...head, ...change }] });
    await expectRefused(() => register(withHead({ birthDate: '0001-01-01' })), 400, 'VALIDATION.FAILED', [
      ['members.0.birthDate', 'isCalendarDate'],
    ]);
    for (const name of ['   ', 'Siti\u202Enimah', 'Siti\nAminah', 'Siti\u0007'])
      await expectRefused(() => register(withHead({ name })), 400, 'VALIDATION.FAILED', [
        ['members.0.name', 'isPersonName'],
      ]);
  });

  it('refuses an unknown kecamatan, and a kelurahan outside its kecamatan', async () => {
    await expectRefused(
      () => register(household({ address: { kecamatan: 'Cibinong', kelurahan: 'Harapan Jaya' } })),
      400,
      'VALIDATION.FAILED',
      [['address.kecamatan', 'isKecamatan']],
    );
    await expectRefused(
      () => register(household({ address: { kecamatan: 'Jatiasih', kelurahan: 'Harapan Jaya' } })),
      400,
      'VALIDATION.FAILED',
      [['address.kelurahan', 'isKelurahanOfKecamatan']],
    );
  });

  it('refuses missing fields, each named', () =>
    expectRefused(() => register({ members: [{ nik: uniqueNumber() }] }), 400, 'VALIDATION.FAILED', [
      ['kk', 'isKk'],
      ['address', 'isDefined'],
      ['members.0.name', 'isString'],
      ['members.0.birthDate', 'isCalendarDate'],
      ['members.0.relationship', 'isIn'],
    ]));

  it('refuses unknown fields, at the top and nested', () =>
    expectRefused(
      () => {
        const body = household({ role: 'admin' }) as { members: Array<Record<string, unknown>> };
        body.members[0]!.salary = 5;
        return register(body);
      },
      400,
      'VALIDATION.FAILED',
      [
        ['role', 'unknownField'],
        ['members.0.salary', 'unknownField'],
      ],
    ));

  it('refuses a body that is a JSON array or a bare value as not an object, not field by field', async () => {
    for (const body of [[household()], '"a household"', '42'])
      await expectRefused(
        () =>
          t.http
            .post('/api/v1/households')
            .set({ ...auth(caseworker), 'content-type': 'application/json' })
            .send(typeof body === 'string' ? body : JSON.stringify(body)),
        400,
        'VALIDATION.FAILED',
        [['body', 'isObject']],
      );
  });

  it('refuses wrong types', async () => {
    await expectRefused(() => register(household({ members: 'everyone' })), 400, 'VALIDATION.FAILED', [
      ['members', 'isArray'],
    ]);
    await expectRefused(
      () =>
        t.http
          .post(`/api/v1/households/${id}/assessments`)
          .set(auth(caseworker))
          .send({ perCapitaIncome: '450000', povertyLine: -1, assessedOn: '2026-13-01' }),
      400,
      'VALIDATION.FAILED',
      [
        ['perCapitaIncome', 'isInt'],
        ['povertyLine', 'min'],
        ['assessedOn', 'isCalendarDate'],
      ],
    );
  });

  it('refuses malformed JSON, a body that is not JSON, and a huge body', async () => {
    await expectRefused(
      () =>
        t.http
          .post('/api/v1/households')
          .set({ ...auth(caseworker), 'content-type': 'application/json' })
          .send('{"kk": '),
      400,
      'REQUEST.MALFORMED_JSON',
    );
    await expectRefused(
      () =>
        t.http
          .post('/api/v1/households')
          .set({ ...auth(caseworker), 'content-type': 'text/plain' })
          .send('kk=1'),
      415,
      'REQUEST.UNSUPPORTED_MEDIA_TYPE',
    );
    await expectRefused(() => register(household({ note: 'x'.repeat(20_000) })), 413, 'REQUEST.BODY_TOO_LARGE');
  });

  it('refuses a stale If-Match with 412 and the current revision', async () => {
    const response = await t.http
      .post(`/api/v1/households/${id}/notes`)
      .set({ ...auth(caseworker), 'if-match': `"${revision + 7}"` })
      .send({ text: 'late note' });
    expect(response.body).toMatchObject({ status: 412, code: 'STREAM.REVISION_MISMATCH', currentRevision: revision });
    expect(response.headers.etag).toBe(`"${revision}"`);
    await expectRefused(
      () =>
        t.http
          .post(`/api/v1/households/${id}/notes`)
          .set({ ...auth(caseworker), 'if-match': '"0"x' })
          .send({ text: 'n' }),
      400,
      'REQUEST.INVALID_IF_MATCH',
      [['If-Match', 'isRevision']],
    );
  });

  it('refuses requests without a token, with a bad token, and with the wrong role', async () => {
    await expectRefused(() => t.http.post('/api/v1/households').send(household()), 401, 'AUTH.TOKEN_MISSING');
    const forged = await signToken('another-secret-that-is-at-least-32-characters', { sub: 'x', role: 'admin' });
    await expectRefused(() => register(household(), forged), 401, 'AUTH.TOKEN_INVALID');
    const expired = await signToken(
      'test-secret-that-is-at-least-32-characters-long',
      { sub: 'x', role: 'admin' },
      '-1m',
    );
    await expectRefused(() => register(household(), expired), 401, 'AUTH.TOKEN_INVALID');
    await expectRefused(async () => register(household(), await t.token('auditor')), 403, 'AUTH.ROLE_NOT_ALLOWED');
    await expectRefused(async () => register(household(), await t.token('reporter')), 403, 'AUTH.ROLE_NOT_ALLOWED');
    await expectRefused(
      () => t.http.post(`/api/v1/households/${id}/caseworker`).set(auth(caseworker)).send({ caseworkerId: 'cw-02' }),
      403,
      'AUTH.ROLE_NOT_ALLOWED',
    );
    const reporter = await t.token('reporter');
    await expectRefused(() => t.http.get(`/api/v1/households/${id}`).set(auth(reporter)), 403, 'AUTH.ROLE_NOT_ALLOWED');
  });

  it('refuses a duplicate KK or NIK with 409 naming the household that holds it', async () => {
    const original = household();
    const first = await register(original).expect(201);
    await expectRefused(() => register(household({ kk: original.kk })), 409, 'HOUSEHOLD.KK_ALREADY_REGISTERED');
    const head = await t.store.headPosition();
    const response = await register(household({ members: [{ ...original.members[0], relationship: 'head' }] }));
    expect(response.status).toBe(409);
    expect(await t.store.headPosition()).toBe(head);
    expect(response.body).toMatchObject({ code: 'HOUSEHOLD.NIK_ALREADY_REGISTERED', householdId: first.body.id });
    await expectRefused(
      () =>
        t.http
          .post(`/api/v1/households/${id}/members`)
          .set(auth(caseworker))
          .send({ ...original.members[1], relationship: 'child' }),
      409,
      'HOUSEHOLD.NIK_ALREADY_REGISTERED',
    );
  });

  it('refuses domain rule violations with 422 naming the rule', async () => {
    const twoHeads = household();
    (twoHeads.members[1] as { relationship: string }).relationship = 'head';
    await expectRefused(() => register(twoHeads), 422, 'HOUSEHOLD.MUST_HAVE_ONE_HEAD');
    const state = await t.http.get(`/api/v1/households/${id}/state`).set(auth(await t.token('auditor')));
    const head = state.body.state.members.find((m: { relationship: string }) => m.relationship === 'head');
    await expectRefused(
      () =>
        t.http
          .post(`/api/v1/households/${id}/members/${head.nik}/removal`)
          .set(auth(caseworker))
          .send({ reason: 'moved', effectiveOn: '2026-01-01' }),
      422,
      'HOUSEHOLD.HEAD_MUST_BE_REPLACED_FIRST',
    );
  });

  it('answers unknown households and routes with 404, and bad ids with 400', async () => {
    await expectRefused(
      () => t.http.get('/api/v1/households/6f1c1f5e-0d0a-4a8e-9a57-3f0e6f2b9c11').set(auth(caseworker)),
      404,
      'HOUSEHOLD.NOT_FOUND',
    );
    // To a caseworker a household that does not exist is one outside her reach: the same 404
    // and code, before the body is looked at. A city-wide role gets the command's own answer.
    for (const body of [{ text: 'x' }, {}])
      await expectRefused(
        () =>
          t.http.post('/api/v1/households/6f1c1f5e-0d0a-4a8e-9a57-3f0e6f2b9c11/notes').set(auth(caseworker)).send(body),
        404,
        'HOUSEHOLD.NOT_FOUND',
      );
    const admin = await t.token('admin');
    await expectRefused(
      () =>
        t.http
          .post('/api/v1/households/6f1c1f5e-0d0a-4a8e-9a57-3f0e6f2b9c11/notes')
          .set(auth(admin))
          .send({ text: 'x' }),
      404,
      'HOUSEHOLD.NOT_REGISTERED',
    );
    await expectRefused(
      () => t.http.get('/api/v1/households/not-a-uuid').set(auth(caseworker)),
      400,
      'VALIDATION.FAILED',
      [['id', 'isUuid']],
    );
    await expectRefused(() => t.http.get('/api/v1/nowhere').set(auth(caseworker)), 404, 'HTTP.NOT_FOUND');
  });

  it('rebuilds every read model from zero to the rows it built live', async () => {
    await expectRebuildsMatchLive(t);
  });
});
