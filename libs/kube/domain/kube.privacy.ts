import type { EventPrivacy } from '#libs/platform/domain/index.js';
import type { KubeEvent } from './kube.events.js';

/**
 * What a PII-free reader sees of each Kube event (ADR 0010). A group's name is free text (often a
 * member's name); its business type and budget source are short labels, kept for the reports.
 */
export const KUBE_PRIVACY: EventPrivacy<KubeEvent> = {
  KubeFormed: {
    kubeId: 'public',
    name: 'personal',
    businessType: 'public',
    kecamatan: 'public',
    kelurahan: 'public',
    householdIds: 'household',
    formedOn: 'public',
  },
  KubeMemberJoined: { kubeId: 'public', householdId: 'household', joinedOn: 'public' },
  KubeMemberLeft: {
    kubeId: 'public',
    householdId: 'household',
    reason: 'public',
    detail: 'personal',
    leftOn: 'public',
  },
  KubeGrantDisbursed: {
    kubeId: 'public',
    amount: 'public',
    source: 'public',
    reference: 'personal',
    disbursedOn: 'public',
  },
  KubeBusinessReported: { kubeId: 'public', period: 'public', revenue: 'public', activeMembers: 'public' },
  KubeDissolved: { kubeId: 'public', reason: 'personal', householdIds: 'household', dissolvedOn: 'public' },
};
