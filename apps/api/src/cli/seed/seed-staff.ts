import { AREA_LIST, caseworker, supervisor, type Seeding } from './seed-context.js';
import { at, date } from './seed-random.js';

/**
 * The office's staff and their areas: one supervisor per kecamatan (given by an admin), one
 * caseworker per kelurahan (given by that kecamatan's supervisor), from the start of the year.
 */
export async function seedStaff(s: Seeding): Promise<void> {
  const validFrom = date(1, 1);
  const admin = { sub: 'admin-01', role: 'admin' as const };
  const supervisors = new Map<string, (typeof AREA_LIST)[number]>();
  for (const area of AREA_LIST) if (!supervisors.has(supervisor(area).sub)) supervisors.set(supervisor(area).sub, area);
  for (const [sv, area] of supervisors)
    await s.send(admin, at(validFrom, 7), `staff-${sv}`, (api, headers) =>
      api.POST('/api/v1/staff/{staffId}/areas', {
        params: { path: { staffId: sv } },
        body: {
          role: 'supervisor',
          areas: [{ kecamatan: area.kecamatan }],
          validFrom,
          reason: 'Supervises the kecamatan',
        },
        headers,
      }),
    );
  for (const area of AREA_LIST) {
    const cw = caseworker(area).sub;
    await s.send(supervisor(area), at(validFrom, 8), `staff-${cw}`, (api, headers) =>
      api.POST('/api/v1/staff/{staffId}/areas', {
        params: { path: { staffId: cw } },
        body: {
          role: 'caseworker',
          areas: [{ kecamatan: area.kecamatan, kelurahan: area.kelurahan }],
          validFrom,
          reason: 'Pendamping of the kelurahan',
        },
        headers,
      }),
    );
  }
}
