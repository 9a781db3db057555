import { CommandBus, QueryBus } from '@nestjs/cqrs';
import type { INestApplicationContext } from '@nestjs/common';
import {
  AssessHouseholdCommand,
  AssignCaseworkerCommand,
  DecideExitCommand,
  RecordCaseNoteCommand,
  RegisterHouseholdCommand,
} from '#libs/households/index.js';
import { KubeCommandMessage } from '#libs/kube/index.js';
import { GetPkhParticipationQuery, PkhCommandMessage } from '#libs/pkh/index.js';
import type { Role } from '#libs/platform/auth/index.js';
import type { CommandContext } from '#libs/platform/command-handling/index.js';
import { DomainError } from '#libs/platform/domain/index.js';
import { AREAS, KECAMATAN } from '#libs/reference-data/index.js';
import { DECLINE_REASONS, TrainingCommandMessage } from '#libs/training/index.js';

export interface SeedOptions {
  households: number;
  seed: number;
  log?: (message: string) => void;
}

/** A small, seeded PRNG (mulberry32): the same seed writes the same city. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    chance: (p: number) => next() < p,
    pick: <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!,
  };
}

const FEMALE = ['Siti', 'Nur', 'Dewi', 'Sri', 'Rina', 'Wati', 'Ani', 'Lestari', 'Yanti', 'Ratna', 'Fitri', 'Aminah'];
const MALE = ['Budi', 'Agus', 'Joko', 'Dedi', 'Ahmad', 'Rudi', 'Asep', 'Hendra', 'Yusuf', 'Eko', 'Bambang', 'Ujang'];
const FAMILY = [
  'Santoso',
  'Hidayat',
  'Saputra',
  'Wijaya',
  'Kurniawan',
  'Nugroho',
  'Setiawan',
  'Rahmawati',
  'Susanti',
  'Pratama',
];
const KUBE_BUSINESS = [
  'catering',
  'tailoring',
  'grocery stall',
  'laundry',
  'snack production',
  'motorbike repair',
  'handicraft',
];
const date = (month: number, day: number) => `2026-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
const at = (d: string, hour = 9) => `${d}T${String(hour).padStart(2, '0')}:00:00.000Z`;

/**
 * Writes a synthetic Kota Bekasi through the command path (the CommandBus, the same handlers and
 * rules as the API), never by writing rows: households in all 56 kelurahan, PKH over four stages
 * of 2026, 35 Kube groups, sewing and catering courses with the uptake the city reports (many
 * invited, fewer enrol), P2K2 sessions, and some exits.
 */
export async function seedCity(
  app: INestApplicationContext,
  options: SeedOptions,
): Promise<{ households: number; commands: number; refused: number; refusals: Record<string, number> }> {
  const bus = app.get(CommandBus);
  const queries = app.get(QueryBus);
  const rnd = prng(options.seed);
  const log = options.log ?? (() => undefined);
  let commands = 0;
  let refused = 0;
  const refusals: Record<string, number> = {};
  const ctx = (sub: string, role: Role, now: string, key: string): CommandContext => ({
    principal: { sub, role },
    correlationId: `seed-${options.seed}-${key}`,
    causationId: `seed-${options.seed}-${key}`,
    now,
    idempotencyKey: `seed-${options.seed}-${key}`,
  });
  // Domain refusals (course full, Kube size...) are part of a realistic city: count them, go on.
  const send = async <T>(command: object): Promise<T | undefined> => {
    commands += 1;
    try {
      return (await bus.execute(command as never)) as T;
    } catch (error) {
      if (error instanceof DomainError) {
        refused += 1;
        refusals[error.code] = (refusals[error.code] ?? 0) + 1;
        return undefined;
      }
      throw error;
    }
  };

  const areas = KECAMATAN.flatMap((kecamatan, k) =>
    AREAS[kecamatan]!.map((kelurahan, l) => ({ kecamatan, kelurahan, k, l })),
  );
  const caseworkerOf = (a: { k: number; l: number }) =>
    `cw-${String(a.k + 1).padStart(2, '0')}${String(a.l + 1).padStart(2, '0')}`;
  const supervisorOf = (a: { k: number }) => `sv-${String(a.k + 1).padStart(2, '0')}`;
  type Seeded = {
    id: string;
    area: (typeof areas)[number];
    members: Array<{ nik: string; relationship: string }>;
    pkh: boolean;
  };
  const households: Seeded[] = [];

  for (let i = 0; i < options.households; i++) {
    const area = areas[i % areas.length]!;
    const cw = caseworkerOf(area);
    const month = rnd.int(1, 3);
    const day = rnd.int(1, 28);
    const family = rnd.pick(FAMILY);
    const nik = (n: number) => `3275${String(area.k + 1).padStart(2, '0')}${String(i).padStart(8, '0')}${n}0`;
    const size = rnd.int(2, 6);
    const headFemale = rnd.chance(0.35);
    const members: Array<{ nik: string; relationship: string } & Record<string, unknown>> = [
      {
        nik: nik(0),
        name: `${rnd.pick(headFemale ? FEMALE : MALE)} ${family}`,
        birthDate: `19${rnd.int(55, 95)}-0${rnd.int(1, 9)}-01`,
        sex: headFemale ? 'female' : 'male',
        relationship: 'head',
        severeDisability: rnd.chance(0.04),
      },
    ];
    if (size > 1 && !headFemale)
      members.push({
        nik: nik(1),
        name: `${rnd.pick(FEMALE)} ${family}`,
        birthDate: `19${rnd.int(60, 99)}-0${rnd.int(1, 9)}-1${rnd.int(0, 9)}`,
        sex: 'female',
        relationship: 'spouse',
        severeDisability: false,
        ...(rnd.chance(0.12) ? { pregnant: true } : {}),
      });
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
      members.push({
        nik: nik(c),
        name: `${rnd.chance(0.5) ? rnd.pick(FEMALE) : rnd.pick(MALE)} ${family}`,
        birthDate: `${year}-0${rnd.int(1, 9)}-1${rnd.int(0, 9)}`,
        sex: rnd.chance(0.5) ? 'female' : 'male',
        relationship: 'child',
        severeDisability: rnd.chance(0.02),
        schoolLevel,
      });
    }
    if (rnd.chance(0.15))
      members.push({
        nik: nik(9),
        name: `${rnd.pick(FEMALE)} ${family}`,
        birthDate: `19${rnd.int(30, 55)}-0${rnd.int(1, 9)}-0${rnd.int(1, 9)}`,
        sex: 'female',
        relationship: 'parent',
        severeDisability: false,
      });
    const registeredOn = date(month, day);
    const key = `h${i}`;
    const registered = await send<{ id: string }>(
      new RegisterHouseholdCommand(
        {
          kk: `3275${String(area.k + 1).padStart(2, '0')}${String(i).padStart(10, '0')}`,
          address: {
            kecamatan: area.kecamatan,
            kelurahan: area.kelurahan,
            rt: String(rnd.int(1, 15)).padStart(3, '0'),
            rw: String(rnd.int(1, 20)).padStart(3, '0'),
          },
          members,
        } as never,
        ctx(cw, 'caseworker', at(registeredOn), `${key}-register`),
      ),
    );
    if (!registered) continue;
    const id = registered.id;
    const poor = rnd.chance(0.92);
    await send(
      new AssessHouseholdCommand(
        id,
        {
          perCapitaIncome: poor ? rnd.int(250, 580) * 1000 : rnd.int(620, 900) * 1000,
          povertyLine: 600_000,
          assessedOn: registeredOn,
        },
        ctx(cw, 'caseworker', at(registeredOn, 10), `${key}-assess`),
      ),
    );
    await send(
      new AssignCaseworkerCommand(
        id,
        { caseworkerId: cw },
        ctx(supervisorOf(area), 'supervisor', at(registeredOn, 11), `${key}-assign`),
      ),
    );
    for (let n = 0; n < rnd.int(1, 3); n++) {
      const d = date(rnd.int(month, 10), rnd.int(1, 28));
      await send(
        new RecordCaseNoteCommand(
          id,
          {
            text: rnd.pick([
              'Home visit',
              'Phone call about school attendance',
              'Visited the posyandu with the mother',
              'Asked about the training schedule',
            ]),
            topic: rnd.pick(['visit', 'phone', 'compliance'] as const),
          },
          ctx(cw, 'caseworker', at(d, 14), `${key}-note${n}`),
        ),
      );
    }
    let pkh = false;
    if (poor && rnd.chance(0.75)) {
      pkh = Boolean(
        await send(
          new PkhCommandMessage(
            id,
            { type: 'enrol', enrolledOn: date(month, Math.min(28, day + 1)) },
            ctx(cw, 'caseworker', at(date(month, Math.min(28, day + 1)), 12), `${key}-pkh`),
          ),
        ),
      );
      for (let stage = 1; pkh && stage <= 4; stage++) {
        const verifiedOn = date(stage * 3, 20);
        const compliant = rnd.chance(0.93);
        const missed = compliant
          ? []
          : [
              {
                nik: members[members.length - 1]!.nik,
                commitment: rnd.pick(['health_check', 'school_attendance'] as const),
                detail: null,
              },
            ];
        const verified = await send(
          new PkhCommandMessage(
            id,
            { type: 'verify', stage: `2026-${stage}`, compliant, missed, verifiedOn },
            ctx(cw, 'caseworker', at(verifiedOn), `${key}-verify${stage}`),
          ),
        );
        if (verified && compliant) {
          const { entitlementPerStage } = await queries.execute(new GetPkhParticipationQuery(id));
          const disbursedOn = date(stage * 3, 27);
          await send(
            new PkhCommandMessage(
              id,
              {
                type: 'disburse',
                stage: `2026-${stage}`,
                amount: entitlementPerStage,
                channel: rnd.chance(0.8) ? 'bank_transfer' : 'post_office',
                reference: `KKS-${i}-${stage}`,
                disbursedOn,
              },
              ctx(supervisorOf(area), 'supervisor', at(disbursedOn), `${key}-disburse${stage}`),
            ),
          );
        }
      }
    }
    households.push({ id, area, members, pkh });
    if ((i + 1) % 500 === 0) log(`${i + 1} households`);
  }

  // 35 Kube groups of 5 to 9 households of one kecamatan, each household in one group.
  const inKube = new Set<string>();
  for (let g = 0; g < 35; g++) {
    const area = areas[(g * 13) % areas.length]!;
    const pool = households.filter((h) => h.area.kecamatan === area.kecamatan && !inKube.has(h.id));
    const members = pool.slice(0, Math.min(pool.length, rnd.int(5, 9))).map((h) => h.id);
    members.forEach((m) => inKube.add(m));
    const formedOn = date(rnd.int(3, 5), rnd.int(1, 28));
    const kube = await send<{ id: string }>(
      new KubeCommandMessage(
        undefined,
        {
          type: 'form',
          name: `Kube ${rnd.pick(['Mawar', 'Melati', 'Sejahtera', 'Mandiri', 'Berkah', 'Harapan'])} ${g + 1}`,
          businessType: rnd.pick(KUBE_BUSINESS),
          kecamatan: area.kecamatan,
          kelurahan: area.kelurahan,
          householdIds: members,
          formedOn,
        },
        ctx(caseworkerOf(area), 'caseworker', at(formedOn), `kube${g}`),
      ),
    );
    if (!kube) continue;
    await send(
      new KubeCommandMessage(
        kube.id,
        {
          type: 'grant',
          amount: rnd.int(10, 25) * 1_000_000,
          source: rnd.chance(0.7) ? 'APBD' : 'APBD-P',
          reference: `SP2D-${g}`,
          disbursedOn: date(6, 10),
        },
        ctx(supervisorOf(area), 'supervisor', at(date(6, 10)), `kube${g}-grant`),
      ),
    );
    for (let m = 7; m <= 10; m++) {
      await send(
        new KubeCommandMessage(
          kube.id,
          {
            type: 'report',
            period: `2026-${String(m).padStart(2, '0')}`,
            revenue: rnd.int(2, 9) * 500_000,
            activeMembers: Math.max(1, members.length - rnd.int(0, 2)),
          },
          ctx(caseworkerOf(area), 'caseworker', at(date(m, 28)), `kube${g}-report${m}`),
        ),
      );
    }
  }

  // Sewing and catering courses: many invited, fewer enrol; P2K2 family sessions.
  const courses = [
    ...Array.from({ length: 8 }, (_, c) => ({ kind: 'vocational' as const, skill: c % 2 ? 'catering' : 'sewing' })),
    ...Array.from({ length: 4 }, () => ({ kind: 'family_session' as const, skill: null })),
  ];
  for (const [c, course] of courses.entries()) {
    const area = areas[(c * 5) % areas.length]!;
    const startsOn = date(rnd.int(4, 8), 1);
    const cw = caseworkerOf(area);
    const scheduled = await send<{ id: string }>(
      new TrainingCommandMessage(
        undefined,
        {
          type: 'schedule',
          kind: course.kind,
          skill: course.skill,
          title:
            course.kind === 'vocational'
              ? `${course.skill === 'sewing' ? 'Menjahit' : 'Tata boga'} angkatan ${c + 1}`
              : `P2K2 modul ${c - 7}`,
          provider: course.kind === 'vocational' ? 'BLK Kota Bekasi' : 'Pendamping PKH',
          capacity: course.kind === 'vocational' ? 20 : 30,
          sessions: 4,
          startsOn,
          endsOn: startsOn.slice(0, 8) + '28',
          kecamatan: area.kecamatan,
          kelurahan: area.kelurahan,
          costPerParticipant: course.kind === 'vocational' ? 750_000 : 0,
        },
        ctx(cw, 'caseworker', at(startsOn), `course${c}`),
      ),
    );
    if (!scheduled) continue;
    const invitees = households
      .filter((h) => h.area.kecamatan === area.kecamatan)
      .slice(0, course.kind === 'vocational' ? 60 : 35);
    const enrolled: string[] = [];
    for (const [p, h] of invitees.entries()) {
      const person = h.members[0]!.nik;
      const invited = await send(
        new TrainingCommandMessage(
          scheduled.id,
          { type: 'invite', householdId: h.id, nik: person },
          ctx(cw, 'caseworker', at(startsOn, 8), `course${c}-invite${p}`),
        ),
      );
      if (!invited) continue;
      if (rnd.chance(course.kind === 'vocational' ? 0.35 : 0.8)) {
        if (
          await send(
            new TrainingCommandMessage(
              scheduled.id,
              { type: 'accept', nik: person },
              ctx(cw, 'caseworker', at(startsOn, 10), `course${c}-accept${p}`),
            ),
          )
        )
          enrolled.push(person);
      } else {
        const reason = rnd.chance(0.45) ? 'not_interested' : rnd.pick(DECLINE_REASONS);
        await send(
          new TrainingCommandMessage(
            scheduled.id,
            { type: 'decline', nik: person, reason, detail: null },
            ctx(cw, 'caseworker', at(startsOn, 10), `course${c}-decline${p}`),
          ),
        );
      }
    }
    const dropped = new Set(enrolled.filter(() => rnd.chance(0.12)));
    for (let s = 1; s <= 4; s++) {
      const present = enrolled.filter((nik) => !dropped.has(nik) && rnd.chance(0.92));
      await send(
        new TrainingCommandMessage(
          scheduled.id,
          { type: 'attendance', sessionNo: s, heldOn: startsOn.slice(0, 8) + String(s * 6).padStart(2, '0'), present },
          ctx(
            cw,
            'caseworker',
            at(startsOn.slice(0, 8) + String(s * 6).padStart(2, '0'), 15),
            `course${c}-session${s}`,
          ),
        ),
      );
    }
    for (const [p, nik] of enrolled.entries()) {
      const end = at(startsOn.slice(0, 8) + '28', 16);
      if (dropped.has(nik))
        await send(
          new TrainingCommandMessage(
            scheduled.id,
            {
              type: 'dropOut',
              nik,
              reason: rnd.pick(['found_work', 'childcare', 'health', 'lost_interest'] as const),
              detail: null,
            },
            ctx(cw, 'caseworker', end, `course${c}-drop${p}`),
          ),
        );
      else
        await send(
          new TrainingCommandMessage(
            scheduled.id,
            { type: 'complete', nik, certificateNo: course.kind === 'vocational' ? `BLK-${c}-${p}` : null },
            ctx(cw, 'caseworker', end, `course${c}-complete${p}`),
          ),
        );
    }
  }

  // Some households leave poverty: reassessed above the line, proposed, approved; a few re-enter.
  const exits = households.filter(() => rnd.chance(0.04));
  for (const [x, h] of exits.entries()) {
    const cw = caseworkerOf(h.area);
    const on = date(rnd.int(9, 11), rnd.int(1, 25));
    await send(
      new AssessHouseholdCommand(
        h.id,
        { perCapitaIncome: rnd.int(650, 1200) * 1000, povertyLine: 600_000, assessedOn: on },
        ctx(cw, 'caseworker', at(on, 9), `exit${x}-assess`),
      ),
    );
    await send(
      new DecideExitCommand(
        h.id,
        {
          type: 'ProposeExit',
          reason: rnd.pick([
            'Stable income from the Kube business',
            'Head of household found steady work',
            'Completed training, now sewing from home',
          ]),
        },
        ctx(cw, 'caseworker', at(on, 10), `exit${x}-propose`),
      ),
    );
    await send(
      new DecideExitCommand(
        h.id,
        { type: 'ApproveExit', exitedOn: on },
        ctx(supervisorOf(h.area), 'supervisor', at(on, 15), `exit${x}-approve`),
      ),
    );
    if (rnd.chance(0.1))
      await send(
        new DecideExitCommand(
          h.id,
          { type: 'ReopenCase', reason: 'Lost the income again' },
          ctx(cw, 'caseworker', at(date(11, 28), 9), `exit${x}-reopen`),
        ),
      );
  }
  log(`${households.length} households, ${commands} commands (${refused} refused by the rules, as in a real city)`);
  return { households: households.length, commands, refused, refusals };
}
