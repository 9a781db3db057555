import type { Member } from '#libs/households/index.js';
import { AREA_LIST, caseworker, supervisor, type Area, type SeededHousehold, type Seeding } from './seed-context.js';
import { FAMILY, FEMALE, MALE, at, date } from './seed-random.js';
import { BATCH_KECAMATAN } from './seed-payments.js';

/** A family of two to six, sometimes with a grandparent: heads, spouses (some pregnant), children at school. */
function familyOf(s: Seeding, area: Area, i: number): Member[] {
  const { rnd } = s;
  const family = rnd.pick(FAMILY);
  const nik = (n: number) => `3275${String(area.k + 1).padStart(2, '0')}${String(i).padStart(8, '0')}${n}0`;
  const size = rnd.int(2, 6);
  const headFemale = rnd.chance(0.35);
  const person = (
    m: Partial<Member> & Pick<Member, 'nik' | 'name' | 'birthDate' | 'sex' | 'relationship'>,
  ): Member => ({
    pregnant: false,
    severeDisability: false,
    schoolLevel: 'none',
    ...m,
  });
  const members: Member[] = [
    person({
      nik: nik(0),
      name: `${rnd.pick(headFemale ? FEMALE : MALE)} ${family}`,
      birthDate: `19${rnd.int(55, 95)}-0${rnd.int(1, 9)}-01`,
      sex: headFemale ? 'female' : 'male',
      relationship: 'head',
      severeDisability: rnd.chance(0.04),
    }),
  ];
  if (size > 1 && !headFemale)
    members.push(
      person({
        nik: nik(1),
        name: `${rnd.pick(FEMALE)} ${family}`,
        birthDate: `19${rnd.int(60, 99)}-0${rnd.int(1, 9)}-1${rnd.int(0, 9)}`,
        sex: 'female',
        relationship: 'spouse',
        pregnant: rnd.chance(0.12),
      }),
    );
  for (let c = members.length; c < size; c++) {
    const year = rnd.int(2005, 2025);
    const age = 2026 - year;
    const schoolLevel =
      age <= 6
        ? 'early_childhood'
        : age <= 12
          ? 'primary'
          : age <= 15
            ? 'junior_high'
            : age <= 18
              ? 'senior_high'
              : 'none';
    members.push(
      person({
        nik: nik(c),
        name: `${rnd.chance(0.5) ? rnd.pick(FEMALE) : rnd.pick(MALE)} ${family}`,
        birthDate: `${year}-0${rnd.int(1, 9)}-1${rnd.int(0, 9)}`,
        sex: rnd.chance(0.5) ? 'female' : 'male',
        relationship: 'child',
        severeDisability: rnd.chance(0.02),
        schoolLevel,
      }),
    );
  }
  if (rnd.chance(0.15))
    members.push(
      person({
        nik: nik(9),
        name: `${rnd.pick(FEMALE)} ${family}`,
        birthDate: `19${rnd.int(30, 55)}-0${rnd.int(1, 9)}-0${rnd.int(1, 9)}`,
        sex: 'female',
        relationship: 'parent',
      }),
    );
  return members;
}

/** Registered, assessed, assigned, a few case notes; three in four poor families in PKH over 2026's stages. */
export async function seedHouseholds(s: Seeding): Promise<SeededHousehold[]> {
  const { rnd } = s;
  const seeded: SeededHousehold[] = [];
  for (let i = 0; i < s.options.households; i++) {
    const area = AREA_LIST[i % AREA_LIST.length]!;
    const cw = caseworker(area);
    const month = rnd.int(1, 3);
    const day = rnd.int(1, 28);
    const members = familyOf(s, area, i);
    const registeredOn = date(month, day);
    const key = `h${i}`;
    const kk = `3275${String(area.k + 1).padStart(2, '0')}${String(i).padStart(10, '0')}`;
    const address = {
      kecamatan: area.kecamatan,
      kelurahan: area.kelurahan,
      rt: String(rnd.int(1, 15)).padStart(3, '0'),
      rw: String(rnd.int(1, 20)).padStart(3, '0'),
    };
    const registered = await s.send(cw, at(registeredOn), `${key}-register`, (api, headers) =>
      api.POST('/api/v1/households', { body: { kk, address, members }, headers }),
    );
    if (!registered) continue;
    const { id } = registered;
    const path = { params: { path: { id } } };
    const poor = rnd.chance(0.92);
    const perCapitaIncome = poor ? rnd.int(250, 580) * 1000 : rnd.int(620, 900) * 1000;
    await assess(s, id, area, { perCapitaIncome, assessedOn: registeredOn, at: at(registeredOn, 10) }, `${key}-assess`);
    await s.send(supervisor(area), at(registeredOn, 11), `${key}-assign`, (api, headers) =>
      api.POST('/api/v1/households/{id}/caseworker', { ...path, body: { caseworkerId: cw.sub }, headers }),
    );
    for (let n = 0; n < rnd.int(1, 3); n++) {
      const d = date(rnd.int(month, 10), rnd.int(1, 28));
      const text = rnd.pick([
        'Home visit',
        'Phone call about school attendance',
        'Visited the posyandu with the mother',
        'Asked about the training schedule',
      ]);
      const topic = rnd.pick(['visit', 'phone', 'compliance'] as const);
      await s.send(cw, at(d, 14), `${key}-note${n}`, (api, headers) =>
        api.POST('/api/v1/households/{id}/notes', { ...path, body: { text, topic }, headers }),
      );
    }
    const pkh = poor && rnd.chance(0.75) && (await seedPkh(s, { id, area, members }, month, day, key, i));
    seeded.push({ id, area, members, pkh });
    if ((i + 1) % 500 === 0) s.options.log?.(`${i + 1} households`);
  }
  return seeded;
}

/** An assessment by the kelurahan's caseworker. */
export async function assess(
  s: Seeding,
  id: string,
  area: Area,
  { perCapitaIncome, assessedOn, at: now }: { perCapitaIncome: number; assessedOn: string; at: string },
  key: string,
): Promise<void> {
  await s.send(caseworker(area), now, key, (api, headers) =>
    api.POST('/api/v1/households/{id}/assessments', {
      params: { path: { id } },
      body: { perCapitaIncome, povertyLine: 600_000, assessedOn },
      headers,
    }),
  );
}

/** Enrolled the day after registration; four stages verified (a few not compliant), compliant ones paid. */
async function seedPkh(
  s: Seeding,
  household: Pick<SeededHousehold, 'id' | 'area' | 'members'>,
  month: number,
  day: number,
  key: string,
  i: number,
): Promise<boolean> {
  const { rnd } = s;
  const { id, area, members } = household;
  const cw = caseworker(area);
  const path = { params: { path: { id } } };
  const enrolledOn = date(month, Math.min(28, day + 1));
  const enrolled = await s.send(cw, at(enrolledOn, 12), `${key}-pkh`, (api, headers) =>
    api.POST('/api/v1/households/{id}/pkh/enrolment', { ...path, body: { enrolledOn }, headers }),
  );
  if (!enrolled) return false;
  for (let stage = 1; stage <= 4; stage++) {
    const verifiedOn = date(stage * 3, 20);
    const compliant = rnd.chance(0.93);
    const missed = compliant
      ? []
      : [
          {
            nik: members[members.length - 1]!.nik,
            commitment: rnd.pick(['health_check', 'school_attendance'] as const),
          },
        ];
    const verified = await s.send(cw, at(verifiedOn), `${key}-verify${stage}`, (api, headers) =>
      api.POST('/api/v1/households/{id}/pkh/verifications', {
        ...path,
        body: { stage: `2026-${stage}`, compliant, missed, verifiedOn },
        headers,
      }),
    );
    if (!verified || !compliant) continue;
    const participation = await s.read(cw, at(verifiedOn), (api) => api.GET('/api/v1/households/{id}/pkh', path));
    const disbursedOn = date(stage * 3, 27);
    const channel = rnd.chance(0.8) ? 'bank_transfer' : 'post_office';
    // The first kecamatan's last stage is paid by batch (seed-payments.ts); the draws stay the same.
    if (stage === 4 && area.k === BATCH_KECAMATAN) continue;
    await s.send(supervisor(area), at(disbursedOn), `${key}-disburse${stage}`, (api, headers) =>
      api.POST('/api/v1/households/{id}/pkh/disbursements', {
        ...path,
        body: {
          stage: `2026-${stage}`,
          amount: participation!.entitlementPerStage,
          channel,
          reference: `KKS-${i}-${stage}`,
          disbursedOn,
        },
        headers,
      }),
    );
  }
  return true;
}
