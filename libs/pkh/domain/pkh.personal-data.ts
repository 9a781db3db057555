import type { PkhEvent } from './pkh.events.js';

/** Personal fields of PKH events, sealed under the household's key (ADR 0010). */
export const PKH_PERSONAL_FIELDS: Record<PkhEvent['type'], readonly string[]> = {
  EnrolledInPkh: ['components[].nik'],
  PkhComplianceVerified: ['missed[].nik', 'missed[].detail'],
  PkhBenefitDisbursed: [],
  PkhSuspended: [],
  PkhReinstated: ['reason'],
  PkhTerminated: ['reason'],
  PkhGraduated: ['reason'],
};
