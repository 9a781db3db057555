/** Services a household or a member is referred to, by code. */
export const REFERRAL_SERVICES = [
  'puskesmas',
  'school',
  'bpjs_kesehatan',
  'dukcapil',
  'dinas_pendidikan',
  'dinas_kesehatan',
  'dinas_tenaga_kerja',
  'dinas_pemberdayaan_perempuan',
  'other_dinas',
] as const;
export type ReferralService = (typeof REFERRAL_SERVICES)[number];

/** Why a household or a member is referred, by code. */
export const REFERRAL_REASONS = [
  'health_check',
  'maternal_care',
  'child_nutrition',
  'health_insurance',
  'school_enrolment',
  'civil_registration',
  'disability_support',
  'employment',
  'protection',
  'other',
] as const;
export type ReferralReason = (typeof REFERRAL_REASONS)[number];
