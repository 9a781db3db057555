import type { ExtractFile } from '../extract/dtks-extract.js';
import type { ImportProgress } from './import-progress.js';

/**
 * The row report: one row per row of the file that was not registered (refused, or already
 * known), in file order, with the column and rule that stopped it. KK, NIK and name are only
 * there for a reader who may see personal data; the line number finds the row in the file.
 */
export function rowReport(
  progress: ImportProgress,
  extract: ExtractFile | null,
  withPersonalData: boolean,
): Record<string, unknown>[] {
  const cells = new Map<number, Record<string, string>>();
  if (withPersonalData && extract)
    for (const household of extract.households) for (const row of household.rows) cells.set(row.line, row.cells);
  return [...progress.notRegistered]
    .sort((a, b) => a.line - b.line)
    .map((entry) => {
      const row = cells.get(entry.line);
      return {
        line: entry.line,
        outcome: entry.outcome,
        ...(withPersonalData ? { kk: row?.kk ?? '', nik: row?.nik ?? '', name: row?.name ?? '' } : {}),
        column: entry.column,
        rule: entry.rule,
        // The decider's messages name the NIK they are about.
        message: withPersonalData ? entry.message : entry.message.replace(/\d{16}/g, '[NIK]'),
      };
    });
}
