import { CITY_WIDE, NO_REACH, type Reach } from '#libs/platform/auth/index.js';
import { localDay } from '#libs/platform/clock.js';
import { inForce, type StaffState } from '../domain/index.js';

/**
 * A caller's reach today, from their staff stream: auditors and admins the city, reporters no
 * household; caseworkers their caseload and the kelurahan given to them; supervisors the areas
 * given to them; both the households they opened that are still open. An area's validFrom and
 * validUntil are the office's days: "today" is `now`'s day in the deployment's time zone.
 */
export function reachOf(
  principal: { sub: string; role: string },
  staff: StaffState,
  now: Date,
  timeZone: string,
): Reach {
  if (principal.role === 'auditor' || principal.role === 'admin') return CITY_WIDE;
  if (principal.role !== 'caseworker' && principal.role !== 'supervisor') return NO_REACH;
  const time = now.toISOString();
  const day = localDay(time, timeZone);
  const areas = Object.values(staff.assignments).filter((a) => a.role === principal.role && inForce(a, day));
  return {
    cityWide: false,
    caseworkerId: principal.role === 'caseworker' ? principal.sub : null,
    areas: areas.map(({ kecamatan, kelurahan }) => ({ kecamatan, kelurahan })),
    opened: [...new Set(staff.openings.filter((o) => o.until > time).map((o) => o.householdId))],
  };
}
