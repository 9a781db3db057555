import { readFileSync, writeFileSync } from 'node:fs';
import type { INestApplicationContext } from '@nestjs/common';
import {
  HouseholdImporter,
  ImportProgressFiles,
  identitiesIn,
  readExtract,
  rowReport,
  type ImportProgress,
} from '#libs/intake/index.js';
import { CITY_WIDE } from '#libs/platform/auth/index.js';
import { toCsv } from '#libs/platform/http/index.js';
import { progressLine } from './progress-line.js';

export interface ImportOptions {
  file: string;
  /** Where the rows not registered are written (CSV, 0600). */
  report: string;
  /** Written into every event as its actor. */
  actor: string;
  dataDir: string;
  window: number;
  say: (message: string) => void;
}

/**
 * `jejak import FILE`: an operator's import of a DTKS extract on the machine that holds the
 * stores, city-wide, as an admin named by --actor. Resumes where a stopped run of the same file
 * (same bytes) left off, from its progress file in the data directory (ADR 0015).
 */
export async function importExtract(app: INestApplicationContext, options: ImportOptions) {
  const text = readFileSync(options.file, 'utf8');
  const extract = readExtract(text);
  const files = ImportProgressFiles.in(options.dataDir);
  const resumeFrom = files.load(extract.sha256);
  if (resumeFrom?.finishedAt) options.say(`this file was imported already (${resumeFrom.finishedAt}): nothing to do`);
  else if (resumeFrom)
    options.say(`resuming after ${resumeFrom.nextHousehold} of ${extract.households.length} households`);
  const bar = progressLine(process.stderr, 'rows');
  const rowsDone = (p: ImportProgress) => p.rowCounts.registered + p.rowCounts.already_known + p.rowCounts.refused;
  const started = Date.now();
  const startedRows = resumeFrom ? rowsDone(resumeFrom) : 0;
  const progress = await app.get(HouseholdImporter).run({
    extract,
    principal: { sub: options.actor, role: 'admin' },
    reach: CITY_WIDE,
    resumeFrom,
    window: options.window,
    checkpoint: (p) => {
      files.save(extract.sha256, p);
      bar.show(rowsDone(p), extract.rowCount);
    },
  });
  bar.show(rowsDone(progress), extract.rowCount, true);
  writeFileSync(options.report, toCsv(rowReport(progress, identitiesIn(extract))) || 'line,outcome\r\n', {
    mode: 0o600,
  });
  const seconds = (Date.now() - started) / 1000;
  return {
    file: options.file,
    sha256: extract.sha256,
    households: progress.householdCounts,
    rows: progress.rowCounts,
    report: options.report,
    seconds: Number(seconds.toFixed(1)),
    rowsPerSecond: Math.round((rowsDone(progress) - startedRows) / Math.max(seconds, 0.001)),
  };
}
