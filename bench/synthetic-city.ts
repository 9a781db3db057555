import { randomUUID } from 'node:crypto';
import { identityStream } from '#libs/households/index.js';
import type { EventStore, NewEvent } from '#libs/platform/event-store/index.js';
import { AREAS, KECAMATAN } from '#libs/reference-data/index.js';

/** The synthetic city's reservations are named under a fixed key: only their shape matters here. */
const BENCH_NAMING_KEY = Buffer.alloc(32, 7);

/** A PKH facilitator follows about 250 families: caseloads stay that size as the city grows. */
const CASES_PER_CASEWORKER = 250;
const KUBE_SIZE = 10;
const COURSE_SIZE = 20;
const COURSE_SESSIONS = 8;
/** Two years of PKH: four stages a year, each verified, then paid. */
const STAGES = ['2025-1', '2025-2', '2025-3', '2025-4', '2026-1', '2026-2', '2026-3', '2026-4'];
/** What an average household comes to (scale sizes the city by it); see writeSyntheticCity. */
export const EVENTS_PER_HOUSEHOLD = 35;

const ev = (type: string, data: unknown, actor: string, role: string, occurredAt: string): NewEvent => ({
  eventId: randomUUID(),
  type,
  data,
  metadata: {
    actor,
    role,
    correlationId: randomUUID(),
    causationId: randomUUID(),
    occurredAt,
    schemaVersion: 1,
  },
});

/** The first day of stage `s` ('2025-3') plus `days`, as a date. */
const stageDay = (stage: string, days: number): string => {
  const [year, n] = stage.split('-').map(Number);
  return new Date(Date.UTC(year!, (n! - 1) * 3, 1 + days)).toISOString().slice(0, 10);
};
const at = (date: string): string => `${date}T09:00:00.000Z`;

interface Family {
  id: string;
  /** The Kube or course this family starts, if it is the first of its group. */
  groupId: string;
  i: number;
  kk: string;
  niks: [string, string];
  area: { kecamatan: string; kelurahan: string };
  caseworker: string;
}

/**
 * Writes a synthetic city straight into a store (no command path: benchmarks need millions of
 * events quickly), shaped like the real events so every projection handles them, and in the
 * order a city makes them: all families registered first, then two years of PKH stages month
 * by month across every family, Kube groups and courses on the way, a reassessment at the end.
 * A household's events are spread over the whole feed, as in the field, not written together.
 * About 35 events per household: identity reservations (KK and two NIKs), registration,
 * assessment, caseworker, PKH enrolment, 8 stages verified and paid, a visit note per stage,
 * reassessment; every other family in a Kube of 10 (formed, grant, 12 monthly reports), the
 * others on a sewing course of 20 (invited, accepted, 8 sessions, completed).
 * `from` numbers the households on from an earlier call (unique KK and NIK, further caseworkers).
 */
export async function writeSyntheticCity(
  store: EventStore,
  households: number,
  { from = 0 }: { from?: number } = {},
): Promise<number> {
  const areas = KECAMATAN.flatMap((kecamatan) => AREAS[kecamatan]!.map((kelurahan) => ({ kecamatan, kelurahan })));
  const families: Family[] = [];
  for (let i = from; i < from + households; i++) {
    const nik = (n: number) => `3275${String(i).padStart(10, '0')}${n}0`;
    families.push({
      id: randomUUID(),
      groupId: randomUUID(),
      i,
      kk: `3275${String(i).padStart(12, '0')}`,
      niks: [nik(0), nik(1)],
      area: areas[i % areas.length]!,
      caseworker: `cw-${Math.floor(i / CASES_PER_CASEWORKER)}`,
    });
  }
  let written = 0;
  let pending: Array<Promise<unknown>> = [];
  const append = async (stream: string, events: NewEvent[], expected: 'no_stream' | 'any' = 'any') => {
    pending.push(store.append(stream, events, expected));
    written += events.length;
    // Many appends in flight at once: the SQLite adapter groups them into few transactions.
    if (pending.length >= 400) await Promise.all(pending.splice(0));
  };
  // Each phase ends before the next begins, so a stream's appends keep their order on every store.
  const endPhase = async () => {
    await Promise.all(pending);
    pending = [];
  };

  for (const f of families) {
    const day = at('2025-01-15');
    for (const [kind, number] of [
      ['kk', f.kk],
      ['nik', f.niks[0]],
      ['nik', f.niks[1]],
    ] as const)
      await append(
        identityStream(kind, number, BENCH_NAMING_KEY),
        [ev('ReservationMade', { kind, holder: f.id }, f.caseworker, 'caseworker', day)],
        'no_stream',
      );
    await append(
      `household-${f.id}`,
      [
        ev(
          'HouseholdRegistered',
          {
            householdId: f.id,
            kk: f.kk,
            address: f.area,
            members: [
              {
                nik: f.niks[0],
                name: `Warga ${f.i}`,
                birthDate: '1980-05-05',
                sex: 'female',
                relationship: 'head',
                pregnant: true,
                severeDisability: false,
                schoolLevel: 'none',
              },
              {
                nik: f.niks[1],
                name: `Anak ${f.i}`,
                birthDate: '2016-05-05',
                sex: 'male',
                relationship: 'child',
                pregnant: false,
                severeDisability: false,
                schoolLevel: 'primary',
              },
            ],
          },
          f.caseworker,
          'caseworker',
          day,
        ),
        assessed(400_000, '2025-01-20', f.caseworker),
        ev(
          'CaseworkerAssigned',
          { caseworkerId: f.caseworker, previousCaseworkerId: null },
          'sv-bench',
          'supervisor',
          at('2025-01-21'),
        ),
      ],
      'no_stream',
    );
  }
  await endPhase();

  for (const f of families)
    await append(
      `pkh-${f.id}`,
      [
        ev(
          'EnrolledInPkh',
          {
            householdId: f.id,
            enrolledOn: '2025-02-01',
            components: [],
            entitlementPerStage: 975_000,
            benefitIndex: {
              version: 'pkh-2019',
              effectiveFrom: '2019-01-01',
              stagesPerYear: 4,
              maxCountedPersonsPerFamily: 4,
            },
          },
          'sv-bench',
          'supervisor',
          at('2025-02-01'),
        ),
      ],
      'no_stream',
    );
  await endPhase();

  const kubes = groups(
    families.filter((f) => f.i % 2 === 0),
    KUBE_SIZE,
  );
  const courses = groups(
    families.filter((f) => f.i % 2 === 1),
    COURSE_SIZE,
  );
  for (const [n, stage] of STAGES.entries()) {
    for (const f of families) {
      await append(`household-${f.id}`, [
        ev(
          'CaseNoteRecorded',
          { noteId: randomUUID(), text: `Home visit, stage ${stage}`, topic: 'visit' },
          f.caseworker,
          'caseworker',
          at(stageDay(stage, 20)),
        ),
      ]);
      await append(`pkh-${f.id}`, [
        ev(
          'PkhComplianceVerified',
          { householdId: f.id, stage, compliant: true, missed: [], verifiedOn: stageDay(stage, 50) },
          f.caseworker,
          'caseworker',
          at(stageDay(stage, 50)),
        ),
        ev(
          'PkhBenefitDisbursed',
          {
            householdId: f.id,
            stage,
            amount: 975_000,
            channel: 'bank_transfer',
            reference: `KKS-${f.i}-${stage}`,
            disbursedOn: stageDay(stage, 60),
          },
          'sv-bench',
          'supervisor',
          at(stageDay(stage, 60)),
        ),
      ]);
    }
    // Kube groups form in the second stage and report every month of the year after.
    for (const group of kubes) await kubeActivity(group, n, append);
    // Courses run in the third stage.
    if (n === 2) for (const group of courses) await course(group, stage, append);
    await endPhase();
  }

  for (const f of families) await append(`household-${f.id}`, [assessed(500_000, '2026-11-20', f.caseworker)]);
  await endPhase();
  return written;
}

type Append = (stream: string, events: NewEvent[], expected?: 'no_stream' | 'any') => Promise<void>;

const assessed = (income: number, on: string, caseworker: string): NewEvent =>
  ev(
    'HouseholdAssessed',
    {
      assessmentId: randomUUID(),
      perCapitaIncome: income,
      povertyLine: 600_000,
      assessedOn: on,
      householdSize: 2,
      welfareStatus: income < 600_000 ? 'below_poverty_line' : 'above_poverty_line',
    },
    caseworker,
    'caseworker',
    at(on),
  );

const kubeIdOf = (first: Family): string => first.groupId;
const courseIdOf = (first: Family): string => first.groupId;

function groups<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Stage 1: formed (members reserved) and granted; stages 1 to 4: a business report each month. */
async function kubeActivity(members: Family[], stageIndex: number, append: Append): Promise<void> {
  if (stageIndex < 1 || stageIndex > 4) return;
  const first = members[0]!;
  const kubeId = kubeIdOf(first);
  const stream = `kube-${kubeId}`;
  const { caseworker } = first;
  // One append per stream and phase: appends in flight together may land in any order on PostgreSQL.
  const events: NewEvent[] = [];
  if (stageIndex === 1) {
    const formedOn = stageDay(STAGES[1]!, 10);
    for (const m of members)
      await append(
        `kubemembership-${m.id}`,
        [ev('ReservationMade', { kind: 'kube-membership', holder: kubeId }, caseworker, 'caseworker', at(formedOn))],
        'no_stream',
      );
    events.push(
      ev(
        'KubeFormed',
        {
          kubeId,
          name: `Kube Bench ${first.i}`,
          businessType: 'catering',
          kecamatan: first.area.kecamatan,
          kelurahan: first.area.kelurahan,
          householdIds: members.map((m) => m.id),
          formedOn,
        },
        caseworker,
        'caseworker',
        at(formedOn),
      ),
      ev(
        'KubeGrantDisbursed',
        {
          kubeId,
          amount: 2_000_000 * members.length,
          source: 'APBD',
          reference: `KUBE-${first.i}`,
          disbursedOn: stageDay(STAGES[1]!, 30),
        },
        'sv-bench',
        'supervisor',
        at(stageDay(STAGES[1]!, 30)),
      ),
    );
  }
  for (let month = 0; month < 3; month++) {
    const on = stageDay(STAGES[stageIndex]!, 28 + month * 30);
    events.push(
      ev(
        'KubeBusinessReported',
        { kubeId, period: on.slice(0, 7), revenue: 3_500_000, activeMembers: members.length },
        caseworker,
        'caseworker',
        at(on),
      ),
    );
  }
  await append(stream, events, stageIndex === 1 ? 'no_stream' : 'any');
}

/** A sewing course: scheduled, every family's head invited and accepting, 8 sessions, certificates. */
async function course(participants: Family[], stage: string, append: Append): Promise<void> {
  const first = participants[0]!;
  const courseId = courseIdOf(first);
  const stream = `training-${courseId}`;
  const { caseworker } = first;
  const startsOn = stageDay(stage, 5);
  const endsOn = stageDay(stage, 5 + COURSE_SESSIONS * 7);
  const who = (f: Family) => ({ courseId, householdId: f.id, nik: f.niks[0] });
  const events: NewEvent[] = [
    ev(
      'CourseScheduled',
      {
        courseId,
        kind: 'vocational',
        skill: 'sewing',
        title: `Menjahit ${first.area.kelurahan}`,
        provider: 'BLK Kota Bekasi',
        capacity: COURSE_SIZE,
        sessions: COURSE_SESSIONS,
        startsOn,
        endsOn,
        kecamatan: first.area.kecamatan,
        kelurahan: first.area.kelurahan,
        costPerParticipant: 750_000,
      },
      'sv-bench',
      'supervisor',
      at(stageDay(stage, 0)),
    ),
    ...participants.map((f) => ev('ParticipantInvited', who(f), caseworker, 'caseworker', at(stageDay(stage, 1)))),
    ...participants.map((f) => ev('InvitationAccepted', who(f), caseworker, 'caseworker', at(stageDay(stage, 3)))),
  ];
  for (let session = 1; session <= COURSE_SESSIONS; session++) {
    const heldOn = stageDay(stage, 5 + (session - 1) * 7);
    events.push(
      ev(
        'SessionAttendanceRecorded',
        {
          courseId,
          sessionNo: session,
          heldOn,
          present: participants.map((f) => f.niks[0]),
          householdIds: participants.map((f) => f.id),
          presentHouseholds: participants.map((f) => f.id),
        },
        caseworker,
        'caseworker',
        at(heldOn),
      ),
    );
  }
  for (const f of participants)
    events.push(
      ev('TrainingCompleted', { ...who(f), certificateNo: `SERT-${f.i}` }, caseworker, 'caseworker', at(endsOn)),
    );
  await append(stream, events, 'no_stream');
}
