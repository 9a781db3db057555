import type { Address, Member } from '../../domain/household.events.js';

export const HOUSEHOLD_SUMMARY_TABLE = 'household_summary';

export interface HouseholdSummaryRow {
  household_id: string;
  kk: string;
  head_name: string;
  kecamatan: string;
  kelurahan: string;
  /** JSON of Address */
  address: string;
  /** JSON of Member[] (current members) */
  members: string;
  member_count: number;
  welfare_status: string;
  case_status: string;
  pending_exit: number;
  caseworker_id: string | null;
  /** DTKS/DTSEN welfare decile the household was registered with (ADR 0015), if any. */
  welfare_decile: number | null;
  /** The day of the DTKS extract it came from, when known. */
  dtks_extracted_on: string | null;
  per_capita_income: number | null;
  poverty_line: number | null;
  last_assessed_on: string | null;
  notes_count: number;
  last_contact_at: string | null;
  registered_at: string;
  registered_position: number;
  updated_at: string;
  revision: number;
  last_position: number;
  /** Lower-case, accent-free KK, NIKs and names, for text search. */
  search_text: string;
  /** The day the case closed (the exit's date) while it is closed: retention counts from it. */
  closed_on: string | null;
  /** 1 once the household's personal data is erased (ADR 0010). */
  erased: number;
}

export interface HouseholdSummaryTables {
  household_summary: HouseholdSummaryRow;
}

/** Case- and accent-insensitive form used both when indexing and when searching. */
export const normalizeForSearch = (text: string): string =>
  text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();

export function searchTextOf(kk: string, members: Member[]): string {
  return normalizeForSearch([kk, ...members.flatMap((m) => [m.nik, m.name])].join(' | '));
}

export const headNameOf = (members: Member[]): string => members.find((m) => m.relationship === 'head')?.name ?? '';

export interface HouseholdSummary {
  id: string;
  kk: string;
  headName: string;
  address: Address;
  members: Member[];
  memberCount: number;
  welfareStatus: string;
  caseStatus: string;
  exitProposed: boolean;
  caseworkerId: string | null;
  /** What DTKS/DTSEN said of the household when it was registered from it (ADR 0015). */
  dtks: { welfareDecile: number; extractedOn: string | null } | null;
  lastAssessment: { perCapitaIncome: number; povertyLine: number; assessedOn: string } | null;
  notesCount: number;
  lastContactAt: string | null;
  registeredAt: string;
  updatedAt: string;
  revision: number;
  position: number;
}

export function toSummary(row: HouseholdSummaryRow): HouseholdSummary {
  return {
    id: row.household_id,
    kk: row.kk,
    headName: row.head_name,
    address: JSON.parse(row.address) as Address,
    members: JSON.parse(row.members) as Member[],
    memberCount: row.member_count,
    welfareStatus: row.welfare_status,
    caseStatus: row.case_status,
    exitProposed: Number(row.pending_exit) === 1,
    caseworkerId: row.caseworker_id,
    dtks:
      row.welfare_decile === null
        ? null
        : { welfareDecile: Number(row.welfare_decile), extractedOn: row.dtks_extracted_on },
    lastAssessment:
      row.last_assessed_on === null
        ? null
        : {
            perCapitaIncome: Number(row.per_capita_income),
            povertyLine: Number(row.poverty_line),
            assessedOn: row.last_assessed_on,
          },
    notesCount: row.notes_count,
    lastContactAt: row.last_contact_at,
    registeredAt: row.registered_at,
    updatedAt: row.updated_at,
    revision: Number(row.revision),
    // PostgreSQL hands a bigint column back as a string; the API answers numbers.
    position: Number(row.last_position),
  };
}
