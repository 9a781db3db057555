import { randomUUID } from 'node:crypto';
import type { EventStore, NewEvent } from '#libs/platform/event-store/index.js';
import { AREAS, KECAMATAN } from '#libs/reference-data/index.js';

const meta = (actor: string, role: string, occurredAt: string) => ({
  actor,
  role,
  correlationId: randomUUID(),
  causationId: randomUUID(),
  occurredAt,
  schemaVersion: 1,
});
const ev = (
  type: string,
  data: unknown,
  actor = 'cw-bench',
  role = 'caseworker',
  occurredAt = '2026-03-01T09:00:00.000Z',
): NewEvent => ({
  eventId: randomUUID(),
  type,
  data,
  metadata: meta(actor, role, occurredAt),
});

/** A PKH facilitator follows about 250 families: caseloads stay that size as the city grows. */
const CASES_PER_CASEWORKER = 250;

/**
 * Writes a synthetic city straight into a store (no command path: benchmarks need millions of
 * events quickly), shaped like the real events so every projection handles them. About 17 events
 * per household: registration, assessment, caseworker, five notes, PKH enrolment and four stages.
 * `from` numbers the households on from an earlier call (unique KK and NIK, further caseworkers).
 */
export async function writeSyntheticCity(
  store: EventStore,
  households: number,
  { from = 0 }: { from?: number } = {},
): Promise<number> {
  const areas = KECAMATAN.flatMap((kecamatan) => AREAS[kecamatan]!.map((kelurahan) => ({ kecamatan, kelurahan })));
  let written = 0;
  const pending: Array<Promise<unknown>> = [];
  for (let i = from; i < from + households; i++) {
    const id = randomUUID();
    const area = areas[i % areas.length]!;
    const nik = (n: number) => `3275${String(i).padStart(10, '0')}${n}0`;
    const members = [
      {
        nik: nik(0),
        name: `Warga ${i}`,
        birthDate: '1980-05-05',
        sex: 'female',
        relationship: 'head',
        pregnant: true,
        severeDisability: false,
        schoolLevel: 'none',
      },
      {
        nik: nik(1),
        name: `Anak ${i}`,
        birthDate: '2016-05-05',
        sex: 'male',
        relationship: 'child',
        pregnant: false,
        severeDisability: false,
        schoolLevel: 'primary',
      },
    ];
    const household = [
      ev('HouseholdRegistered', { householdId: id, kk: `3275${String(i).padStart(12, '0')}`, address: area, members }),
      ev('HouseholdAssessed', {
        assessmentId: randomUUID(),
        perCapitaIncome: 400_000,
        povertyLine: 600_000,
        assessedOn: '2026-02-01',
        householdSize: 2,
        welfareStatus: 'below_poverty_line',
      }),
      ev(
        'CaseworkerAssigned',
        { caseworkerId: `cw-${Math.floor(i / CASES_PER_CASEWORKER)}`, previousCaseworkerId: null },
        'sv-bench',
        'supervisor',
      ),
      ...Array.from({ length: 5 }, (_, n) =>
        ev(
          'CaseNoteRecorded',
          { noteId: randomUUID(), text: `Visit ${n}`, topic: 'visit' },
          'cw-bench',
          'caseworker',
          `2026-0${n + 3}-10T09:00:00.000Z`,
        ),
      ),
    ];
    const pkh = [
      ev('EnrolledInPkh', {
        householdId: id,
        enrolledOn: '2026-02-10',
        components: [],
        entitlementPerStage: 975_000,
        benefitIndex: {
          version: 'pkh-2019',
          effectiveFrom: '2019-01-01',
          stagesPerYear: 4,
          maxCountedPersonsPerFamily: 4,
        },
      }),
      ...[1, 2, 3, 4].flatMap((s) => [
        ev(
          'PkhComplianceVerified',
          { householdId: id, stage: `2026-${s}`, compliant: true, missed: [], verifiedOn: `2026-0${s * 2}-20` },
          'cw-bench',
          'caseworker',
          `2026-0${s * 2}-20T09:00:00.000Z`,
        ),
        ev(
          'PkhBenefitDisbursed',
          {
            householdId: id,
            stage: `2026-${s}`,
            amount: 975_000,
            channel: 'bank_transfer',
            reference: `KKS-${i}-${s}`,
            disbursedOn: `2026-0${s * 2}-27`,
          },
          'sv-bench',
          'supervisor',
          `2026-0${s * 2}-27T09:00:00.000Z`,
        ),
      ]),
    ];
    pending.push(store.append(`household-${id}`, household, 'no_stream'), store.append(`pkh-${id}`, pkh, 'no_stream'));
    written += household.length + pkh.length;
    // Many appends in flight at once: the SQLite adapter groups them into few transactions.
    if (pending.length >= 400) await Promise.all(pending.splice(0));
  }
  await Promise.all(pending);
  return written;
}
