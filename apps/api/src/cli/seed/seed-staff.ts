import { StaffCommandHandler } from '#libs/access/index.js';
import { AREA_LIST, caseworkerOf, supervisorOf, type Seeding } from './seed-context.js';
import { at, date } from './seed-random.js';

/**
 * The office's staff and their areas: one supervisor per kecamatan (given by an admin), one
 * caseworker per kelurahan (given by that kecamatan's supervisor), from the start of the year.
 */
export async function seedStaff(s: Seeding): Promise<void> {
  const staff = s.app.get(StaffCommandHandler, { strict: false });
  const validFrom = date(1, 1);
  const supervisors = new Map<string, (typeof AREA_LIST)[number]>();
  for (const area of AREA_LIST) if (!supervisors.has(supervisorOf(area))) supervisors.set(supervisorOf(area), area);
  for (const [sv, area] of supervisors)
    await s.send(() =>
      staff.assignAreas(
        sv,
        {
          role: 'supervisor',
          areas: [{ kecamatan: area.kecamatan, kelurahan: null }],
          validFrom,
          validUntil: null,
          reason: 'Supervises the kecamatan',
        },
        s.ctx('admin-01', 'admin', at(validFrom, 7), `staff-${sv}`),
      ),
    );
  for (const area of AREA_LIST) {
    const cw = caseworkerOf(area);
    await s.send(() =>
      staff.assignAreas(
        cw,
        {
          role: 'caseworker',
          areas: [{ kecamatan: area.kecamatan, kelurahan: area.kelurahan }],
          validFrom,
          validUntil: null,
          reason: 'Pendamping of the kelurahan',
        },
        s.ctx(supervisorOf(area), 'supervisor', at(validFrom, 8), `staff-${cw}`),
      ),
    );
  }
}
