import { AREA_LIST, caseworkerOf, supervisorOf, type SeededHousehold, type Seeding } from './seed-context.js';
import { KUBE_BUSINESS, at, date } from './seed-random.js';

/** 35 Kube groups of 5 to 9 households of one kecamatan, each household in one group; a grant and reports. */
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
    const kube = await s.send(() =>
      s.kubes.form(
        { name, businessType, kecamatan, kelurahan, householdIds, formedOn },
        s.ctx(caseworkerOf(area), 'caseworker', at(formedOn), `kube${g}`),
      ),
    );
    if (!kube) continue;
    const grant = {
      amount: rnd.int(10, 25) * 1_000_000,
      source: rnd.chance(0.7) ? 'APBD' : 'APBD-P',
      reference: `SP2D-${g}`,
      disbursedOn: date(6, 10),
    };
    await s.send(() =>
      s.kubes.grant(kube.id, grant, s.ctx(supervisorOf(area), 'supervisor', at(date(6, 10)), `kube${g}-grant`)),
    );
    for (let m = 7; m <= 10; m++) {
      const period = `2026-${String(m).padStart(2, '0')}`;
      const revenue = rnd.int(2, 9) * 500_000;
      const activeMembers = Math.max(1, householdIds.length - rnd.int(0, 2));
      const context = s.ctx(caseworkerOf(area), 'caseworker', at(date(m, 28)), `kube${g}-report${m}`);
      await s.send(() =>
        s.kubes.execute(
          kube.id,
          { type: 'ReportKubeBusiness', data: { period, revenue, activeMembers, at: context.now } },
          context,
        ),
      );
    }
  }
}
