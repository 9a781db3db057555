import { describe, expect, it } from '@jest/globals';
import {
  dependentsOf,
  fold,
  type RevocationCommand,
  type RevocationEvent,
  type RevocationRole,
  type RevocationTarget,
} from '#libs/platform/domain/index.js';
import { deciderSpecification } from '#libs/platform/testing/decider-specification.js';
import { HOUSEHOLD_REVOCATION_RULES, householdDecider } from './household.decider.js';
import type { HouseholdEvent, Member } from './household.events.js';
import { membersOn } from './members-on.js';

/** Corrections of household entries (ADR 0019): given the stream, when a revocation, then its events and the state after. */
const spec = deciderSpecification(householdDecider);

const member = (nik: string, relationship: Member['relationship'], extra: Partial<Member> = {}): Member => ({
  nik,
  name: `Warga ${nik.slice(-4)}`,
  birthDate: '1985-04-12',
  sex: 'female',
  relationship,
  pregnant: false,
  severeDisability: false,
  schoolLevel: 'none',
  ...extra,
});
const head = member('3275010101850001', 'head');
const child = member('3275010101150002', 'child', { birthDate: '2015-01-01', schoolLevel: 'primary' });
const registered: HouseholdEvent = {
  type: 'HouseholdRegistered',
  data: {
    householdId: 'h1',
    kk: '3275010101010001',
    address: { kecamatan: 'Bekasi Utara', kelurahan: 'Harapan Jaya' },
    members: [head, child],
  },
};
const assessed = (assessmentId: string, perCapitaIncome: number, assessedOn: string): HouseholdEvent => ({
  type: 'HouseholdAssessed',
  data: {
    assessmentId,
    perCapitaIncome,
    povertyLine: 600_000,
    assessedOn,
    householdSize: 2,
    welfareStatus: perCapitaIncome < 600_000 ? 'below_poverty_line' : 'above_poverty_line',
  },
});
const below = assessed('a-1', 400_000, '2026-01-10');
/** The mistyped one: 4,000,000 for 400,000. */
const mistyped = assessed('a-2', 4_000_000, '2026-03-01');
const proposed: HouseholdEvent = {
  type: 'ExitProposed',
  data: {
    proposalId: 'p-1',
    assessmentId: 'a-2',
    perCapitaIncome: 4_000_000,
    povertyLine: 600_000,
    proposedBy: 'cw-01',
    reason: 'Above the line',
  },
};
const note: HouseholdEvent = {
  type: 'CaseNoteRecorded',
  data: { noteId: 'n-1', text: 'Visited', topic: 'visit' },
};
/** Registered (0), assessed below (1), the mistyped assessment (2), an exit proposed on it (3), a note (4). */
const stream = [registered, below, mistyped, proposed, note];
const target = (revision: number, eventType: string): RevocationTarget => ({
  eventId: `e-${revision}`,
  eventType,
  revision,
});
const request = (role: RevocationRole, on: RevocationTarget, by = role === 'caseworker' ? 'cw-01' : 'sv-01') =>
  ({ type: 'RequestRevocation', data: { ...on, reason: 'Typed a zero too many', by, role } }) as RevocationCommand;
const restoredBelow = {
  welfareStatus: 'below_poverty_line',
  lastAssessment: { assessmentId: 'a-1', perCapitaIncome: 400_000, povertyLine: 600_000, assessedOn: '2026-01-10' },
  caseStatus: 'open',
  closedOn: null,
  pendingExit: true,
  notes: 1,
};

describe('revoking a household entry', () => {
  it("records a caseworker's revocation of an assessment as a request for a supervisor", () => {
    spec
      .given(stream)
      .when(request('caseworker', target(2, 'HouseholdAssessed')))
      .then([
        {
          type: 'RevocationRequested',
          data: { ...target(2, 'HouseholdAssessed'), reason: 'Typed a zero too many', requestedBy: 'cw-01' },
        },
      ]);
  });

  it("revokes an assessment at once on a supervisor's request, carrying the status the household is back to", () => {
    spec
      .given(stream)
      .when(request('supervisor', target(2, 'HouseholdAssessed')))
      .then([
        {
          type: 'EventRevoked',
          data: {
            ...target(2, 'HouseholdAssessed'),
            reason: 'Typed a zero too many',
            requestedBy: 'sv-01',
            restored: restoredBelow,
          },
        },
      ]);
  });

  it("a supervisor's approval of the caseworker's request revokes it, carrying the status after", () => {
    const requested: RevocationEvent = {
      type: 'RevocationRequested',
      data: { ...target(2, 'HouseholdAssessed'), reason: 'Typed a zero too many', requestedBy: 'cw-01' },
    };
    spec
      .given([...stream, requested])
      .when({ type: 'ApproveRevocation', data: { eventId: 'e-2', by: 'sv-01', role: 'supervisor' } })
      .then([
        {
          type: 'EventRevoked',
          data: {
            ...target(2, 'HouseholdAssessed'),
            reason: 'Typed a zero too many',
            requestedBy: 'cw-01',
            approvedBy: 'sv-01',
            restored: restoredBelow,
          },
        },
      ]);
  });

  it("revokes a case note or an exit proposal on the caseworker's own request", () => {
    spec
      .given(stream)
      .when(request('caseworker', target(4, 'CaseNoteRecorded')))
      .then([
        {
          type: 'EventRevoked',
          data: {
            ...target(4, 'CaseNoteRecorded'),
            reason: 'Typed a zero too many',
            requestedBy: 'cw-01',
            restored: {
              ...restoredBelow,
              lastAssessment: {
                ...restoredBelow.lastAssessment,
                assessmentId: 'a-2',
                perCapitaIncome: 4_000_000,
                assessedOn: '2026-03-01',
              },
              welfareStatus: 'above_poverty_line',
              notes: 0,
            },
          },
        },
      ]);
    spec
      .given(stream)
      .when(request('caseworker', target(3, 'ExitProposed')))
      .then([
        {
          type: 'EventRevoked',
          data: {
            ...target(3, 'ExitProposed'),
            reason: 'Typed a zero too many',
            requestedBy: 'cw-01',
            restored: {
              ...restoredBelow,
              lastAssessment: {
                ...restoredBelow.lastAssessment,
                assessmentId: 'a-2',
                perCapitaIncome: 4_000_000,
                assessedOn: '2026-03-01',
              },
              welfareStatus: 'above_poverty_line',
              pendingExit: false,
            },
          },
        },
      ]);
  });

  it('needs a supervisor for the exit decisions, a reopening and the member changes PKH counts', () => {
    for (const type of [
      'ExitApproved',
      'ExitRejected',
      'CaseReopened',
      'MemberDetailsCorrected',
      'PregnancyBegan',
      'PregnancyEnded',
      'SchoolLevelChanged',
      'DisabilityAssessed',
      'MemberDied',
    ])
      expect(HOUSEHOLD_REVOCATION_RULES.needApproval).toContain(type);
    const approved: HouseholdEvent = {
      type: 'ExitApproved',
      data: { proposalId: 'p-1', approvedBy: 'sv-01', persons: 2, exitedOn: '2026-03-05' },
    };
    spec
      .given([...stream, approved])
      .when(request('caseworker', target(5, 'ExitApproved')))
      .then([
        {
          type: 'RevocationRequested',
          data: { ...target(5, 'ExitApproved'), reason: 'Typed a zero too many', requestedBy: 'cw-01' },
        },
      ]);
  });

  it('refuses the registration, the erasure and the entries that reserved numbers or moved the case', () => {
    spec
      .given(stream)
      .when(request('supervisor', target(0, 'HouseholdRegistered')))
      .thenRefuses('REVOCATION.EVENT_NOT_REVOCABLE');
    const added: HouseholdEvent = { type: 'MemberAdded', data: { member: member('3275010101900003', 'parent') } };
    spec
      .given([...stream, added])
      .when(request('admin', target(5, 'MemberAdded')))
      .thenRefuses('REVOCATION.EVENT_NOT_REVOCABLE');
    const moved: HouseholdEvent = {
      type: 'HouseholdMoved',
      data: {
        address: { kecamatan: 'Bekasi Timur', kelurahan: 'Aren Jaya' },
        previousAddress: { kecamatan: 'Bekasi Utara', kelurahan: 'Harapan Jaya' },
        movedOn: '2026-03-02',
      },
    };
    spec
      .given([...stream, moved])
      .when(request('supervisor', target(5, 'HouseholdMoved')))
      .thenRefuses('REVOCATION.EVENT_NOT_REVOCABLE');
    const assigned: HouseholdEvent = {
      type: 'CaseworkerAssigned',
      data: { caseworkerId: 'cw-02', previousCaseworkerId: null },
    };
    spec
      .given([...stream, assigned])
      .when(request('supervisor', target(5, 'CaseworkerAssigned')))
      .thenRefuses('REVOCATION.EVENT_NOT_REVOCABLE');
    for (const type of ['ErasureRequested', 'HouseholdErased', 'MemberMovedIn', 'MemberMovedOut', 'ChildBorn'])
      expect(HOUSEHOLD_REVOCATION_RULES.irrevocable).toContain(type);
  });

  it('folds the household as if the mistyped assessment had not happened; the exit proposal stands', () => {
    const revoked: RevocationEvent = {
      type: 'EventRevoked',
      data: { ...target(2, 'HouseholdAssessed'), reason: 'Typed a zero too many', requestedBy: 'sv-01' },
    };
    const after = fold(householdDecider, [...stream, revoked]);
    expect(after.status === 'registered' && after.welfareStatus).toBe('below_poverty_line');
    expect(after.status === 'registered' && after.lastAssessment?.assessmentId).toBe('a-1');
    expect(after.status === 'registered' && after.pendingExit).toEqual({ proposalId: 'p-1', proposedBy: 'cw-01' });
  });

  it('lists the exit proposal made on the revoked assessment, and its decision, as dependents', () => {
    const approved: HouseholdEvent = {
      type: 'ExitApproved',
      data: { proposalId: 'p-1', approvedBy: 'sv-01', persons: 2, exitedOn: '2026-03-05' },
    };
    const { revocations } = fold(householdDecider, [...stream, approved]);
    expect(dependentsOf(revocations, 2, HOUSEHOLD_REVOCATION_RULES)).toEqual([3, 5]);
    // The assessment before: neither the proposal made on another one nor the approval of that proposal.
    expect(dependentsOf(revocations, 1, HOUSEHOLD_REVOCATION_RULES)).toEqual([]);
    expect(dependentsOf(revocations, 4, HOUSEHOLD_REVOCATION_RULES)).toEqual([]);
  });

  it('the members on a date leave out a revoked member change', () => {
    const began: HouseholdEvent = {
      type: 'PregnancyBegan',
      data: { nik: head.nik, reportedOn: '2026-02-01', expectedDeliveryOn: null },
    };
    const revoked = {
      type: 'EventRevoked' as const,
      data: { ...target(5, 'PregnancyBegan'), reason: 'Another family', requestedBy: 'sv-01' },
    };
    expect(membersOn([...stream, began], '2026-04-01').find((m) => m.nik === head.nik)?.pregnant).toBe(true);
    expect(membersOn([...stream, began, revoked], '2026-04-01').find((m) => m.nik === head.nik)?.pregnant).toBe(false);
  });
});
