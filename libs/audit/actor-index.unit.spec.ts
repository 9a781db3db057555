import { describe, expect, it } from '@jest/globals';
import type { RecordedEvent } from '#libs/platform/event-store/index.js';
import { activityDateOf } from './actor-index.js';

const recorded = (stream: string, type: string, data: object) => ({ stream, type, data }) as unknown as RecordedEvent;

describe('the business date the actor index keeps for the monthly report', () => {
  it("is a visit's or a referral's own day", () => {
    expect(activityDateOf(recorded('casework-h1', 'VisitDone', { doneOn: '2026-11-28' }))).toBe('2026-11-28');
    expect(activityDateOf(recorded('casework-h1', 'VisitMissed', { missedOn: '2026-11-27' }))).toBe('2026-11-27');
    expect(activityDateOf(recorded('referral-r1', 'ReferralMade', { referredOn: '2026-10-01' }))).toBe('2026-10-01');
    expect(activityDateOf(recorded('referral-r1', 'ReferralAccepted', { acceptedOn: '2026-10-03' }))).toBe(
      '2026-10-03',
    );
    expect(activityDateOf(recorded('referral-r1', 'ReferralServiceDone', { doneOn: '2026-10-09' }))).toBe('2026-10-09');
  });

  it('is the outcome business date for the outcome categories', () => {
    expect(activityDateOf(recorded('pkh-h1', 'PkhComplianceVerified', { verifiedOn: '2026-11-28' }))).toBe(
      '2026-11-28',
    );
    expect(activityDateOf(recorded('complaint-c1', 'ComplaintResolved', { resolvedOn: '2026-11-30' }))).toBe(
      '2026-11-30',
    );
  });

  it('is null when the event names no day: it happened when it was recorded', () => {
    expect(activityDateOf(recorded('casework-h1', 'VisitScheduled', { dueOn: '2026-12-01' }))).toBeNull();
    expect(activityDateOf(recorded('household-h1', 'CaseNoteRecorded', { text: 'x' }))).toBeNull();
    expect(activityDateOf(recorded('access-a1', 'AreaGranted', { validFrom: '2026-01-01' }))).toBeNull();
    expect(activityDateOf(recorded('casework-h1', 'VisitDone', { doneOn: '28/11/2026' }))).toBeNull();
  });
});
