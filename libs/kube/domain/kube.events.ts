import type { DomainEvent } from '#libs/platform/domain/index.js';

export type KubeLeaveReason = 'moved' | 'own_business' | 'not_active' | 'exited_poverty' | 'other';

export type KubeEvent =
  | DomainEvent<
      'KubeFormed',
      {
        kubeId: string;
        name: string;
        businessType: string;
        kecamatan: string;
        kelurahan: string;
        householdIds: string[];
        formedOn: string;
      }
    >
  | DomainEvent<'KubeMemberJoined', { kubeId: string; householdId: string; joinedOn: string }>
  | DomainEvent<
      'KubeMemberLeft',
      { kubeId: string; householdId: string; reason: KubeLeaveReason; detail: string | null; leftOn: string }
    >
  | DomainEvent<
      'KubeGrantDisbursed',
      { kubeId: string; amount: number; source: string; reference: string; disbursedOn: string }
    >
  | DomainEvent<'KubeBusinessReported', { kubeId: string; period: string; revenue: number; activeMembers: number }>
  | DomainEvent<'KubeDissolved', { kubeId: string; reason: string; householdIds: string[]; dissolvedOn: string }>;

export const KUBE_EVENT_TYPES: readonly KubeEvent['type'][] = [
  'KubeFormed',
  'KubeMemberJoined',
  'KubeMemberLeft',
  'KubeGrantDisbursed',
  'KubeBusinessReported',
  'KubeDissolved',
];
