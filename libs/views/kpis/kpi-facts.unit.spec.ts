import { describe, expect, it } from '@jest/globals';
import type { OutcomeEvent } from '#libs/reporting/index.js';
import { delayBucket, exitBucket, kpiFactsOf, type KpiContext, type KpiSubject } from './kpi-facts.js';

const subjects = new Map<string, KpiSubject>();
const context: KpiContext = { subject: (id) => subjects.get(id), setSubject: (id, s) => void subjects.set(id, s) };
const e = (stream: string, type: string, data: object) =>
  ({ stream, type, data }) as unknown as OutcomeEvent & { stream: string };

describe('KPI facts', () => {
  it('buckets reporting delays and times to exit at their edges', () => {
    expect([0, 1, 7, 8, 30, 31, 90, 91].map(delayBucket)).toEqual([
      'same day',
      '1-7 days',
      '1-7 days',
      '8-30 days',
      '8-30 days',
      '31-90 days',
      '31-90 days',
      'over 90 days',
    ]);
    expect([182, 183, 365, 366, 730, 731].map(exitBucket)).toEqual([
      'up to 6 months',
      '6-12 months',
      '6-12 months',
      '1-2 years',
      '1-2 years',
      'over 2 years',
    ]);
  });

  it('counts the days from the case opening to the exit, and how late each dated entry was typed', () => {
    const registered = kpiFactsOf(
      context,
      e('household-h1', 'HouseholdRegistered', { address: { kecamatan: 'Jatiasih', kelurahan: 'Jatirasa' } }),
      '2026-01-10',
    );
    expect(registered.facts).toEqual([]);
    const exit = kpiFactsOf(
      context,
      e('household-h1', 'ExitApproved', { persons: 3, exitedOn: '2026-09-01' }),
      '2026-09-12',
    );
    expect(exit.area).toMatchObject({ kecamatan: 'Jatiasih' });
    expect(exit.facts).toEqual([
      { kpi: 'exit.daysToExit', dimension: '', bucket: '6-12 months', value: 1 },
      { kpi: 'exit.daysTotal', dimension: '', bucket: '', value: 234 },
      { kpi: 'reporting.delay', dimension: 'household', bucket: '8-30 days', value: 1 },
    ]);
  });

  it("counts a PKH verification as on time up to its stage's last day", () => {
    const verified = (verifiedOn: string) =>
      kpiFactsOf(context, e('pkh-h1', 'PkhComplianceVerified', { stage: '2026-1', verifiedOn }), verifiedOn).facts[0];
    expect(verified('2026-03-31')).toMatchObject({ bucket: 'on time' });
    expect(verified('2026-04-01')).toMatchObject({ bucket: 'late' });
  });

  it("puts a participant's step under the course's kind, and a decline under its reason", () => {
    kpiFactsOf(
      context,
      e('training-c1', 'CourseScheduled', { kind: 'vocational', kecamatan: 'Jatiasih', kelurahan: 'Jatirasa' }),
      '2026-02-01',
    );
    const declined = kpiFactsOf(
      context,
      e('training-c1', 'InvitationDeclined', { courseId: 'c1', householdId: 'h1', reason: 'childcare', detail: null }),
      '2026-02-03',
    );
    expect(declined.facts).toEqual([
      { kpi: 'training.funnel', dimension: 'vocational', bucket: 'declined', value: 1 },
      { kpi: 'training.declined', dimension: 'vocational', bucket: 'childcare', value: 1 },
    ]);
  });

  it("takes a revoked participant's entry off the training funnel, a decline under its reason (ADR 0019)", () => {
    kpiFactsOf(
      context,
      e('household-hr', 'HouseholdRegistered', { address: { kecamatan: 'Jatiasih', kelurahan: 'Jatirasa' } }),
      '2026-01-10',
    );
    kpiFactsOf(
      context,
      e('training-tr', 'CourseScheduled', { kecamatan: 'Jatiasih', kelurahan: 'Jatirasa', kind: 'vocational' }),
      '2026-01-10',
    );
    const revoked = (eventType: string, code?: string) =>
      kpiFactsOf(
        context,
        e('training-tr', 'EventRevoked', { eventId: 'x', eventType, revision: 3, householdId: 'hr', nik: 'n', code }),
        '2026-05-01',
      );
    const declined = revoked('InvitationDeclined', 'childcare');
    expect(declined.area).toMatchObject({ kecamatan: 'Jatiasih', kelurahan: 'Jatirasa' });
    expect(declined.facts).toEqual([
      { kpi: 'training.funnel', dimension: 'vocational', bucket: 'declined', value: -1 },
      { kpi: 'training.declined', dimension: 'vocational', bucket: 'childcare', value: -1 },
    ]);
    expect(revoked('TrainingCompleted').facts).toEqual([
      { kpi: 'training.funnel', dimension: 'vocational', bucket: 'completed', value: -1 },
    ]);
    expect(revoked('SessionAttendanceRecorded').facts).toEqual([]);
  });
});

describe('KPI facts of a revoked entry (ADR 0019)', () => {
  const revoked = (stream: string, data: object) =>
    e(stream, 'EventRevoked', { eventId: 'e', revision: 2, reason: 'wrong', requestedBy: 'sv-01', ...data });

  it('takes a revoked verification out of the on-time count and the reporting delay, in its own month', () => {
    kpiFactsOf(
      context,
      e('household-h2', 'HouseholdRegistered', { address: { kecamatan: 'Jatiasih', kelurahan: 'Jatirasa' } }),
      '2026-01-10',
    );
    const taken = kpiFactsOf(
      context,
      revoked('pkh-h2', {
        eventType: 'PkhComplianceVerified',
        stage: '2026-1',
        businessDate: '2026-03-20',
        occurredAt: '2026-03-25T03:00:00.000Z',
      }),
      '2026-06-01',
    );
    expect(taken.period).toBe('2026-03');
    expect(taken.area).toMatchObject({ kecamatan: 'Jatiasih' });
    expect(taken.facts).toEqual([
      { kpi: 'pkh.verification', dimension: '', bucket: 'on time', value: -1 },
      { kpi: 'reporting.delay', dimension: 'pkh', bucket: '1-7 days', value: -1 },
    ]);
  });

  it('takes a revoked exit out of the time to exit; an entry without a day only out of nothing', () => {
    const exit = kpiFactsOf(
      context,
      revoked('household-h2', {
        eventType: 'ExitApproved',
        persons: 2,
        businessDate: '2026-09-01',
        occurredAt: '2026-09-12T03:00:00.000Z',
      }),
      '2026-10-01',
    );
    expect(exit.facts).toEqual([
      { kpi: 'exit.daysToExit', dimension: '', bucket: '6-12 months', value: -1 },
      { kpi: 'exit.daysTotal', dimension: '', bucket: '', value: -234 },
      { kpi: 'reporting.delay', dimension: 'household', bucket: '8-30 days', value: -1 },
    ]);
    const note = kpiFactsOf(
      context,
      revoked('household-h2', { eventType: 'CaseNoteRecorded', occurredAt: '2026-09-12T03:00:00.000Z' }),
      '2026-10-01',
    );
    expect(note.facts).toEqual([]);
  });
});
