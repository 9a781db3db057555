import { caseworker, supervisor, type SeededHousehold, type Seeding } from './seed-context.js';
import { at, date, plusDays } from './seed-random.js';

/** What a pendamping refers a family to, and why; `member` names the head's NIK (a person's referral). */
const REFERRALS = [
  { service: 'puskesmas', reason: 'health_check', member: true },
  { service: 'school', reason: 'school_enrolment', member: false },
  { service: 'dukcapil', reason: 'civil_registration', member: true },
  { service: 'bpjs_kesehatan', reason: 'health_insurance', member: false },
  { service: 'dinas_tenaga_kerja', reason: 'employment', member: true },
] as const;

/**
 * Referrals to other services (ADR 0014), about one household in a hundred: a third accepted by
 * the service (recorded by the supervisor) and done, a third rejected with a coded reason, a third
 * still pending.
 */
export async function seedReferrals(s: Seeding, households: SeededHousehold[]): Promise<void> {
  const { rnd } = s;
  const count = Math.max(6, Math.round(households.length / 100));
  for (let i = 0; i < count; i++) {
    const h = rnd.pick(households);
    const key = `referral${i}`;
    const { service, reason, member } = REFERRALS[i % REFERRALS.length]!;
    const pending = i % 3 === 2;
    const referredOn = pending ? date(11, rnd.int(10, 25)) : date(rnd.int(7, 10), rnd.int(1, 18));
    const made = await s.send(caseworker(h.area), at(referredOn, 10), key, (api, headers) =>
      api.POST('/api/v1/households/{id}/referrals', {
        params: { path: { id: h.id } },
        body: { service, reason, referredOn, ...(member ? { nik: h.members[0]!.nik } : {}) },
        headers,
      }),
    );
    if (!made || pending) continue;
    const path = { params: { path: { id: h.id, referralId: made.id } } };
    const answeredOn = plusDays(referredOn, rnd.int(1, 5));
    if (i % 3 === 1) {
      await s.send(supervisor(h.area), at(answeredOn, 11), `${key}-reject`, (api, headers) =>
        api.POST('/api/v1/households/{id}/referrals/{referralId}/rejection', {
          ...path,
          body: {
            rejection: rnd.pick(['incomplete_documents', 'not_eligible', 'wrong_service'] as const),
            rejectedOn: answeredOn,
          },
          headers,
        }),
      );
      continue;
    }
    await s.send(supervisor(h.area), at(answeredOn, 11), `${key}-accept`, (api, headers) =>
      api.POST('/api/v1/households/{id}/referrals/{referralId}/acceptance', {
        ...path,
        body: { acceptedOn: answeredOn },
        headers,
      }),
    );
    const doneOn = plusDays(answeredOn, rnd.int(2, 10));
    await s.send(caseworker(h.area), at(doneOn, 13), `${key}-done`, (api, headers) =>
      api.POST('/api/v1/households/{id}/referrals/{referralId}/completion', {
        ...path,
        body: { doneOn, note: 'Service given; the family confirmed it' },
        headers,
      }),
    );
  }
}

const FLAGS = [
  { flag: 'child_out_of_school', risk: 'high', reason: 'The eldest child stopped attending in October' },
  { flag: 'family_at_risk_of_reentry', risk: 'medium', reason: 'Income fell after the harvest season' },
  { flag: 'health_check_missed', risk: 'low', reason: 'Two posyandu visits missed' },
  { flag: 'unreachable_family', risk: 'medium', reason: 'Not at home on three visits' },
] as const;

/**
 * Casework (ADR 0018) on a few households: home visits and P2K2 follow-ups, done, missed, overdue
 * or still to come; risk flags, a third of them cleared again.
 */
export async function seedCasework(s: Seeding, households: SeededHousehold[]): Promise<void> {
  const { rnd } = s;
  const visits = Math.max(8, Math.round(households.length / 60));
  for (let i = 0; i < visits; i++) {
    const h = rnd.pick(households);
    const key = `visit${i}`;
    const fate = i % 4; // done, missed, overdue, to come
    const dueOn = fate === 3 ? date(12, rnd.int(5, 20)) : date(11, rnd.int(fate === 2 ? 10 : 2, 20));
    const scheduledOn = date(10, rnd.int(1, 25));
    const scheduled = await s.send(caseworker(h.area), at(scheduledOn, 9), key, (api, headers) =>
      api.POST('/api/v1/households/{id}/visits', {
        params: { path: { id: h.id } },
        body: {
          kind: rnd.chance(0.7) ? 'home_visit' : 'p2k2_follow_up',
          dueOn,
          purpose: rnd.pick(['Check school attendance', 'Follow up the P2K2 module', 'Verify the new address']),
        },
        headers,
      }),
    );
    const visitId = scheduled?.visitId;
    if (!visitId || fate > 1) continue;
    const path = { params: { path: { id: h.id, visitId } } };
    await s.send(caseworker(h.area), at(dueOn, 10), `${key}-${fate ? 'missed' : 'done'}`, (api, headers) =>
      fate
        ? api.POST('/api/v1/households/{id}/visits/{visitId}/missed', {
            ...path,
            body: { missedOn: dueOn, reason: 'Nobody at home' },
            headers,
          })
        : api.POST('/api/v1/households/{id}/visits/{visitId}/done', {
            ...path,
            body: { doneOn: dueOn, note: 'Children at school; the family attends P2K2' },
            headers,
          }),
    );
  }
  const flags = Math.max(5, Math.round(households.length / 100));
  for (let i = 0; i < flags; i++) {
    const h = rnd.pick(households);
    const { flag, risk, reason } = FLAGS[i % FLAGS.length]!;
    const setOn = date(rnd.int(9, 10), rnd.int(1, 25));
    const set = await s.send(caseworker(h.area), at(setOn, 11), `flag${i}`, (api, headers) =>
      api.POST('/api/v1/households/{id}/flags', {
        params: { path: { id: h.id } },
        body: { flag, risk, reason },
        headers,
      }),
    );
    if (!set || i % 3 !== 0) continue;
    await s.send(caseworker(h.area), at(date(11, rnd.int(1, 25)), 11), `flag${i}-clear`, (api, headers) =>
      api.POST('/api/v1/households/{id}/flags/clearance', {
        params: { path: { id: h.id } },
        body: { flag, reason: 'Checked on a visit: resolved' },
        headers,
      }),
    );
  }
}
