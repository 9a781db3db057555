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
import { KUBE_REVOCATION_RULES, kubeDecider, type KubeCommand } from './kube.decider.js';
import type { KubeEvent } from './kube.events.js';

/** Corrections of Kube entries (ADR 0019, "Kube and courses"): given the group's stream, when a revocation, then. */
const spec = deciderSpecification(kubeDecider);
const at = '2026-03-01T08:00:00.000Z';
const size = { minMembers: 5, maxMembers: 7 };
const members = ['h1', 'h2', 'h3', 'h4', 'h5'];

const formed: KubeEvent = {
  type: 'KubeFormed',
  data: {
    kubeId: 'k1',
    name: 'Kube Melati',
    businessType: 'catering',
    kecamatan: 'Bekasi Utara',
    kelurahan: 'Harapan Jaya',
    householdIds: members,
    formedOn: '2026-02-01',
  },
};
const joined = (householdId: string): KubeEvent => ({
  type: 'KubeMemberJoined',
  data: { kubeId: 'k1', householdId, joinedOn: '2026-02-10' },
});
const left = (householdId: string): KubeEvent => ({
  type: 'KubeMemberLeft',
  data: { kubeId: 'k1', householdId, reason: 'moved', detail: null, leftOn: '2026-02-20' },
});
const granted: KubeEvent = {
  type: 'KubeGrantDisbursed',
  data: { kubeId: 'k1', amount: 20_000_000, source: 'APBD', reference: 'SP2D-9', disbursedOn: '2026-03-01' },
};
const reported: KubeEvent = {
  type: 'KubeBusinessReported',
  data: { kubeId: 'k1', period: '2026-02', revenue: 3_000_000, activeMembers: 5 },
};
const dissolved: KubeEvent = {
  type: 'KubeDissolved',
  data: { kubeId: 'k1', reason: 'Usaha berhenti', householdIds: members, dissolvedOn: '2026-04-01' },
};

const target = (revision: number, eventType: string, carried: Partial<RevocationTarget> = {}): RevocationTarget => ({
  eventId: `e-${revision}`,
  eventType,
  revision,
  ...carried,
});
const request = (role: RevocationRole, t: RevocationTarget): RevocationCommand => ({
  type: 'RequestRevocation',
  data: { ...t, reason: 'Recorded on the wrong group', by: role === 'caseworker' ? 'cw-01' : 'sv-01', role },
});
const revokedBy = (role: RevocationRole, t: RevocationTarget): RevocationEvent => ({
  type: 'EventRevoked',
  data: { ...t, reason: 'Recorded on the wrong group', requestedBy: role === 'caseworker' ? 'cw-01' : 'sv-01' },
});
const askedBy = (t: RevocationTarget): RevocationEvent => ({
  type: 'RevocationRequested',
  data: { ...t, reason: 'Recorded on the wrong group', requestedBy: 'cw-01' },
});
const all = (events: (KubeEvent | RevocationEvent)[]) => events as KubeEvent[];

describe('revoking a Kube entry', () => {
  it('refuses to revoke the forming: it is the group itself (dissolve it instead)', () => {
    spec
      .given([formed])
      .when(request('supervisor', target(0, 'KubeFormed')))
      .thenRefuses('REVOCATION.EVENT_NOT_REVOCABLE');
  });

  it("revokes a business report at once on a caseworker's request: a mere record", () => {
    const t = target(1, 'KubeBusinessReported', { amount: 3_000_000 });
    spec
      .given([formed, reported])
      .when(request('caseworker', t))
      .then([revokedBy('caseworker', t)]);
  });

  it("records a caseworker's revocation of a grant, a joining, a leaving or a dissolution as a request", () => {
    const stream = [formed, joined('h6'), left('h6'), granted, dissolved];
    const cases = [
      target(1, 'KubeMemberJoined', { householdId: 'h6' }),
      target(2, 'KubeMemberLeft', { householdId: 'h6' }),
      target(3, 'KubeGrantDisbursed', { amount: 20_000_000 }),
      target(4, 'KubeDissolved', { householdIds: members }),
    ];
    for (const t of cases)
      spec
        .given(stream)
        .when(request('caseworker', t))
        .then([askedBy(t)]);
  });

  it("revokes a grant at once on a supervisor's own request; the grants are folded without it", () => {
    const t = target(1, 'KubeGrantDisbursed', { amount: 20_000_000 });
    spec
      .given([formed, granted])
      .when(request('supervisor', t))
      .then([revokedBy('supervisor', t)]);
    expect(fold(kubeDecider, all([formed, granted, granted, revokedBy('supervisor', t)])).grants).toBe(20_000_000);
  });

  it('a revoked report can be reported again', () => {
    const t = target(1, 'KubeBusinessReported');
    spec
      .given(all([formed, reported, revokedBy('caseworker', t)]))
      .when({ type: 'ReportKubeBusiness', data: { period: '2026-02', revenue: 2_500_000, activeMembers: 4, at } })
      .then([
        {
          type: 'KubeBusinessReported',
          data: { kubeId: 'k1', period: '2026-02', revenue: 2_500_000, activeMembers: 4 },
        },
      ]);
  });

  it('a revoked dissolution leaves the group active with its members, who can be given a grant again', () => {
    const t = target(1, 'KubeDissolved', { householdIds: members });
    const state = fold(kubeDecider, all([formed, dissolved, askedBy(t), { ...revokedBy('caseworker', t) }]));
    expect(state.status).toBe('active');
    expect(state.members).toEqual(members);
    const grant: KubeCommand = {
      type: 'DisburseKubeGrant',
      data: { amount: 5_000_000, source: 'APBD', reference: 'SP2D-10', disbursedOn: '2026-04-02', size, at },
    };
    spec
      .given(all([formed, dissolved, revokedBy('supervisor', t)]))
      .when(grant)
      .then([
        {
          type: 'KubeGrantDisbursed',
          data: { kubeId: 'k1', amount: 5_000_000, source: 'APBD', reference: 'SP2D-10', disbursedOn: '2026-04-02' },
        },
      ]);
  });

  it('a revoked joining is folded as if the household never joined: it can join again', () => {
    const t = target(1, 'KubeMemberJoined', { householdId: 'h6' });
    expect(fold(kubeDecider, all([formed, joined('h6'), revokedBy('supervisor', t)])).members).toEqual(members);
    spec
      .given(all([formed, joined('h6'), revokedBy('supervisor', t)]))
      .when({ type: 'JoinKube', data: { householdId: 'h6', standing: 'open_case', joinedOn: '2026-02-11', size, at } })
      .then([{ type: 'KubeMemberJoined', data: { kubeId: 'k1', householdId: 'h6', joinedOn: '2026-02-11' } }]);
  });

  it("lists a joining's dependents: that household's leaving and the grants after it, not another's leaving", () => {
    const { revocations } = fold(kubeDecider, [formed, joined('h6'), joined('h7'), granted, left('h7'), left('h6')]);
    expect(dependentsOf(revocations, 1, KUBE_REVOCATION_RULES)).toEqual([3, 5]);
  });

  it("lists a leaving's dependent: the same household joining again", () => {
    const { revocations } = fold(kubeDecider, [formed, left('h5'), joined('h6'), joined('h5')]);
    expect(dependentsOf(revocations, 1, KUBE_REVOCATION_RULES)).toEqual([3]);
  });

  it('lists no dependents of a grant, a report or a dissolution', () => {
    const { revocations } = fold(kubeDecider, [formed, granted, reported, granted, dissolved]);
    for (const revision of [1, 2, 4]) expect(dependentsOf(revocations, revision, KUBE_REVOCATION_RULES)).toEqual([]);
  });
});
