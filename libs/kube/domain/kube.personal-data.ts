import type { KubeEvent } from './kube.events.js';

/**
 * Personal fields of Kube events, sealed under the household's key (ADR 0010). Only events that
 * name one household can be sealed; the group's own facts (name, business, area) are not personal.
 */
export const KUBE_PERSONAL_FIELDS: Record<KubeEvent['type'], readonly string[]> = {
  KubeFormed: [],
  KubeMemberJoined: [],
  KubeMemberLeft: ['detail'],
  KubeGrantDisbursed: [],
  KubeBusinessReported: [],
  KubeDissolved: [],
};
