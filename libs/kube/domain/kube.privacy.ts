import type { EventPrivacy } from '#libs/platform/domain/index.js';
import type { KubeEvent } from './kube.events.js';

/**
 * What a PII-free reader sees of each Kube event (ADR 0010). A group's name is free text (often a
 * member's name). Its business type and a grant's budget source are labels typed by staff (any 2 to
 * 60 or 40 characters, not a coded list): free text too, so dropped; no report groups by them.
 */
export const KUBE_PRIVACY: EventPrivacy<KubeEvent> = {
  KubeFormed: {
    kubeId: 'public',
    name: 'personal',
    businessType: 'personal',
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
    source: 'personal',
    reference: 'personal',
    disbursedOn: 'public',
  },
  KubeBusinessReported: { kubeId: 'public', period: 'public', revenue: 'public', activeMembers: 'public' },
  KubeDissolved: { kubeId: 'public', reason: 'personal', householdIds: 'household', dissolvedOn: 'public' },
};
