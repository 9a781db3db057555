import type { DomainEvent } from '#libs/platform/domain/index.js';
import type { ReferralReason, ReferralService } from '#libs/reference-data/index.js';

/** Why a service turns a referral down, by code; the detail is free text. */
export type ReferralRejection =
  'not_eligible' | 'incomplete_documents' | 'service_unavailable' | 'wrong_service' | 'duplicate' | 'other';
export const REFERRAL_REJECTIONS: readonly ReferralRejection[] = [
  'not_eligible',
  'incomplete_documents',
  'service_unavailable',
  'wrong_service',
  'duplicate',
  'other',
];

export type ReferralEvent =
  | DomainEvent<
      'ReferralMade',
      {
        referralId: string;
        householdId: string;
        /** The member referred; null when the whole household is. */
        nik: string | null;
        kecamatan: string;
        kelurahan: string;
        /** The household's caseworker when it was referred (the list's reach follows the case). */
        caseworkerId: string | null;
        referredBy: string;
        service: ReferralService;
        reason: ReferralReason;
        note: string | null;
        referredOn: string;
      }
    >
  | DomainEvent<'ReferralAccepted', { referralId: string; householdId: string; acceptedOn: string }>
  | DomainEvent<
      'ReferralRejected',
      {
        referralId: string;
        householdId: string;
        rejection: ReferralRejection;
        detail: string | null;
        rejectedOn: string;
      }
    >
  | DomainEvent<'ReferralServiceDone', { referralId: string; householdId: string; note: string | null; doneOn: string }>
  | DomainEvent<'ReferralRevoked', { referralId: string; householdId: string; reason: string; revokedOn: string }>;

export const REFERRAL_EVENT_TYPES: readonly ReferralEvent['type'][] = [
  'ReferralMade',
  'ReferralAccepted',
  'ReferralRejected',
  'ReferralServiceDone',
  'ReferralRevoked',
];
