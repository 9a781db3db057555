import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { sewingCourse, startTestApp, type TestApp } from '../support/test-app.js';

/** Households, Kube groups, courses and staff areas hold to the same list of the city's areas. */
describe('one reference list of areas for everything that names one', () => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await startTestApp();
    admin = `Bearer ${await t.token('admin', 'admin-01')}`;
  });
  afterAll(async () => t?.close());

  const kube = (area: object) => ({
    name: 'Kube Mawar',
    businessType: 'catering',
    householdIds: Array.from({ length: 5 }, (_, i) => `00000000-0000-4000-8000-00000000000${i}`),
    formedOn: '2026-01-10',
    ...area,
  });
  const course = (area: { kecamatan: string; kelurahan: string }) => sewingCourse(area);
  const refused = async (path: string, body: object, role = 'supervisor') => {
    const response = await t.http
      .post(path)
      .set({ authorization: `Bearer ${await t.token(role as 'supervisor')}` })
      .send(body)
      .expect(400);
    return response.body.errors.map((e: { field: string; rule: string }) => `${e.field}:${e.rule}`);
  };

  it('refuses a Kube group in a kelurahan of another kecamatan', async () => {
    expect(await refused('/api/v1/kubes', kube({ kecamatan: 'Pondok Gede', kelurahan: 'Bintara' }))).toContain(
      'kelurahan:isKelurahanOfKecamatan',
    );
  });

  it('refuses a Kube group in a kelurahan the city does not have', async () => {
    expect(await refused('/api/v1/kubes', kube({ kecamatan: 'Bekasi Barat', kelurahan: 'Atlantis' }))).toContain(
      'kelurahan:isKelurahanOfKecamatan',
    );
  });

  it('refuses a course in a kelurahan of another kecamatan', async () => {
    expect(await refused('/api/v1/trainings', course({ kecamatan: 'Pondok Gede', kelurahan: 'Bintara' }))).toContain(
      'kelurahan:isKelurahanOfKecamatan',
    );
  });

  it('refuses a staff area the city does not have', async () => {
    const response = await t.http
      .post('/api/v1/staff/cw-01/areas')
      .set({ authorization: admin })
      .send({
        role: 'caseworker',
        areas: [{ kecamatan: 'Bekasi Barat', kelurahan: 'Atlantis' }],
        validFrom: '2026-01-01',
        reason: 'x y z',
      })
      .expect(400);
    expect(response.body.errors.map((e: { rule: string }) => e.rule)).toContain('isKelurahanOfKecamatan');
  });
});
