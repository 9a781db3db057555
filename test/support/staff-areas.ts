import type { INestApplicationContext } from '@nestjs/common';
import { AccessScope, StaffCommandHandler, wholeCityAreas } from '#libs/access/index.js';
import type { Role } from '#libs/platform/auth/index.js';

/**
 * Gives a caseworker or supervisor the whole city through the real command (as an admin would),
 * so that tests about something else than access reach every household they make.
 */
export async function giveWholeCity(app: INestApplicationContext, role: Role, sub: string, now: string): Promise<void> {
  if (role !== 'caseworker' && role !== 'supervisor') return;
  const staff = app.get(StaffCommandHandler, { strict: false });
  // A seeded city gave some areas already: only the others.
  const { areas: held } = await app.get(AccessScope, { strict: false }).reachOf({ sub, role });
  const areas = wholeCityAreas(role).filter(
    (a) => !held.some((h) => h.kecamatan === a.kecamatan && h.kelurahan === a.kelurahan),
  );
  if (areas.length === 0) return;
  const id = `test-areas-${sub}`;
  await staff.assignAreas(
    sub,
    { role, areas, validFrom: '2000-01-01', validUntil: null, reason: 'Tests reach the whole city' },
    {
      principal: { sub: 'admin-tests', role: 'admin' },
      correlationId: id,
      causationId: id,
      now,
      today: now.slice(0, 10),
    },
  );
}

/** The same, over HTTP, for a service running in another process (an admin token of the same secret). */
export async function giveWholeCityOver(
  baseUrl: string,
  adminToken: string,
  role: 'caseworker' | 'supervisor',
  sub: string,
): Promise<void> {
  const response = await fetch(`${baseUrl}/api/v1/staff/${sub}/areas`, {
    method: 'POST',
    headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      role,
      areas: wholeCityAreas(role).map(({ kecamatan, kelurahan }) =>
        kelurahan ? { kecamatan, kelurahan } : { kecamatan },
      ),
      validFrom: '2000-01-01',
      reason: 'Tests reach the whole city',
    }),
  });
  if (response.ok) return;
  const text = await response.text();
  // Given before (a restarted service keeps its events): nothing more to do.
  if (response.status === 422 && text.includes('ACCESS.AREA_ALREADY_ASSIGNED')) return;
  throw new Error(`giving ${sub} the city: ${response.status} ${text}`);
}
