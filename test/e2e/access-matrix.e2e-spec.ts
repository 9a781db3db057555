import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { expectRebuildsMatchLive } from '../support/rebuild-equivalence.js';
import type { ScopeTarget } from '#libs/platform/auth/index.js';
import type { Role } from '#libs/platform/auth/index.js';
import { household, sewingCourse, startTestApp, type TestApp } from '../support/test-app.js';

/**
 * Every route of the OpenAPI document, as every role, as a caseworker and a supervisor inside and
 * outside their area, and as a caseworker who broke the glass on the household: the status each
 * cell must answer follows from the route's `x-roles` and `x-scope`, so a new route cannot ship
 * without them (a route with neither fails here).
 */
type Caller = { name: string; role: Role; sub: string; scope: 'in' | 'out' | 'opened' | 'city' | 'none' };

const CALLERS: Caller[] = [
  { name: 'caseworker in the area', role: 'caseworker', sub: 'cw-in', scope: 'in' },
  { name: 'caseworker outside it', role: 'caseworker', sub: 'cw-out', scope: 'out' },
  { name: 'caseworker who broke the glass', role: 'caseworker', sub: 'cw-glass', scope: 'opened' },
  { name: 'supervisor of the kecamatan', role: 'supervisor', sub: 'sv-in', scope: 'in' },
  { name: 'supervisor of another kecamatan', role: 'supervisor', sub: 'sv-out', scope: 'out' },
  { name: 'auditor', role: 'auditor', sub: 'au-01', scope: 'city' },
  { name: 'admin', role: 'admin', sub: 'admin-01', scope: 'city' },
  { name: 'reporter', role: 'reporter', sub: 'rp-01', scope: 'none' },
];

const HOME = { kecamatan: 'Bekasi Utara', kelurahan: 'Harapan Jaya' };
const ELSEWHERE = { kecamatan: 'Bekasi Barat', kelurahan: 'Kranji' };

interface Operation {
  method: 'get' | 'post';
  path: string;
  roles: Role[] | undefined;
  scope: ScopeTarget[] | undefined;
  isPublic: boolean;
  /** The route takes a file as text/csv (a DTKS extract), not JSON. */
  csv: boolean;
}

/** Where a scope check refuses a caller who may not see the thing named. */
const NOT_FOUND: Record<ScopeTarget['kind'], string> = {
  household: 'HOUSEHOLD.NOT_FOUND',
  households: 'HOUSEHOLD.NOT_FOUND',
  area: 'ACCESS.OUTSIDE_AREA',
  kube: 'KUBE.NOT_FOUND',
  batch: 'BATCH.NOT_FOUND',
  course: 'TRAINING.NOT_FOUND',
  participant: 'TRAINING.PARTICIPANT_NOT_FOUND',
};

describe('access matrix: every route × every caller', () => {
  let t: TestApp;
  let operations: Operation[];
  const tokens = new Map<string, string>();
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp();
    const admin = await t.token('admin', 'admin-01');
    const as = (token: string) => ({ authorization: `Bearer ${token}` });
    const give = async (
      sub: string,
      role: 'caseworker' | 'supervisor',
      area: { kecamatan: string; kelurahan: string },
    ) =>
      t.http
        .post(`/api/v1/staff/${sub}/areas`)
        .set(as(admin))
        .send({
          role,
          areas: [role === 'supervisor' ? { kecamatan: area.kecamatan } : area],
          validFrom: '2020-01-01',
          reason: 'Matrix',
        })
        .expect(200);
    await give('cw-in', 'caseworker', HOME);
    await give('cw-out', 'caseworker', ELSEWHERE);
    await give('cw-glass', 'caseworker', ELSEWHERE);
    await give('sv-in', 'supervisor', HOME);
    await give('sv-out', 'supervisor', ELSEWHERE);
    for (const c of CALLERS) tokens.set(c.sub, await t.token(c.role, c.sub, { reach: 'own' }));

    const members = Array.from({ length: 5 }, () => household({ address: HOME }));
    const registered = [];
    for (const body of members)
      registered.push(
        (await t.http.post('/api/v1/households').set(as(admin)).send(body).expect(201)).body.id as string,
      );
    ids.household = registered[0]!;
    ids.nik = members[0]!.members[0]!.nik as string;
    const supervisor = tokens.get('sv-in')!;
    ids.kube = (
      await t.http
        .post('/api/v1/kubes')
        .set(as(tokens.get('cw-in')!))
        .send({
          name: 'Kube Matrix',
          businessType: 'catering',
          ...HOME,
          householdIds: registered,
          formedOn: '2026-01-10',
        })
        .expect(201)
    ).body.id;
    ids.course = (
      await t.http.post('/api/v1/trainings').set(as(supervisor)).send(sewingCourse(HOME)).expect(201)
    ).body.id;
    await t.http
      .post(`/api/v1/trainings/${ids.course}/invitations`)
      .set(as(supervisor))
      .send({ householdId: ids.household, nik: ids.nik })
      .expect(200);
    ids.complaint = (
      await t.http
        .post(`/api/v1/households/${ids.household}/complaints`)
        .set(as(tokens.get('cw-in')!))
        .send({
          category: 'payment_not_received',
          subject: 'payment',
          source: 'family',
          channel: 'visit',
          complainant: { name: 'Siti Aminah' },
          description: 'The stage was not paid',
          receivedOn: '2026-01-12',
          assignee: 'cw-in',
        })
        .expect(201)
    ).body.id;
    ids.referral = (
      await t.http
        .post(`/api/v1/households/${ids.household}/referrals`)
        .set(as(tokens.get('cw-in')!))
        .send({ service: 'puskesmas', reason: 'health_check', referredOn: '2026-01-12' })
        .expect(201)
    ).body.id;
    // A payment batch of the home household: its routes are for those who reach every family it pays.
    const caseworker = tokens.get('cw-in')!;
    await t.http
      .post(`/api/v1/households/${ids.household}/assessments`)
      .set(as(caseworker))
      .send({ perCapitaIncome: 380_000, povertyLine: 600_000, assessedOn: '2026-01-05' })
      .expect(200);
    await t.http
      .post(`/api/v1/households/${ids.household}/pkh/enrolment`)
      .set(as(caseworker))
      .send({ enrolledOn: '2026-01-10' })
      .expect(200);
    await t.http
      .post(`/api/v1/households/${ids.household}/pkh/verifications`)
      .set(as(caseworker))
      .send({ stage: '2026-1', compliant: true, verifiedOn: '2026-03-01' })
      .expect(200);
    const pkh = await t.http.get(`/api/v1/households/${ids.household}/pkh`).set(as(caseworker)).expect(200);
    ids.batch = (
      await t.http
        .post('/api/v1/pkh/batches')
        .set(as(supervisor))
        .send({
          stage: '2026-1',
          channel: 'bank_transfer',
          plannedOn: '2026-03-10',
          householdIds: [ids.household],
          controlCount: 1,
          controlRupiah: pkh.body.entitlementPerStage,
        })
        .expect(201)
    ).body.id;
    await t.http
      .post(`/api/v1/households/${ids.household}/break-glass`)
      .set(as(tokens.get('cw-glass')!))
      .send({ reason: 'Covering the kelurahan while its pendamping is away' })
      .expect(200);

    const doc = (await t.http.get('/docs/openapi.json').expect(200)).body as {
      paths: Record<
        string,
        Record<
          string,
          {
            'x-roles'?: Role[];
            'x-scope'?: ScopeTarget[];
            security?: unknown[];
            requestBody?: { content: Record<string, unknown> };
          }
        >
      >;
    };
    operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
      (['get', 'post'] as const)
        .filter((m) => ops[m])
        .map((method) => ({
          method,
          path,
          roles: ops[method]!['x-roles'],
          scope: ops[method]!['x-scope'],
          isPublic: !path.startsWith('/api/v1') || path.startsWith('/api/v1/docs'),
          csv: Boolean(ops[method]!.requestBody?.content['text/csv']),
        })),
    );
  });
  afterAll(async () => t?.close());

  const urlOf = (path: string): string =>
    path
      .replace(/^\/api\/v1\/kubes\/\{id\}/, `/api/v1/kubes/${ids.kube}`)
      .replace(/^\/api\/v1\/trainings\/\{id\}/, `/api/v1/trainings/${ids.course}`)
      .replace(/^\/api\/v1\/pkh\/batches\/\{id\}/, `/api/v1/pkh/batches/${ids.batch}`)
      .replace('{reference}', 'PKH-2026-1-00000000-00001')
      .replace('{id}', ids.household!)
      .replace('{householdId}', ids.household!)
      .replace('{complaintId}', ids.complaint!)
      .replace('{referralId}', ids.referral!)
      .replace('{nik}', ids.nik!)
      .replace('{staffId}', 'cw-in')
      .replace('{caseworkerId}', 'cw-in')
      .replace('{actor}', 'cw-in')
      .replace('{assignmentId}', '00000000-0000-4000-8000-000000000000')
      .replace('{eventId}', '00000000-0000-4000-8000-000000000000')
      .replace('{name}', 'household-summary');

  /**
   * What a route's path names, whatever its decorators say: a route that names a household,
   * group or course must refuse a caller who cannot see it (break-the-glass is for exactly those).
   */
  const named = (op: Operation): ScopeTarget['kind'] | undefined => {
    if (op.path.endsWith('/break-glass')) return undefined;
    if (op.path.startsWith('/api/v1/households/{id}')) return 'household';
    if (op.path.startsWith('/api/v1/kubes/{id}')) return 'kube';
    if (op.path.startsWith('/api/v1/trainings/{id}/participants/{nik}')) return 'participant';
    if (op.path.startsWith('/api/v1/trainings/{id}')) return 'course';
    return op.scope?.[0]?.kind;
  };

  /** A body that names the home area where a route creates something there, else nothing. */
  const bodyOf = (op: Operation): object => {
    if (!op.scope?.some((s) => s.kind === 'area')) {
      // A route scoped only by the households its body lists (a payment batch) is asked about the home one.
      const listed = op.scope?.find((s) => s.kind === 'households') as { body?: string } | undefined;
      return listed?.body ? { [listed.body]: [ids.household] } : {};
    }
    return op.path === '/api/v1/households' ? { address: HOME } : { ...HOME };
  };

  it('finds the routes it checks, each with its roles', () => {
    expect(operations.length).toBeGreaterThan(40);
    const unmarked = operations.filter((op) => !op.isPublic && !op.roles).map((op) => `${op.method} ${op.path}`);
    expect(unmarked).toEqual([]);
  });

  for (const caller of CALLERS) {
    it(`answers every route as the ${caller.name} would expect`, async () => {
      const wrong: string[] = [];
      for (const op of operations.filter((o) => !o.isPublic)) {
        const response = await t.http[op.method](urlOf(op.path))
          .set({
            authorization: `Bearer ${tokens.get(caller.sub)}`,
            ...(op.csv ? { 'content-type': 'text/csv' } : {}),
          })
          .send(op.method === 'post' ? (op.csv ? 'kk,nik\r\n' : bodyOf(op)) : undefined);
        const { status } = response;
        const code = (response.body as { code?: string }).code;
        const cell = `${op.method.toUpperCase()} ${op.path}: ${status} ${code ?? ''}`;
        if (!op.roles!.includes(caller.role)) {
          if (status !== 403 || code !== 'AUTH.ROLE_NOT_ALLOWED')
            wrong.push(`${cell} (expected 403 AUTH.ROLE_NOT_ALLOWED)`);
          continue;
        }
        const kind = named(op);
        const refusedByScope =
          (status === 404 || status === 403) &&
          (Object.values(NOT_FOUND).includes(code ?? '') || code === 'ACCESS.READ_ONLY');
        if (!kind || caller.scope === 'in' || caller.scope === 'city') {
          if (refusedByScope || status === 401) wrong.push(`${cell} (expected to pass the access check)`);
          continue;
        }
        const reading = op.method === 'get';
        if (caller.scope === 'opened' && kind === 'household') {
          const expected = reading ? 'pass' : 'ACCESS.READ_ONLY';
          if (reading ? refusedByScope : code !== 'ACCESS.READ_ONLY') wrong.push(`${cell} (expected ${expected})`);
          continue;
        }
        const expectedCode = NOT_FOUND[kind];
        if (code !== expectedCode) wrong.push(`${cell} (expected ${expectedCode})`);
      }
      expect(wrong).toEqual([]);
    });
  }

  it('rebuilds every read model from zero to the rows it built live', async () => {
    await expectRebuildsMatchLive(t);
  });
});
