import { describe, it } from '@jest/globals';
import { deciderSpecification } from '#libs/platform/testing/decider-specification.js';
import { kubeDecider, type KubeCommand, type KubeHouseholdStanding } from './kube.decider.js';
import type { KubeEvent } from './kube.events.js';

const at = '2026-03-01T08:00:00.000Z';
const size = { minMembers: 5, maxMembers: 7 };
const members = ['h1', 'h2', 'h3', 'h4', 'h5'];
const openCases = (householdIds: string[]): Record<string, KubeHouseholdStanding> =>
  Object.fromEntries(householdIds.map((h) => [h, 'open_case']));
const form = (householdIds = members, standing = openCases(householdIds)): KubeCommand => ({
  type: 'FormKube',
  data: {
    kubeId: 'k1',
    name: 'Kube Melati',
    businessType: 'catering',
    kecamatan: 'Bekasi Utara',
    kelurahan: 'Harapan Jaya',
    householdIds,
    standing,
    formedOn: '2026-02-01',
    size,
    at,
  },
});
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
const join = (householdId: string, standing: KubeHouseholdStanding = 'open_case'): KubeCommand => ({
  type: 'JoinKube',
  data: { householdId, standing, joinedOn: '2026-02-10', size, at },
});
const leave = (householdId: string): KubeCommand => ({
  type: 'LeaveKube',
  data: { householdId, reason: 'moved', detail: null, leftOn: '2026-02-20', at },
});
const left = (householdId: string): KubeEvent => ({
  type: 'KubeMemberLeft',
  data: { kubeId: 'k1', householdId, reason: 'moved', detail: null, leftOn: '2026-02-20' },
});
const grant = {
  type: 'DisburseKubeGrant',
  data: { amount: 20_000_000, source: 'APBD', reference: 'SP2D-9', disbursedOn: '2026-03-01', size, at },
} as const;
const spec = deciderSpecification(kubeDecider);

describe('Kube decider', () => {
  it('forms a group of five to the maximum number of distinct households', () => {
    spec.given([]).when(form()).then([formed]);
    spec
      .given([])
      .when(form(['h1', 'h2', 'h3', 'h4']))
      .thenRefuses('KUBE.GROUP_SIZE');
    spec
      .given([])
      .when(form(['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'h7', 'h8']))
      .thenRefuses('KUBE.GROUP_SIZE');
    spec
      .given([])
      .when(form(['h1', 'h2', 'h3', 'h4', 'h4']))
      .thenRefuses('KUBE.MEMBER_LISTED_TWICE');
    spec.given([formed]).when(form()).thenRefuses('KUBE.ALREADY_FORMED');
  });

  describe('a household in a group', () => {
    it('must be registered to found a group', () => {
      spec
        .given([])
        .when(form(members, { ...openCases(members), h3: 'not_registered' }))
        .thenRefuses('KUBE.HOUSEHOLD_NOT_REGISTERED', { householdId: 'h3' });
    });
    it('cannot found a group once its case is closed', () => {
      spec
        .given([])
        .when(form(members, { ...openCases(members), h2: 'closed_case' }))
        .thenRefuses('KUBE.HOUSEHOLD_CASE_CLOSED', { householdId: 'h2' });
    });
    it('must be registered to join', () => {
      spec.given([formed]).when(join('h6', 'not_registered')).thenRefuses('KUBE.HOUSEHOLD_NOT_REGISTERED');
    });
    it('cannot join once its case is closed', () => {
      spec.given([formed]).when(join('h6', 'closed_case')).thenRefuses('KUBE.HOUSEHOLD_CASE_CLOSED');
    });
  });

  it('lets households join up to the maximum, once each', () => {
    spec
      .given([formed])
      .when(join('h6'))
      .then([joined('h6')]);
    spec.given([formed]).when(join('h1')).thenRefuses('KUBE.ALREADY_A_MEMBER');
    spec
      .given([formed, joined('h6'), joined('h7')])
      .when(join('h8'))
      .thenRefuses('KUBE.GROUP_FULL');
    spec.given([]).when(join('h6')).thenRefuses('KUBE.NOT_FOUND');
  });

  it('lets members leave with a reason', () => {
    spec
      .given([formed])
      .when(leave('h2'))
      .then([left('h2')]);
    spec.given([formed]).when(leave('h9')).thenRefuses('KUBE.NOT_A_MEMBER');
  });

  it('grants only to a group at its minimum size', () => {
    spec
      .given([formed])
      .when(grant)
      .then([
        {
          type: 'KubeGrantDisbursed',
          data: { kubeId: 'k1', amount: 20_000_000, source: 'APBD', reference: 'SP2D-9', disbursedOn: '2026-03-01' },
        },
      ]);
    spec
      .given([formed, left('h1')])
      .when(grant)
      .thenRefuses('KUBE.TOO_FEW_MEMBERS_FOR_GRANT');
  });

  it('takes one business report per period, with no more active members than members', () => {
    const report = (period: string, activeMembers = 5): KubeCommand => ({
      type: 'ReportKubeBusiness',
      data: { period, revenue: 3_500_000, activeMembers, at },
    });
    const reported: KubeEvent = {
      type: 'KubeBusinessReported',
      data: { kubeId: 'k1', period: '2026-02', revenue: 3_500_000, activeMembers: 5 },
    };
    spec.given([formed]).when(report('2026-02')).then([reported]);
    spec.given([formed, reported]).when(report('2026-02')).thenRefuses('KUBE.PERIOD_ALREADY_REPORTED');
    spec.given([formed]).when(report('2026-03', 6)).thenRefuses('KUBE.MORE_ACTIVE_THAN_MEMBERS');
  });

  it('dissolves, naming the members it lets go, and then refuses everything', () => {
    const dissolved: KubeEvent = {
      type: 'KubeDissolved',
      data: {
        kubeId: 'k1',
        reason: 'Business closed',
        householdIds: ['h1', 'h3', 'h4', 'h5'],
        dissolvedOn: '2026-06-01',
      },
    };
    spec
      .given([formed, left('h2')])
      .when({ type: 'DissolveKube', data: { reason: 'Business closed', dissolvedOn: '2026-06-01', at } })
      .then([dissolved]);
    spec.given([formed, dissolved]).when(join('h6')).thenRefuses('KUBE.DISSOLVED');
  });
});
