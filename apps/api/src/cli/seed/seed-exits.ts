import { caseworker, supervisor, type SeededHousehold, type Seeding } from './seed-context.js';
import { assess } from './seed-households.js';
import { at, date } from './seed-random.js';

/** Some households leave poverty: reassessed above the line, proposed, approved; a few re-enter. Answers their ids. */
export async function seedExits(s: Seeding, households: SeededHousehold[]): Promise<Set<string>> {
  const { rnd } = s;
  const exits = households.filter(() => rnd.chance(0.04));
  for (const [x, h] of exits.entries()) {
    const path = { params: { path: { id: h.id } } };
    const on = date(rnd.int(9, 11), rnd.int(1, 25));
    await assess(
      s,
      h.id,
      h.area,
      { perCapitaIncome: rnd.int(650, 1200) * 1000, assessedOn: on, at: at(on, 9) },
      `exit${x}-assess`,
    );
    const reason = rnd.pick([
      'Stable income from the Kube business',
      'Head of household found steady work',
      'Completed training, now sewing from home',
    ]);
    await s.send(caseworker(h.area), at(on, 10), `exit${x}-propose`, (api, headers) =>
      api.POST('/api/v1/households/{id}/exit/proposal', { ...path, body: { reason }, headers }),
    );
    await s.send(supervisor(h.area), at(on, 15), `exit${x}-approve`, (api, headers) =>
      api.POST('/api/v1/households/{id}/exit/approval', { ...path, body: { exitedOn: on }, headers }),
    );
    if (rnd.chance(0.1)) {
      const reopenedAt = at(date(11, 28), 9);
      await s.send(caseworker(h.area), reopenedAt, `exit${x}-reopen`, (api, headers) =>
        api.POST('/api/v1/households/{id}/reentry', {
          ...path,
          body: { reason: 'Lost the income again', reopenedOn: reopenedAt.slice(0, 10) },
          headers,
        }),
      );
    }
  }
  return new Set(exits.map((h) => h.id));
}
