import { createHash } from 'node:crypto';
import { csvRecords } from '#libs/platform/http/index.js';

/**
 * A DTKS/DTSEN extract as Jejak reads it (ADR 0015): RFC 4180 CSV, UTF-8, a header row, then
 * **one row per member** (as DTKS keeps its individuals, "anggota rumah tangga"), the rows of a
 * family card (KK) grouped into one household wherever they stand in the file. Header names are
 * matched without case; columns may come in any order; unknown columns are ignored.
 */
export const EXTRACT_COLUMNS = {
  required: ['kk', 'nik', 'name', 'birth_date', 'sex', 'relationship', 'kecamatan', 'kelurahan', 'welfare_decile'],
  optional: ['street', 'rt', 'rw', 'pregnant', 'severe_disability', 'school_level', 'extract_date'],
} as const;

/** DTKS writes sex as L (laki-laki) / P (perempuan); the API's words are accepted as well. */
const SEX: Record<string, string> = { l: 'male', p: 'female', male: 'male', female: 'female' };
const YES = new Set(['1', 'true', 'ya', 'y', 'yes']);
const NO = new Set(['', '0', 'false', 'tidak', 't', 'n', 'no']);
/** A decile as DTKS writes it: a whole number from 1 to 10. */
export const WELFARE_DECILE = /^(10|[1-9])$/;

/** One member row as read, with the line it starts on (1 is the header). */
export interface ExtractRow {
  line: number;
  cells: Record<string, string>;
}

/** The rows of one KK: the unit that is registered, or refused, as a whole. */
export interface ExtractHousehold {
  /** Line of the household's first row: with the file's hash it names the registration. */
  line: number;
  kk: string;
  rows: ExtractRow[];
}

export interface ExtractFile {
  sha256: string;
  households: ExtractHousehold[];
  rowCount: number;
  /** Rows that cannot belong to any household (wrong number of cells): refused alone. */
  unreadable: Array<{ line: number; message: string }>;
}

export class ExtractHeaderError extends Error {
  override readonly name = 'ExtractHeaderError';
  constructor(readonly missing: string[]) {
    super(`The header lacks ${missing.join(', ')}`);
  }
}

export const fileSha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** Reads the extract; throws ExtractHeaderError when a required column is missing. */
export function readExtract(text: string): ExtractFile {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text; // a spreadsheet's byte-order mark
  const [header, ...records] = csvRecords(body);
  const columns = (header?.cells ?? []).map((c) => c.trim().toLowerCase());
  const missing = EXTRACT_COLUMNS.required.filter((c) => !columns.includes(c));
  if (missing.length > 0) throw new ExtractHeaderError(missing);
  const byKk = new Map<string, ExtractHousehold>();
  const unreadable: ExtractFile['unreadable'] = [];
  let rowCount = 0;
  for (const { line, cells } of records) {
    if (cells.length === 1 && cells[0]!.trim() === '') continue;
    rowCount++;
    if (cells.length !== columns.length) {
      unreadable.push({ line, message: `Expected ${columns.length} cells, found ${cells.length}` });
      continue;
    }
    const row: ExtractRow = { line, cells: Object.fromEntries(columns.map((c, i) => [c, cells[i]!.trim()])) };
    const kk = row.cells.kk!;
    const household = byKk.get(kk) ?? { line, kk, rows: [] };
    household.rows.push(row);
    byKk.set(kk, household);
  }
  return { sha256: fileSha256(text), households: [...byKk.values()], rowCount, unreadable };
}

/**
 * The household as the register route's body (RegisterHouseholdRequestDto), so that the same
 * validation refuses it with the same field and rule. Cells that do not parse are passed on as
 * they are, for the validation to name; a decile that is not one is left out, the extract's own
 * rule names it (household-rules). The decile and extract date are the household's: its first row's.
 */
export function registrationBody(household: ExtractHousehold): Record<string, unknown> {
  const first = household.rows[0]!.cells;
  const optional = (cells: Record<string, string>, name: string) => (cells[name] ? { [name]: cells[name] } : {});
  return {
    kk: household.kk,
    address: {
      kecamatan: first.kecamatan,
      kelurahan: first.kelurahan,
      ...(first.street ? { street: first.street } : {}),
      ...optional(first, 'rt'),
      ...optional(first, 'rw'),
    },
    members: household.rows.map(({ cells }) => ({
      nik: cells.nik,
      name: cells.name,
      birthDate: cells.birth_date,
      sex: SEX[cells.sex!.toLowerCase()] ?? cells.sex,
      relationship: cells.relationship!.toLowerCase(),
      ...flag(cells.pregnant, 'pregnant'),
      ...flag(cells.severe_disability, 'severeDisability'),
      ...(cells.school_level ? { schoolLevel: cells.school_level.toLowerCase() } : {}),
    })),
    ...(WELFARE_DECILE.test(first.welfare_decile ?? '')
      ? {
          dtks: {
            welfareDecile: Number(first.welfare_decile),
            ...(first.extract_date ? { extractedOn: first.extract_date } : {}),
          },
        }
      : {}),
  };
}

function flag(cell: string | undefined, name: string): Record<string, unknown> {
  if (cell === undefined) return {};
  const value = cell.toLowerCase();
  if (YES.has(value)) return { [name]: true };
  if (NO.has(value)) return value === '' ? {} : { [name]: false };
  return { [name]: cell };
}

/** The CSV column a field of the register body came from, and the row (line) it is on. */
export function cellOf(household: ExtractHousehold, field: string): { line: number; column: string } {
  const [head, index, leaf] = field.split('.');
  const LEAVES: Record<string, string> = {
    birthDate: 'birth_date',
    severeDisability: 'severe_disability',
    schoolLevel: 'school_level',
  };
  if (head === 'members' && index !== undefined && /^\d+$/.test(index)) {
    const row = household.rows[Number(index)] ?? household.rows[0]!;
    return { line: row.line, column: leaf ? (LEAVES[leaf] ?? leaf) : 'nik' };
  }
  if (head === 'address' && index) return { line: household.line, column: index };
  if (head === 'dtks')
    return { line: household.line, column: index === 'extractedOn' ? 'extract_date' : 'welfare_decile' };
  return { line: household.line, column: head === 'members' ? 'nik' : (head ?? '') };
}
