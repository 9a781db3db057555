import { AREA_LIST, caseworker, supervisor, type SeededHousehold, type Seeding } from './seed-context.js';
import { KUBE_BUSINESS, at, date } from './seed-random.js';

/**
 * 35 Kube groups of 5 to 9 households of one kecamatan, each household in one group; a grant and
 * reports. The kecamatan's supervisor forms them (members live in several kelurahan, beyond one
 * caseworker's reach); the caseworker of the group's kelurahan reports.
 */
export async function seedKubes(s: Seeding, households: SeededHousehold[]): Promise<void> {
  const { rnd } = s;
  const inKube = new Set<string>();
  for (let g = 0; g < 35; g++) {
    const area = AREA_LIST[(g * 13) % AREA_LIST.length]!;
    const pool = households.filter((h) => h.area.kecamatan === area.kecamatan && !inKube.has(h.id));
    const householdIds = pool.slice(0, Math.min(pool.length, rnd.int(5, 9))).map((h) => h.id);
    householdIds.forEach((m) => inKube.add(m));
    const formedOn = date(rnd.int(3, 5), rnd.int(1, 28));
    const name = `Kube ${rnd.pick(['Mawar', 'Melati', 'Sejahtera', 'Mandiri', 'Berkah', 'Harapan'])} ${g + 1}`;
    const businessType = rnd.pick(KUBE_BUSINESS);
    const { kecamatan, kelurahan } = area;
    // A kecamatan whose households are all in groups already (a small city): no group to form.
    if (householdIds.length === 0) continue;
    const kube = await s.send(supervisor(area), at(formedOn), `kube${g}`, (api, headers) =>
      api.POST('/api/v1/kubes', {
        body: { name, businessType, kecamatan, kelurahan, householdIds, formedOn },
        headers,
      }),
    );
    if (!kube) continue;
    const path = { params: { path: { id: kube.id } } };
    const grant = {
      amount: rnd.int(10, 25) * 1_000_000,
      source: rnd.chance(0.7) ? 'APBD' : 'APBD-P',
      reference: `SP2D-${g}`,
      disbursedOn: date(6, 10),
    };
    await s.send(supervisor(area), at(date(6, 10)), `kube${g}-grant`, (api, headers) =>
      api.POST('/api/v1/kubes/{id}/grants', { ...path, body: grant, headers }),
    );
    for (let m = 7; m <= 10; m++) {
      const period = `2026-${String(m).padStart(2, '0')}`;
      const revenue = rnd.int(2, 9) * 500_000;
      const activeMembers = Math.max(1, householdIds.length - rnd.int(0, 2));
      await s.send(caseworker(area), at(date(m, 28)), `kube${g}-report${m}`, (api, headers) =>
        api.POST('/api/v1/kubes/{id}/reports', { ...path, body: { period, revenue, activeMembers }, headers }),
      );
    }
  }
}
