import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { privateDirectory } from '#libs/platform/private-files.js';

export type RowOutcome = 'registered' | 'already_known' | 'refused';

/** A row that was not registered, and why. Its KK, NIK and name are read back from the file by line. */
export interface ReportEntry {
  line: number;
  outcome: Exclude<RowOutcome, 'registered'>;
  column: string;
  rule: string;
  message: string;
  /** Already known: the household that holds the KK or NIK. */
  householdId?: string;
}

export type Counts = Record<RowOutcome, number>;

/**
 * Where an import stands: the households before `nextHousehold` are done (in file order), with
 * their counts and the rows not registered. Saved after every window of households, so a
 * resumed run starts there; the windows after it are safe to run again (ADR 0015).
 */
export interface ImportProgress {
  sha256: string;
  households: number;
  rows: number;
  nextHousehold: number;
  rowCounts: Counts;
  householdCounts: Counts;
  notRegistered: ReportEntry[];
  startedAt: string;
  finishedAt: string | null;
}

export const noCounts = (): Counts => ({ registered: 0, already_known: 0, refused: 0 });

/**
 * Progress files under `<data dir>/imports/`, one per import, 0600 in a 0700 directory: rows by
 * line, column and rule, the messages' numbers masked (ADR 0015). Written whole to a temporary file, synced, then renamed, so
 * a kill leaves the previous checkpoint or the new one, never half of one.
 */
export class ImportProgressFiles {
  constructor(private readonly directory: string) {}

  static in(dataDir: string): ImportProgressFiles {
    return new ImportProgressFiles(join(dataDir, 'imports'));
  }

  path(name: string): string {
    if (!/^[A-Za-z0-9-]{1,80}$/.test(name)) throw new Error(`Not an import's name: ${name}`);
    return join(this.directory, `${name}.json`);
  }

  load(name: string): ImportProgress | null {
    const file = this.path(name);
    return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as ImportProgress) : null;
  }

  save(name: string, progress: ImportProgress): void {
    privateDirectory(this.directory);
    const file = this.path(name);
    const temporary = `${file}.tmp`;
    const fd = openSync(temporary, 'w', 0o600);
    try {
      writeSync(fd, JSON.stringify(progress));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, file);
  }

  remove(name: string): void {
    rmSync(this.path(name), { force: true });
  }
}
