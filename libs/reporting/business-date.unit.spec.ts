import { describe, expect, it } from '@jest/globals';
import { businessDateOf } from './business-date.js';
import type { OutcomeEvent } from './outcome-facts.js';

const e = (type: string, data: object) => ({ type, data }) as unknown as OutcomeEvent;

describe('the business date of an outcome event', () => {
  it('is the day the event says it happened', () => {
    expect(businessDateOf(e('PkhBenefitDisbursed', { disbursedOn: '2025-03-27' }))).toBe('2025-03-27');
    expect(businessDateOf(e('PkhComplianceVerified', { verifiedOn: '2026-03-30' }))).toBe('2026-03-30');
    expect(businessDateOf(e('ExitApproved', { exitedOn: '2026-10-01' }))).toBe('2026-10-01');
    expect(businessDateOf(e('SessionAttendanceRecorded', { heldOn: '2026-05-04' }))).toBe('2026-05-04');
    expect(businessDateOf(e('KubeBusinessReported', { period: '2026-05' }))).toBe('2026-05-01');
  });

  it('is none for an event that names no day, or names it oddly: such a fact counts when it was recorded', () => {
    expect(businessDateOf(e('ParticipantInvited', { householdId: 'h1' }))).toBeNull();
    expect(businessDateOf(e('PkhSuspended', { stage: '2026-2' }))).toBeNull();
    expect(businessDateOf(e('ExitApproved', { persons: 2 }))).toBeNull();
    expect(businessDateOf(e('PkhBenefitDisbursed', { disbursedOn: '27/03/2025' }))).toBeNull();
  });
});
