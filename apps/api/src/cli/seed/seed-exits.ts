import { idFor } from '#libs/platform/command-handling/index.js';
import { caseworkerOf, supervisorOf, type SeededHousehold, type Seeding } from './seed-context.js';
import { assess } from './seed-households.js';
import { at, date } from './seed-random.js';

/** Some households leave poverty: reassessed above the line, proposed, approved; a few re-enter. */
export async function seedExits(s: Seeding, households: SeededHousehold[]): Promise<void> {
  const { rnd } = s;
  const exits = households.filter(() => rnd.chance(0.04));
  for (const [x, h] of exits.entries()) {
    const cw = caseworkerOf(h.area);
    const sv = supervisorOf(h.area);
    const on = date(rnd.int(9, 11), rnd.int(1, 25));
    await assess(
      s,
      h.id,
      cw,
      { perCapitaIncome: rnd.int(650, 1200) * 1000, assessedOn: on, at: at(on, 9) },
      `exit${x}-assess`,
    );
    const reason = rnd.pick([
      'Stable income from the Kube business',
      'Head of household found steady work',
      'Completed training, now sewing from home',
    ]);
    const propose = s.ctx(cw, 'caseworker', at(on, 10), `exit${x}-propose`);
    const proposalId = idFor(propose.idempotencyKey, cw, `exit-proposal:${h.id}`);
    await s.send(() =>
      s.households.execute(
        h.id,
        { type: 'ProposeExit', data: { proposalId, reason, actor: cw, at: propose.now } },
        propose,
        reason,
      ),
    );
    const approve = s.ctx(sv, 'supervisor', at(on, 15), `exit${x}-approve`);
    await s.send(() =>
      s.households.execute(h.id, { type: 'ApproveExit', data: { actor: sv, exitedOn: on, at: approve.now } }, approve),
    );
    if (rnd.chance(0.1)) {
      const reopen = s.ctx(cw, 'caseworker', at(date(11, 28), 9), `exit${x}-reopen`);
      const why = 'Lost the income again';
      await s.send(() =>
        s.households.execute(
          h.id,
          { type: 'ReopenCase', data: { reason: why, reopenedOn: reopen.now.slice(0, 10), at: reopen.now } },
          reopen,
          why,
        ),
      );
    }
  }
}
