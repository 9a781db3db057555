import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { ImportJobs, importedHouseholdId } from '#libs/intake/index.js';
import { KEYRING, type Keyring } from '#libs/platform/crypto-shredding/index.js';
import { syntheticExtract } from '../../bench/synthetic-extract.js';
import { parseCsv } from '../support/csv.js';
import { testDatabaseUrl } from '../support/postgres.js';
import { eventually } from '../support/eventually.js';
import { household, startTestApp, uniqueNumber, type TestApp } from '../support/test-app.js';

const auth = (token: string) => ({ authorization: `Bearer ${token}` });
const HEADER = 'kk,nik,name,birth_date,sex,relationship,kecamatan,kelurahan,welfare_decile';

/**
 * The import job over HTTP (ADR 0015): a supervisor of Bekasi Utara uploads an extract as
 * text/csv; households outside her kecamatan and bad rows are refused row by row, the rest
 * registered; the status holds counts only and the report names KK, NIK and name to those who
 * may register, not to auditors; the uploaded file is gone when the job ends.
 */
describe('import jobs over HTTP', () => {
  let t: TestApp;
  let supervisor: string;
  const utara = { kk: uniqueNumber(), nik: uniqueNumber(), spouse: uniqueNumber() };
  const kranji = { kk: uniqueNumber(), nik: uniqueNumber() };
  const bad = { kk: uniqueNumber(), nik: uniqueNumber() };
  const known = { kk: uniqueNumber(), nik: uniqueNumber() };
  let knownId: string;
  const file = [
    HEADER,
    `${utara.kk},${utara.nik},Siti Aminah,1985-01-05,P,head,Bekasi Utara,Harapan Jaya,2`,
    `${utara.kk},${utara.spouse},Budi Santoso,1982-07-19,L,spouse,Bekasi Utara,Harapan Jaya,2`,
    `${kranji.kk},${kranji.nik},Dewi Lestari,1990-03-01,P,head,Bekasi Barat,Kranji,1`,
    `${bad.kk},${bad.nik},Agus Wijaya,1979-13-01,L,head,Bekasi Utara,Harapan Jaya,3`,
    `${known.kk},${known.nik},Ratna Sari,1970-06-15,P,head,Bekasi Utara,Harapan Jaya,1`,
  ].join('\r\n');
  let jobId: string;

  beforeAll(async () => {
    t = await startTestApp();
    const admin = await t.token('admin', 'admin-01');
    supervisor = await t.token('supervisor', 'sv-utara', { reach: 'own' });
    await t.http
      .post('/api/v1/staff/sv-utara/areas')
      .set(auth(admin))
      .send({
        role: 'supervisor',
        areas: [{ kecamatan: 'Bekasi Utara' }],
        validFrom: '2020-01-01',
        reason: 'Kecamatan supervisor',
      })
      .expect(200);
    knownId = (
      await t.http
        .post('/api/v1/households')
        .set(auth(admin))
        .send(household({ kk: known.kk, address: { kecamatan: 'Bekasi Utara', kelurahan: 'Harapan Jaya' } }))
        .expect(201)
    ).body.id;
    const started = await t.http
      .post('/api/v1/imports')
      .set({ ...auth(supervisor), 'content-type': 'text/csv' })
      .send(file)
      .expect(202);
    jobId = started.body.id;
    await eventually(
      async () =>
        (await t.http.get(`/api/v1/imports/${jobId}`).set(auth(supervisor)).expect(200)).body.status === 'finished',
      'the job to finish',
    );
  });
  afterAll(async () => t?.close());

  it('registers the household in her area and refuses the others row by row', async () => {
    const { body } = await t.http.get(`/api/v1/imports/${jobId}`).set(auth(supervisor)).expect(200);
    expect(body).toMatchObject({
      status: 'finished',
      rows: 5,
      households: 4,
      householdsDone: 4,
      rowCounts: { registered: 2, alreadyKnown: 1, refused: 2 },
      householdCounts: { registered: 1, alreadyKnown: 1, refused: 2 },
    });
    expect(JSON.stringify(body)).not.toContain(utara.nik);
  });

  it('names the refused rows with column and rule, and KK, NIK and name for the uploader', async () => {
    const { body } = await t.http.get(`/api/v1/imports/${jobId}/report`).set(auth(supervisor)).expect(200);
    expect(body.items).toEqual([
      expect.objectContaining({ line: 4, nik: kranji.nik, column: 'kelurahan', rule: 'ACCESS.OUTSIDE_AREA' }),
      expect.objectContaining({ line: 5, nik: bad.nik, column: 'birth_date', rule: 'isCalendarDate' }),
      expect.objectContaining({
        line: 6,
        outcome: 'already_known',
        kk: known.kk,
        column: 'kk',
        rule: 'HOUSEHOLD.KK_ALREADY_REGISTERED',
        householdId: knownId,
      }),
    ]);
    const csv = await t.http
      .get(`/api/v1/imports/${jobId}/report`)
      .set({ ...auth(supervisor), accept: 'text/csv' })
      .expect(200);
    expect(parseCsv(csv.text).map((r) => r.kk)).toEqual([kranji.kk, bad.kk, known.kk]);
    // The household already known had its KK shown: that reading is in its access log.
    const auditor = await t.token('auditor', 'au-01');
    await eventually(async () => {
      const log = await t.http.get(`/api/v1/audit/households/${knownId}/access`).set(auth(auditor)).expect(200);
      return log.body.items.some((e: { actor: string }) => e.actor === 'sv-utara');
    }, 'the access log to name the supervisor');
  });

  it('gives an auditor the report without KK, NIK or name, and hides the job from other supervisors', async () => {
    const auditor = await t.token('auditor', 'au-01');
    const { body } = await t.http.get(`/api/v1/imports/${jobId}/report`).set(auth(auditor)).expect(200);
    expect(body.items).toHaveLength(3);
    expect(JSON.stringify(body)).not.toMatch(/\b\d{16}\b|Dewi|Agus/);
    const other = await t.token('supervisor', 'sv-other');
    const hidden = await t.http.get(`/api/v1/imports/${jobId}`).set(auth(other)).expect(404);
    expect(hidden.body.code).toBe('IMPORT.NOT_FOUND');
    await t.http
      .get(`/api/v1/imports/${jobId}`)
      .set(auth(await t.token('reporter', 'rp-01')))
      .expect(403);
  });

  it('keeps the decile on the registration: the household and the caseloads show it and filter by it', async () => {
    const { body: job } = await t.http.get(`/api/v1/imports/${jobId}`).set(auth(supervisor)).expect(200);
    const id = importedHouseholdId(job.sha256, 2);
    await t.runner.settle(30_000);
    const { body: shown } = await t.http.get(`/api/v1/households/${id}`).set(auth(supervisor)).expect(200);
    expect(shown.dtks).toEqual({ welfareDecile: 2, extractedOn: null });
    const ids = async (path: string, query: Record<string, unknown>) =>
      (await t.http.get(path).query(query).set(auth(supervisor)).expect(200)).body.items.map(
        (h: { id?: string; householdId?: string }) => h.id ?? h.householdId,
      );
    const area = { kecamatan: 'Bekasi Utara', kelurahan: 'Harapan Jaya' };
    expect(await ids('/api/v1/households', { ...area, maxWelfareDecile: 2 })).toContain(id);
    expect(await ids('/api/v1/households', { ...area, maxWelfareDecile: 1 })).not.toContain(id);
    expect(await ids('/api/v1/caseloads', { kelurahan: 'Harapan Jaya', maxWelfareDecile: 2 })).toContain(id);
    expect(await ids('/api/v1/caseloads', { kelurahan: 'Harapan Jaya', maxWelfareDecile: 1 })).not.toContain(id);
    const { body: caseload } = await t.http
      .get('/api/v1/caseloads')
      .query({ kelurahan: 'Harapan Jaya' })
      .set(auth(supervisor))
      .expect(200);
    expect(caseload.items.find((c: { householdId: string }) => c.householdId === id)).toMatchObject({
      welfareDecile: 2,
    });
  });

  it('takes the decile on the register route too, 1 to 10', async () => {
    const admin = await t.token('admin', 'admin-01');
    const typed = await t.http
      .post('/api/v1/households')
      .set(auth(admin))
      .send(household({ dtks: { welfareDecile: 4, extractedOn: '2026-01-31' } }))
      .expect(201);
    const { body } = await t.http
      .get(`/api/v1/households/${typed.body.id}`)
      .query({ minPosition: typed.body.position })
      .set(auth(admin))
      .expect(200);
    expect(body.dtks).toEqual({ welfareDecile: 4, extractedOn: '2026-01-31' });
    const bad = await t.http
      .post('/api/v1/households')
      .set(auth(admin))
      .send(household({ dtks: { welfareDecile: 11 } }))
      .expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toContain('dtks.welfareDecile');
  });

  it('answers the same job for the same file, registering nothing again', async () => {
    const again = await t.http
      .post('/api/v1/imports')
      .set({ ...auth(supervisor), 'content-type': 'text/csv' })
      .send(file)
      .expect(202);
    expect(again.body).toMatchObject({ id: jobId, status: 'finished' });
  });

  it('keeps no uploaded file once the job ended, and its records 0600', () => {
    const dir = join(t.dataDir, 'imports');
    const names = readdirSync(dir);
    expect(names.filter((n) => n.endsWith('.csv'))).toEqual([]);
    for (const name of names) expect(statSync(join(dir, name)).mode & 0o777).toBe(0o600);
  });

  it('refuses a caseworker, another media type and a header without the required columns', async () => {
    const caseworker = await t.token('caseworker', 'cw-01');
    await t.http
      .post('/api/v1/imports')
      .set({ ...auth(caseworker), 'content-type': 'text/csv' })
      .send(file)
      .expect(403);
    const json = await t.http.post('/api/v1/imports').set(auth(supervisor)).send({ file }).expect(415);
    expect(json.body.code).toBe('REQUEST.UNSUPPORTED_MEDIA_TYPE');
    // The extract's media type is for its route only: elsewhere it is refused before the body is read.
    const elsewhere = await t.http
      .post('/api/v1/households')
      .set({ ...auth(supervisor), 'content-type': 'text/csv' })
      .send(file)
      .expect(415);
    expect(elsewhere.body.code).toBe('REQUEST.UNSUPPORTED_MEDIA_TYPE');
    const header = await t.http
      .post('/api/v1/imports')
      .set({ ...auth(supervisor), 'content-type': 'text/csv' })
      .send('kk,nik,name\r\n1,2,3\r\n')
      .expect(400);
    expect(header.body.code).toBe('IMPORT.HEADER_INVALID');
    expect(header.body.errors.map((e: { field: string }) => e.field)).toContain('welfare_decile');
  });
});

/**
 * A service stopped while its job runs (here: closed, which stops after the window in hand)
 * leaves the upload and the progress; the next start resumes the job where it stood.
 */
describe('an import job across a restart', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t?.close());

  it('is resumed by the next process and registers each household once', async () => {
    const extract = syntheticExtract(1_000, { seed: 23, badShare: 0.05, prefix: '23' });
    const first = await t.sibling();
    const admin = await first.token('admin', 'admin-01');
    const started = await first.http
      .post('/api/v1/imports')
      .set({ ...auth(admin), 'content-type': 'text/csv' })
      .send(extract.csv)
      .expect(202);
    await first.close();
    const stopped = await t.http.get(`/api/v1/imports/${started.body.id}`).set(auth(admin)).expect(200);
    expect(stopped.body.status).toBe('running');
    expect(stopped.body.householdsDone).toBeLessThan(stopped.body.households);

    await t.app.get(ImportJobs).resumeUnfinished();
    await t.app.get(ImportJobs).settle();
    const { body } = await t.http.get(`/api/v1/imports/${started.body.id}`).set(auth(admin)).expect(200);
    const goodRows = [...extract.good.values()].reduce((a, b) => a + b, 0);
    expect(body).toMatchObject({
      status: 'finished',
      rowCounts: { registered: goodRows, alreadyKnown: 0, refused: extract.badLines.length },
    });
    const kks = (await t.store.readAll())
      .filter((e) => e.type === 'HouseholdRegistered')
      .map((e) => (e.data as { kk: string }).kk);
    expect(kks.length).toBe(extract.good.size);
    expect(new Set(kks).size).toBe(kks.length);
  }, 120_000);
});

/**
 * The row report at rest (ADR 0015): the job's record and progress, in the data directory or in
 * PostgreSQL's import_jobs, hold no KK, NIK or name in clear; an already known row's are sealed
 * under the key of the household holding the number, so its erasure blanks them; the refused
 * rows' under the job's key, erased IMPORT_REPORT_RETENTION_DAYS (30) after the job ended.
 */
describe("an import job's report at rest: sealed, erased with the household, expired", () => {
  let t: TestApp;
  let admin: string;
  const known = { kk: uniqueNumber(), nik: uniqueNumber() };
  const refused = { kk: uniqueNumber(), nik: uniqueNumber() };
  const good = { kk: uniqueNumber(), nik: uniqueNumber() };
  let knownId: string;
  let jobId: string;
  const report = async () =>
    (await t.http.get(`/api/v1/imports/${jobId}/report`).set(auth(admin)).expect(200)).body.items as Array<{
      line: number;
      kk?: string;
      nik?: string;
      name?: string;
      rule: string;
    }>;
  /** Everything kept of the job, as stored. */
  const stored = async (): Promise<string> => {
    if (!t.postgresSchema)
      return ['job.json', 'json']
        .map((end) => readFileSync(join(t.dataDir, 'imports', `${jobId}.${end}`), 'utf8'))
        .join();
    const client = new pg.Client({ connectionString: testDatabaseUrl() });
    await client.connect();
    try {
      const { rows } = await client.query(
        `SELECT job::text AS job, progress::text AS progress FROM "${t.postgresSchema}".import_jobs WHERE id = $1`,
        [jobId],
      );
      return `${rows[0].job}${rows[0].progress}`;
    } finally {
      await client.end();
    }
  };

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.token('admin', 'admin-01');
    knownId = (
      await t.http
        .post('/api/v1/households')
        .set(auth(admin))
        .send(household({ kk: known.kk, address: { kecamatan: 'Bekasi Utara', kelurahan: 'Harapan Jaya' } }))
        .expect(201)
    ).body.id;
    const file = [
      HEADER,
      `${good.kk},${good.nik},Wati Rahayu,1980-02-02,P,head,Bekasi Utara,Harapan Jaya,1`,
      `${refused.kk},${refused.nik},Joko Kurniawan,1979-13-01,L,head,Bekasi Utara,Harapan Jaya,3`,
      `${known.kk},${known.nik},Nur Hidayat,1970-06-15,P,head,Bekasi Utara,Harapan Jaya,1`,
    ].join('\r\n');
    jobId = (
      await t.http
        .post('/api/v1/imports')
        .set({ ...auth(admin), 'content-type': 'text/csv' })
        .send(file)
        .expect(202)
    ).body.id;
    await t.app.get(ImportJobs).settle();
  });
  afterAll(async () => t?.close());

  it('keeps no KK, NIK or name in clear, and shows them to the uploader', async () => {
    const atRest = await stored();
    for (const value of [known.kk, known.nik, refused.kk, refused.nik, 'Joko', 'Nur Hidayat'])
      expect(atRest).not.toContain(value);
    // A KK or NIK is a value of its own; sixteen digits inside the file's sha256 or a ciphertext are not one.
    expect(atRest).not.toMatch(/\b\d{16}\b/);
    expect(await report()).toEqual([
      expect.objectContaining({ line: 3, kk: refused.kk, nik: refused.nik, name: 'Joko Kurniawan' }),
      expect.objectContaining({ line: 4, kk: known.kk, nik: known.nik, rule: 'HOUSEHOLD.KK_ALREADY_REGISTERED' }),
    ]);
  });

  it('blanks an already known row once the household holding its number is erased', async () => {
    const second = await t.token('admin', 'admin-02');
    const erasure = { legalBasis: 'data_subject_request', reason: 'Written request of the family' };
    await t.http.post(`/api/v1/households/${knownId}/erasure`).set(auth(admin)).send(erasure).expect(200);
    await t.http.post(`/api/v1/households/${knownId}/erasure/approval`).set(auth(second)).send({}).expect(200);
    await eventually(async () => (await report())[1]!.kk === undefined, "the erased household's row to be blanked");
    const [refusedRow, knownRow] = await report();
    expect(refusedRow).toMatchObject({ kk: refused.kk, nik: refused.nik });
    expect(knownRow).toMatchObject({ line: 4, rule: 'HOUSEHOLD.KK_ALREADY_REGISTERED' });
    expect(knownRow).not.toHaveProperty('kk');
    expect(JSON.stringify(knownRow)).not.toContain(known.nik);
  });

  it('forgets every KK, NIK and name once the retention has passed, keeping line, column and rule', async () => {
    const jobs = t.app.get(ImportJobs);
    const keyring = t.app.get<Keyring>(KEYRING);
    expect(await keyring.keyForReading(`import-job-${jobId}`)).not.toBeNull();
    t.clock.advance(29 * 86_400_000);
    expect(await jobs.expireReports()).toEqual([]);
    t.clock.advance(2 * 86_400_000);
    expect(await jobs.expireReports()).toEqual([jobId]);
    expect(await keyring.keyForReading(`import-job-${jobId}`)).toBeNull();
    const rows = await report();
    expect(rows.map((r) => [r.line, r.rule])).toEqual([
      [3, 'isCalendarDate'],
      [4, 'HOUSEHOLD.KK_ALREADY_REGISTERED'],
    ]);
    expect(JSON.stringify(rows)).not.toMatch(/\b\d{16}\b|Joko|Nur/);
    expect(await stored()).not.toContain('sealedRows');
    const { body } = await t.http.get(`/api/v1/imports/${jobId}`).set(auth(admin)).expect(200);
    expect(body).toMatchObject({ status: 'finished', rowCounts: { registered: 1, alreadyKnown: 1, refused: 1 } });
  });
});
