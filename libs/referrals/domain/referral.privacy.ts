import type { EventPrivacy } from '#libs/platform/domain/index.js';
import type { ReferralEvent } from './referral.events.js';

/**
 * What a PII-free reader sees of each referral event (ADR 0010, 0014): the service, the coded
 * reason and rejection, dates, areas and staff, so reporters can count referrals by service and
 * outcome. The member is a pseudonym; notes, details and revocation reasons are free text.
 */
export const REFERRAL_PRIVACY: EventPrivacy<ReferralEvent> = {
  ReferralMade: {
    referralId: 'public',
    householdId: 'household',
    nik: 'person',
    kecamatan: 'public',
    kelurahan: 'public',
    caseworkerId: 'public',
    referredBy: 'public',
    service: 'public',
    reason: 'public',
    note: 'personal',
    referredOn: 'public',
  },
  ReferralAccepted: { referralId: 'public', householdId: 'household', acceptedOn: 'public' },
  ReferralRejected: {
    referralId: 'public',
    householdId: 'household',
    rejection: 'public',
    detail: 'personal',
    rejectedOn: 'public',
  },
  ReferralServiceDone: { referralId: 'public', householdId: 'household', note: 'personal', doneOn: 'public' },
  ReferralRevoked: { referralId: 'public', householdId: 'household', reason: 'personal', revokedOn: 'public' },
};
