import { describe, expect, it } from '@jest/globals';
import { entriesCausedBy, pkhEntriesFedBy, visitsScheduledAfter, type StreamEntry } from './revocation-dependents.js';

/** Dependents across a household's streams (ADR 0019): given the other stream, when an entry is revoked, then what is listed. */
const entry = (type: string, position: number, data: object, causationId = 'c'): StreamEntry => ({
  type,
  data,
  position,
  revision: position - 10,
  metadata: { causationId },
});

describe('dependents across streams', () => {
  // PKH: enrolled (10), stage 2 reassessed on members of 1 April (14) and paid (15), stage 1 paid earlier (12).
  const enrolled = entry('EnrolledInPkh', 10, { stage: undefined });
  const paid1 = entry('PkhBenefitDisbursed', 12, { stage: '2026-1' });
  const reassessed = entry('PkhEntitlementReassessed', 14, { stage: '2026-2', membersOn: '2026-04-01' });
  const paid2 = entry('PkhBenefitDisbursed', 15, { stage: '2026-2' });
  const pkh = [enrolled, paid1, reassessed, paid2];

  it('lists the reassessment a member change fed and the payments of its stage and later', () => {
    expect(pkhEntriesFedBy({ position: 13, effectiveOn: '2026-03-10' }, pkh, [])).toEqual([reassessed, paid2]);
  });

  it('a correction (no effective day) fed every later reassessment', () => {
    expect(pkhEntriesFedBy({ position: 11, effectiveOn: null }, pkh, [])).toEqual([reassessed, paid2]);
  });

  it('lists nothing when no reassessment followed, or it took the members before the change, or was revoked', () => {
    expect(pkhEntriesFedBy({ position: 14, effectiveOn: '2026-03-10' }, pkh, [])).toEqual([]);
    expect(pkhEntriesFedBy({ position: 13, effectiveOn: '2026-05-01' }, pkh, [])).toEqual([]);
    expect(pkhEntriesFedBy({ position: 13, effectiveOn: '2026-03-10' }, pkh, [reassessed.revision])).toEqual([]);
  });

  it('lists the visit the rule scheduled after a non-compliant verification, by its cause', () => {
    const visit = entry('VisitScheduled', 30, { origin: 'non_compliant_verification' }, 'v-1');
    const other = entry('VisitScheduled', 31, { origin: 'caseworker' }, 'x');
    const verification = { eventId: 'v-1', type: 'PkhComplianceVerified', data: { compliant: false } };
    expect(visitsScheduledAfter(verification, [visit, other])).toEqual([visit]);
    expect(visitsScheduledAfter({ ...verification, data: { compliant: true } }, [visit])).toEqual([]);
  });

  it('lists what a reactor wrote because of the revoked entry (the graduation an exit brought)', () => {
    const graduated = entry('PkhGraduated', 40, { kind: 'poverty_exit' }, 'exit-1');
    expect(entriesCausedBy('exit-1', [entry('PkhBenefitDisbursed', 39, {}), graduated])).toEqual([graduated]);
  });
});
