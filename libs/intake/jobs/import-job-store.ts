import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Principal } from '#libs/platform/auth/index.js';
import type { Envelope } from '#libs/platform/crypto-shredding/index.js';
import { privateDirectory } from '#libs/platform/private-files.js';
import { ImportProgressFiles, type ImportProgress } from '../import/import-progress.js';

export type ImportJobStatus = 'running' | 'finished' | 'failed';

/** A job as kept beside its progress: who started it, on what, and where it stands. */
export interface ImportJob {
  id: string;
  startedBy: Principal;
  sha256: string;
  status: ImportJobStatus;
  error: string | null;
  rows: number;
  households: number;
  /** When it finished or failed. */
  endedAt?: string;
  /**
   * When finished: the KK, NIK and name of each row not registered, by line (the file is gone),
   * sealed (ADR 0015): an already known row's under the key of the household holding its number
   * (erased with it), the refused rows' under the job's own key (erased when the report expires).
   */
  sealedRows?: Envelope[];
  /** When the report lost its KK, NIK and names (IMPORT_REPORT_RETENTION_DAYS after the end). */
  reportExpiredAt?: string;
}

/** The KK, NIK and name of rows of the file, by line. */
export type RowIdentities = Record<number, { kk: string; nik: string; name: string }>;

/**
 * Where import jobs and their progress (counts, the rows not registered) are kept: files in the
 * instance's data directory on the embedded default, a PostgreSQL table wherever API instances
 * share PostgreSQL, so that any instance answers for a job (ADR 0015).
 */
export interface ImportJobStore {
  find(id: string): Promise<ImportJob | null>;
  save(job: ImportJob): Promise<void>;
  progressOf(id: string): Promise<ImportProgress | null>;
  saveProgress(id: string, progress: ImportProgress): Promise<void>;
  /** The jobs left running (by this process or, in PostgreSQL, any instance). */
  running(): Promise<ImportJob[]>;
  /** Jobs that ended at or before `cutoff` (ISO) and whose report still holds its sealed rows. */
  expiring(cutoff: string): Promise<ImportJob[]>;
  close(): Promise<void>;
}

/** One `<id>.job.json` and one `<id>.json` (progress) per job in `<data dir>/imports/`, 0600. */
export class FileImportJobStore implements ImportJobStore {
  private readonly progress: ImportProgressFiles;

  constructor(private readonly directory: string) {
    this.progress = new ImportProgressFiles(directory);
  }

  async find(id: string): Promise<ImportJob | null> {
    const file = this.file(id);
    return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as ImportJob) : null;
  }

  async save(job: ImportJob): Promise<void> {
    privateDirectory(this.directory);
    writeFileSync(this.file(job.id), JSON.stringify(job), { mode: 0o600 });
  }

  async progressOf(id: string): Promise<ImportProgress | null> {
    return this.progress.load(id);
  }

  async saveProgress(id: string, progress: ImportProgress): Promise<void> {
    this.progress.save(id, progress);
  }

  async running(): Promise<ImportJob[]> {
    return (await this.all()).filter((job) => job.status === 'running');
  }

  async expiring(cutoff: string): Promise<ImportJob[]> {
    return (await this.all()).filter(
      (job) => job.status !== 'running' && !job.reportExpiredAt && !!job.endedAt && job.endedAt <= cutoff,
    );
  }

  private async all(): Promise<ImportJob[]> {
    if (!existsSync(this.directory)) return [];
    const jobs: ImportJob[] = [];
    for (const name of readdirSync(this.directory)) {
      const id = /^([0-9a-f-]{36})\.job\.json$/.exec(name)?.[1];
      const job = id ? await this.find(id) : null;
      if (job) jobs.push(job);
    }
    return jobs;
  }

  async close(): Promise<void> {}

  private file(id: string): string {
    if (!/^[0-9a-f-]{36}$/.test(id)) throw new Error(`Not an import job's id: ${id}`);
    return join(this.directory, `${id}.job.json`);
  }
}
