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
  describe('forming a group', () => {
    it('forms a group of its founding households', () => {
      spec.given([]).when(form()).then([formed]);
    });
    it('needs at least the minimum number of households', () => {
      spec
        .given([])
        .when(form(['h1', 'h2', 'h3', 'h4']))
        .thenRefuses('KUBE.GROUP_SIZE');
    });
    it('takes no more than the maximum number of households', () => {
      spec
        .given([])
        .when(form(['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'h7', 'h8']))
        .thenRefuses('KUBE.GROUP_SIZE');
    });
    it('lists each household once', () => {
      spec
        .given([])
        .when(form(['h1', 'h2', 'h3', 'h4', 'h4']))
        .thenRefuses('KUBE.MEMBER_LISTED_TWICE');
    });
    it('happens once', () => {
      spec.given([formed]).when(form()).thenRefuses('KUBE.ALREADY_FORMED');
    });
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

  describe('joining', () => {
    it('lets a household join', () => {
      spec
        .given([formed])
        .when(join('h6'))
        .then([joined('h6')]);
    });
    it('lets a household join once', () => {
      spec.given([formed]).when(join('h1')).thenRefuses('KUBE.ALREADY_A_MEMBER');
    });
    it('stops at the maximum number of households', () => {
      spec
        .given([formed, joined('h6'), joined('h7')])
        .when(join('h8'))
        .thenRefuses('KUBE.GROUP_FULL');
    });
    it('needs a group that was formed', () => {
      spec.given([]).when(join('h6')).thenRefuses('KUBE.NOT_FOUND');
    });
  });

  describe('leaving', () => {
    it('lets a member leave with a reason', () => {
      spec
        .given([formed])
        .when(leave('h2'))
        .then([left('h2')]);
    });
    it('is for members only', () => {
      spec.given([formed]).when(leave('h9')).thenRefuses('KUBE.NOT_A_MEMBER');
    });
  });

  describe('a grant', () => {
    it('is disbursed to a group at its minimum size', () => {
      spec
        .given([formed])
        .when(grant)
        .then([
          {
            type: 'KubeGrantDisbursed',
            data: { kubeId: 'k1', amount: 20_000_000, source: 'APBD', reference: 'SP2D-9', disbursedOn: '2026-03-01' },
          },
        ]);
    });
    it('is refused to a group below its minimum size', () => {
      spec
        .given([formed, left('h1')])
        .when(grant)
        .thenRefuses('KUBE.TOO_FEW_MEMBERS_FOR_GRANT');
    });
  });

  describe('a business report', () => {
    const report = (period: string, activeMembers = 5): KubeCommand => ({
      type: 'ReportKubeBusiness',
      data: { period, revenue: 3_500_000, activeMembers, at },
    });
    const reported: KubeEvent = {
      type: 'KubeBusinessReported',
      data: { kubeId: 'k1', period: '2026-02', revenue: 3_500_000, activeMembers: 5 },
    };

    it('is recorded for a period', () => {
      spec.given([formed]).when(report('2026-02')).then([reported]);
    });
    it('is taken once per period', () => {
      spec.given([formed, reported]).when(report('2026-02')).thenRefuses('KUBE.PERIOD_ALREADY_REPORTED');
    });
    it('counts no more active members than the group has members', () => {
      spec.given([formed]).when(report('2026-03', 6)).thenRefuses('KUBE.MORE_ACTIVE_THAN_MEMBERS');
    });
  });

  describe('dissolution', () => {
    const dissolved: KubeEvent = {
      type: 'KubeDissolved',
      data: {
        kubeId: 'k1',
        reason: 'Business closed',
        householdIds: ['h1', 'h3', 'h4', 'h5'],
        dissolvedOn: '2026-06-01',
      },
    };

    it('names the members it lets go', () => {
      spec
        .given([formed, left('h2')])
        .when({ type: 'DissolveKube', data: { reason: 'Business closed', dissolvedOn: '2026-06-01', at } })
        .then([dissolved]);
    });
    it('leaves a group that refuses everything', () => {
      spec.given([formed, dissolved]).when(join('h6')).thenRefuses('KUBE.DISSOLVED');
    });
  });
});
