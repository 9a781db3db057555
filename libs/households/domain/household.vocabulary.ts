/** The words a household's events and commands are made of. */
export type Sex = 'male' | 'female';
export type Relationship = 'head' | 'spouse' | 'child' | 'parent' | 'grandchild' | 'other_relative' | 'other';
export type SchoolLevel = 'none' | 'early_childhood' | 'primary' | 'junior_high' | 'senior_high';
export type RemovalReason = 'moved' | 'deceased' | 'other';
/** Why a former member left: a removal's reason, or a death or move recorded as such. */
export type LeavingReason = RemovalReason | 'died' | 'moved_out';
export type WelfareStatus = 'unassessed' | 'below_poverty_line' | 'above_poverty_line';

export interface Member {
  /** NIK, 16 digits. */
  nik: string;
  name: string;
  /** YYYY-MM-DD */
  birthDate: string;
  sex: Sex;
  relationship: Relationship;
  pregnant: boolean;
  severeDisability: boolean;
  schoolLevel: SchoolLevel;
}

/**
 * What the ministry's DTKS/DTSEN extract says of the household when it was registered from it
 * (ADR 0015): its welfare decile (desil, 1 the poorest tenth of the country's households to 10)
 * and, when known, the day the extract was taken, since DTKS ranks households anew each update.
 */
export interface DtksRanking {
  welfareDecile: number;
  extractedOn: string | null;
}

export interface Address {
  kecamatan: string;
  kelurahan: string;
  street?: string;
  rt?: string;
  rw?: string;
}
