import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SqliteEventStore, type NewEvent } from '#libs/platform/event-store/index.js';
import { ProjectionRunner, openSqliteReadDatabase, type ReadDatabase } from '#libs/platform/read-store/index.js';
import { OutcomeReports, outcomeFactsProjection } from '#libs/views/index.js';
import { testMetadata } from '../support/events.js';
import { reportingJobOver } from '../support/reporting-job.js';

/** Events with the fields the outcomes read, on the month given (local time: Asia/Jakarta). */
const ev = (type: string, data: object, month = '2026-03'): NewEvent => ({
  eventId: randomUUID(),
  type,
  data,
  metadata: { ...testMetadata, occurredAt: `${month}-10T03:00:00.000Z` },
});
const area = { kecamatan: 'Jatiasih', kelurahan: 'Jatirasa' };
const members = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ nik: `32750${i}`.padEnd(16, '7'), name: `Warga ${i}`, relationship: 'head' }));

/**
 * The programme-outcome report (outcome-facts projection, monthly sums, OutcomeReports) and the
 * reporting job (the redacted Kafka feed, folded in memory) over the same events, including the
 * journeys where the two used to count differently.
 */
describe('one outcome fold for the report and the reporting job', () => {
  let dir: string;
  let store: SqliteEventStore;
  let readDb: ReadDatabase;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'jejak-outcome-fold-'));
    store = new SqliteEventStore({ filename: join(dir, 'events.db'), synchronous: 'NORMAL' });
    readDb = openSqliteReadDatabase(dir);
    const [h1, h2, h3, k1, t1] = Array.from({ length: 5 }, () => randomUUID());
    const append = (stream: string, events: NewEvent[]) => store.append(stream, events, 'any');
    await append(`household-${h1}`, [
      ev('HouseholdRegistered', {
        householdId: h1,
        kk: '3275010101010001',
        address: { ...area, street: 'Gg. Mawar' },
        members: members(3),
      }),
      ev('MemberAdded', { member: members(1)[0] }),
    ]);
    await append(`household-${h2}`, [
      ev('HouseholdRegistered', {
        householdId: h2,
        kk: '3275010101010002',
        address: { kecamatan: 'Bekasi Utara', kelurahan: 'Harapan Jaya' },
        members: members(5),
      }),
      ev('MemberRemoved', { nik: members(5)[4]!.nik, reason: 'moved', detail: 'to Bogor' }),
    ]);
    await append(`household-${h3}`, [
      ev('HouseholdRegistered', { householdId: h3, kk: '3275010101010003', address: area, members: members(2) }),
    ]);
    // h1: enrolled, graduated, enrolled again, terminated; h2: suspended and reinstated.
    await append(`pkh-${h1}`, [
      ev('EnrolledInPkh', { householdId: h1, enrolledOn: '2026-01-05' }, '2026-01'),
      // Paid in January, typed in February.
      ev(
        'PkhBenefitDisbursed',
        { householdId: h1, stage: '2026-1', amount: 750_000, disbursedOn: '2026-01-28' },
        '2026-02',
      ),
      ev('PkhGraduated', { householdId: h1, kind: 'natural', reason: 'no component left' }, '2026-04'),
      ev('EnrolledInPkh', { householdId: h1, enrolledOn: '2026-06-01' }, '2026-06'),
      ev('PkhTerminated', { householdId: h1, reason: 'moved away' }, '2026-08'),
    ]);
    await append(`pkh-${h2}`, [
      ev('EnrolledInPkh', { householdId: h2, enrolledOn: '2026-01-05' }, '2026-01'),
      ev('PkhSuspended', { householdId: h2, stage: '2026-2', consecutiveNonCompliantStages: 2 }, '2026-05'),
      ev('PkhReinstated', { householdId: h2, reason: 'complied again' }, '2026-07'),
      ev('PkhBenefitDisbursed', { householdId: h2, stage: '2026-3', amount: 600_000 }, '2026-08'),
    ]);
    await append(`kube-${k1}`, [
      ev(
        'KubeFormed',
        { kubeId: k1, name: 'Maju Jaya', ...area, householdIds: [h1, h2], formedOn: '2026-02-01' },
        '2026-02',
      ),
      ev('KubeMemberJoined', { kubeId: k1, householdId: h3, joinedOn: '2026-03-01' }),
      ev('KubeGrantDisbursed', { kubeId: k1, amount: 5_000_000, reference: 'SP2D-1' }),
      ev('KubeBusinessReported', { kubeId: k1, period: '2026-03', revenue: 1_200_000, activeMembers: 3 }),
      ev('KubeMemberLeft', { kubeId: k1, householdId: h2, reason: 'moved', detail: null }, '2026-05'),
      ev('KubeDissolved', { kubeId: k1, reason: 'inactive', householdIds: [h1, h3] }, '2026-09'),
    ]);
    await append(`training-${t1}`, [
      ev('CourseScheduled', { courseId: t1, title: 'Menjahit', kind: 'vocational', costPerParticipant: 1_250_000 }),
      ...[h1, h2, h3].map((h) => ev('ParticipantInvited', { courseId: t1, householdId: h, nik: members(1)[0]!.nik })),
      ev('InvitationAccepted', { courseId: t1, householdId: h1 }),
      ev('InvitationAccepted', { courseId: t1, householdId: h3 }),
      ev('InvitationDeclined', { courseId: t1, householdId: h2, reason: 'childcare', detail: 'three toddlers' }),
      ev('SessionAttendanceRecorded', {
        courseId: t1,
        sessionNo: 1,
        present: [members(1)[0]!.nik],
        householdIds: [h1],
      }),
      ev('TrainingCompleted', { courseId: t1, householdId: h1 }, '2026-04'),
      ev('TrainingDroppedOut', { courseId: t1, householdId: h3, reason: 'found_work', detail: null }, '2026-04'),
    ]);
    await append(`household-${h1}`, [
      ev('ExitApproved', { proposalId: 'p1', persons: 4, exitedOn: '2026-10-01' }, '2026-10'),
      ev('CaseReopened', { reason: 'lost work', reopenedOn: '2026-11-01' }, '2026-11'),
    ]);
    await append(`household-${h3}`, [ev('ExitApproved', { proposalId: 'p2', persons: 2 }, '2026-10')]);
    const runner = new ProjectionRunner(store, readDb, [outcomeFactsProjection('Asia/Jakarta')], { batchSize: 7 });
    await runner.start();
    expect(await runner.settle(20_000)).toBe(true);
    await runner.stop();
  });
  afterAll(async () => {
    await readDb.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('gives the job the totals of the report', async () => {
    const report = await new OutcomeReports(readDb).programmeOutcomes({});
    const job = await reportingJobOver(await store.readAll());
    expect(job.summary).toEqual(report.totals);
    expect(job.trainingCostRupiah).toBe(report.trainingCostRupiah);
    expect(report.totals).toEqual({
      // Graduations and terminations are flows; h1 graduated, then re-enrolled, and is active at the end.
      pkh: {
        failedPayments: 0,
        failedRupiah: 0,
        reversals: 0,
        reversedRupiah: 0,
        enrolled: 3,
        graduated: 1,
        terminated: 1,
        disbursements: 2,
        disbursedRupiah: 1_350_000,
        activeAtEnd: 1,
        suspendedAtEnd: 0,
      },
      kube: { formed: 1, grantsRupiah: 5_000_000, reportedRevenueRupiah: 1_200_000, activeAtEnd: 0, membersAtEnd: 0 },
      training: {
        invited: 3,
        enrolled: 2,
        declined: 1,
        declinedByReason: { childcare: 1 },
        completed: 1,
        droppedOut: 1,
      },
      exits: { approved: 2, persons: 6, reentered: 1, reenteredPersons: 4 },
      complaints: { received: 0, receivedByCategory: {}, escalated: 0, resolved: 0 },
    });
    expect(report.trainingCostRupiah).toBe(2_500_000);
  });

  it('places a fact in the month it happened, or on request in the month it was recorded, both adding up alike', async () => {
    const reports = new OutcomeReports(readDb);
    const business = await reports.programmeOutcomes({ from: '2026-01', to: '2026-01' });
    const recorded = await reports.programmeOutcomes({ from: '2026-01', to: '2026-01', basis: 'recorded' });
    expect(business.basis).toBe('business');
    expect(business.totals.pkh.disbursedRupiah).toBe(750_000);
    expect(recorded.basis).toBe('recorded');
    expect(recorded.totals.pkh.disbursedRupiah).toBe(0);
    const february = await reports.programmeOutcomes({ from: '2026-02', to: '2026-02', basis: 'recorded' });
    expect(february.totals.pkh.disbursedRupiah).toBe(750_000);
    const allBusiness = await reports.programmeOutcomes({});
    const allRecorded = await reports.programmeOutcomes({ basis: 'recorded' });
    expect(allRecorded.totals).toEqual(allBusiness.totals);
  });

  it('writes every column on every row, the stocks as they stood at each month end', async () => {
    const { rows } = await new OutcomeReports(readDb).programmeOutcomes({ basis: 'recorded' });
    const columns = Object.keys(rows[0]!).sort();
    for (const row of rows) expect(Object.keys(row).sort()).toEqual(columns);
    expect(columns).toEqual(expect.arrayContaining(['exits.approved', 'kube.membersAtEnd', 'pkh.graduated']));
    const march = rows.find((r) => r.period === '2026-03' && r.kelurahan === 'Jatirasa')!;
    // Formed with h1 and h2 in February (recorded), h3 joined in March.
    expect(march['kube.membersAtEnd']).toBe(3);
  });
});
