import type { ExtractFile } from '../extract/dtks-extract.js';
import type { ImportProgress } from './import-progress.js';

/** The KK, NIK and name on a line of the file, for a reader who may see them. */
export type RowIdentity = (line: number) => { kk: string; nik: string; name: string } | undefined;

/** Looks rows up in the extract itself (the CLI, which has the file). */
export function identitiesIn(extract: ExtractFile): RowIdentity {
  const cells = new Map<number, Record<string, string>>();
  for (const household of extract.households) for (const row of household.rows) cells.set(row.line, row.cells);
  return (line) => {
    const row = cells.get(line);
    return row && { kk: row.kk ?? '', nik: row.nik ?? '', name: row.name ?? '' };
  };
}

/**
 * A message with its NIK or KK masked: the progress (kept in the data directory or PostgreSQL,
 * ADR 0015) names rows by line, never by number; the report adds the numbers to those who may see them.
 */
export const maskNumbers = (message: string): string => message.replace(/\d{16}/g, '[NIK]');

export type ReportRow = {
  line: number;
  outcome: 'already_known' | 'refused';
  kk?: string;
  nik?: string;
  name?: string;
  column: string;
  rule: string;
  message: string;
  householdId?: string;
};

/**
 * The row report: one row per row of the file that was not registered (refused, or already
 * known), in file order, with the column and rule that stopped it. KK, NIK and name are only
 * there when `identities` is given (a reader who may see personal data) and still knows the row
 * (not erased, not expired); messages never name a NIK (older progress is masked here), and the
 * line number finds the row in the uploader's file.
 */
export function rowReport(progress: ImportProgress, identities: RowIdentity | null): ReportRow[] {
  return [...progress.notRegistered]
    .sort((a, b) => a.line - b.line)
    .map((entry) => {
      const who = identities?.(entry.line);
      return {
        line: entry.line,
        outcome: entry.outcome,
        ...(who ? { kk: who.kk, nik: who.nik, name: who.name } : {}),
        column: entry.column,
        rule: entry.rule,
        message: maskNumbers(entry.message),
        ...(entry.householdId ? { householdId: entry.householdId } : {}),
      };
    });
}
