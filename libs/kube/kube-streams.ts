import { streamName } from '#libs/platform/event-store/index.js';

export const KUBE_CATEGORY = 'kube';
export const KUBE_MEMBERSHIP_CATEGORY = 'kubemembership';

export const kubeStream = (kubeId: string): string => streamName(KUBE_CATEGORY, kubeId);
/** A household's place in a Kube: held by at most one active Kube at a time (ADR 0004). */
export const kubeMembershipStream = (householdId: string): string => streamName(KUBE_MEMBERSHIP_CATEGORY, householdId);
