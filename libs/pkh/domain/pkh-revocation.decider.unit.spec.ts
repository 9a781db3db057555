import { describe, expect, it } from '@jest/globals';
import { dependentsOf, fold, type RevocationCommand, type RevocationRole } from '#libs/platform/domain/index.js';
import { deciderSpecification } from '#libs/platform/testing/decider-specification.js';
import { PKH_REVOCATION_RULES, pkhDecider } from './pkh.decider.js';
import type { PkhEvent } from './pkh.events.js';
import { enrolled, h, verified, verify } from './pkh.decider.fixtures.js';

/** Corrections of PKH entries (ADR 0019): given the stream, when a revocation, then its events and the state after. */
const spec = deciderSpecification(pkhDecider);

const suspended: PkhEvent = {
  type: 'PkhSuspended',
  data: { householdId: h, stage: '2026-2', consecutiveNonCompliantStages: 2 },
};
/** Enrolled (0), stage 1 not compliant (1), stage 2 not compliant (2) and so suspended (3). */
const stream = [enrolled as PkhEvent, verified('2026-1', false), verified('2026-2', false), suspended];
const wrongVerification = { eventId: 'e-2', eventType: 'PkhComplianceVerified', revision: 2 };

const request = (role: RevocationRole, target = wrongVerification, by = role === 'caseworker' ? 'cw-01' : 'sv-01') =>
  ({ type: 'RequestRevocation', data: { ...target, reason: 'Wrong stage typed', by, role } }) as RevocationCommand;
const approve = (by = 'sv-01', role: RevocationRole = 'supervisor'): RevocationCommand => ({
  type: 'ApproveRevocation',
  data: { eventId: 'e-2', by, role },
});
const requested = {
  type: 'RevocationRequested' as const,
  data: { ...wrongVerification, reason: 'Wrong stage typed', requestedBy: 'cw-01' },
};
const revoked = {
  type: 'EventRevoked' as const,
  data: {
    ...wrongVerification,
    reason: 'Wrong stage typed',
    requestedBy: 'cw-01',
    approvedBy: 'sv-01',
    // The suspension that followed stands: the family is still suspended without the verification.
    restored: { pkhStatus: 'suspended' },
  },
};

describe('revoking a PKH entry', () => {
  it("records a caseworker's revocation of a verification as a request for a supervisor", () => {
    spec.given(stream).when(request('caseworker')).then([requested]);
  });

  it("revokes at once on a supervisor's own request", () => {
    spec
      .given(stream)
      .when(request('supervisor'))
      .then([
        {
          type: 'EventRevoked',
          data: {
            ...wrongVerification,
            reason: 'Wrong stage typed',
            requestedBy: 'sv-01',
            restored: { pkhStatus: 'suspended' },
          },
        },
      ]);
  });

  it('revokes an entry that moved neither money nor status on a caseworker’s request', () => {
    const kks: PkhEvent = {
      type: 'PkhKksAccountRecorded',
      data: { householdId: h, bank: 'BRI', account: '6013012345678901', recordedOn: '2026-01-20' },
    };
    const target = { eventId: 'e-1', eventType: 'PkhKksAccountRecorded', revision: 1 };
    spec
      .given([enrolled, kks])
      .when(request('caseworker', target))
      .then([
        {
          type: 'EventRevoked',
          data: { ...target, reason: 'Wrong stage typed', requestedBy: 'cw-01', restored: { pkhStatus: 'active' } },
        },
      ]);
  });

  it('carries the status a revoked termination gives back: the suspension before it', () => {
    const terminated: PkhEvent = { type: 'PkhTerminated', data: { householdId: h, reason: 'Wrong family' } };
    const target = { eventId: 'e-4', eventType: 'PkhTerminated', revision: 4 };
    spec
      .given([...stream, terminated])
      .when(request('supervisor', target))
      .then([
        {
          type: 'EventRevoked',
          data: { ...target, reason: 'Wrong stage typed', requestedBy: 'sv-01', restored: { pkhStatus: 'suspended' } },
        },
      ]);
  });

  it('a supervisor approves the request: the entry is revoked', () => {
    spec
      .given([...stream, requested])
      .when(approve())
      .then([revoked]);
  });

  it('refuses an approval by the one who asked, by a caseworker, or with nothing asked', () => {
    spec
      .given([...stream, requested])
      .when(approve('cw-01', 'admin'))
      .thenRefuses('REVOCATION.CANNOT_APPROVE_OWN_REQUEST');
    spec
      .given([...stream, requested])
      .when(approve('cw-02', 'caseworker'))
      .thenRefuses('REVOCATION.NEEDS_SUPERVISOR');
    spec.given(stream).when(approve()).thenRefuses('REVOCATION.NO_PENDING_REQUEST');
  });

  it('a rejection closes the request and leaves the entry standing', () => {
    const rejected = {
      type: 'RevocationRejected' as const,
      data: { ...wrongVerification, reason: 'The stage was right', rejectedBy: 'sv-01' },
    };
    spec
      .given([...stream, requested])
      .when({
        type: 'RejectRevocation',
        data: { eventId: 'e-2', reason: 'The stage was right', by: 'sv-01', role: 'supervisor' },
      })
      .then([rejected]);
    expect(fold(pkhDecider, [...stream, requested, rejected]).stages['2026-2']).toEqual({
      compliant: false,
      disbursed: null,
    });
    spec
      .given([...stream, requested, rejected])
      .when(approve())
      .thenRefuses('REVOCATION.NO_PENDING_REQUEST');
  });

  it('refuses an unknown entry, a mismatched type, a revocation itself, one revoked twice or asked twice', () => {
    spec
      .given(stream)
      .when(request('supervisor', { ...wrongVerification, revision: -1 }))
      .thenRefuses('REVOCATION.EVENT_NOT_FOUND');
    spec
      .given(stream)
      .when(request('supervisor', { ...wrongVerification, eventType: 'PkhSuspended' }))
      .thenRefuses('REVOCATION.EVENT_NOT_FOUND');
    spec
      .given([...stream, requested])
      .when(request('supervisor', { eventId: 'e-4', eventType: 'RevocationRequested', revision: 4 }))
      .thenRefuses('REVOCATION.EVENT_NOT_REVOCABLE');
    spec
      .given([...stream, revoked])
      .when(request('supervisor'))
      .thenRefuses('REVOCATION.ALREADY_REVOKED');
    spec
      .given([...stream, requested])
      .when(request('supervisor'))
      .thenRefuses('REVOCATION.ALREADY_REQUESTED');
  });

  it('folds the stream as if the revoked entry had not happened; the suspension stands for review', () => {
    const after = fold(pkhDecider, [...stream, requested, revoked]);
    expect(after.stages['2026-2']).toBeUndefined();
    expect(after.stages['2026-1']).toEqual({ compliant: false, disbursed: null });
    expect(after.consecutiveNonCompliant).toBe(1);
    expect(after.status).toBe('suspended');
  });

  it('decides later commands on the corrected state: the stage can be verified again', () => {
    spec
      .given([...stream, requested, revoked])
      .when(verify('2026-2', true))
      .then([verified('2026-2', true)]);
  });

  it('lists the suspension that followed the revoked verification as its dependent', () => {
    const { revocations } = fold(pkhDecider, [...stream, requested, revoked]);
    expect(dependentsOf(revocations, 2, PKH_REVOCATION_RULES)).toEqual([3]);
    // Enrolment: everything after it that still stands.
    expect(dependentsOf(revocations, 0, PKH_REVOCATION_RULES)).toEqual([1, 3]);
  });
});
