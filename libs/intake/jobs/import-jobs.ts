import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { AccessScope } from '#libs/access/index.js';
import type { Principal, Reach } from '#libs/platform/auth/index.js';
import { uuidFromName } from '#libs/platform/command-handling/index.js';
import { APP_CONFIG, type AppConfig } from '#libs/platform/config/index.js';
import { privateDirectory } from '#libs/platform/private-files.js';
import { readExtract, type ExtractFile } from '../extract/dtks-extract.js';
import { HouseholdImporter } from '../import/household-importer.js';
import { ImportProgressFiles, type ImportProgress, type ReportEntry } from '../import/import-progress.js';

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
  /** When finished: the KK, NIK and name of each row not registered, by line (the file is gone). */
  rowsNotRegistered?: Record<number, { kk: string; nik: string; name: string }>;
}

/**
 * Import jobs over HTTP (ADR 0015). The uploaded extract is kept 0600 in `<data dir>/imports/`
 * while its job runs, so that a restarted service can finish it (resumeUnfinished), and deleted
 * when the job ends, finished or failed; what the row report needs of it is kept with the job's
 * progress (0600). A failed job is started again, from its progress, by sending the file again.
 * A job is named by its uploader and the file's hash: the same file sent again is the same job.
 */
@Injectable()
export class ImportJobs implements OnApplicationShutdown {
  private readonly logger = new Logger('Import');
  private readonly directory: string;
  private readonly progress: ImportProgressFiles;
  private readonly running = new Map<string, Promise<void>>();
  private stopping = false;

  constructor(
    private readonly importer: HouseholdImporter,
    private readonly scope: AccessScope,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.directory = join(config.dataDir, 'imports');
    this.progress = new ImportProgressFiles(this.directory);
  }

  /** Reads the extract (a bad header throws ExtractHeaderError) and starts its job, or finds it. */
  start(text: string, principal: Principal, reach: Reach): ImportJob {
    const extract = readExtract(text);
    const id = uuidFromName(`jejak-import-job\u0000${principal.sub}\u0000${extract.sha256}`);
    const known = this.find(id);
    // A failed job (its store was down, say) runs again from its progress when the file comes again.
    if (known && known.status !== 'failed') return known;
    privateDirectory(this.directory);
    writeFileSync(this.file(id, 'csv'), text, { mode: 0o600 });
    const job: ImportJob = {
      id,
      startedBy: principal,
      sha256: extract.sha256,
      status: 'running',
      error: null,
      rows: extract.rowCount,
      households: extract.households.length,
    };
    this.saveJob(job);
    this.run(job, extract, reach);
    return job;
  }

  find(id: string): ImportJob | null {
    const file = this.file(id, 'job.json');
    return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as ImportJob) : null;
  }

  progressOf(id: string): ImportProgress | null {
    return this.progress.load(id);
  }

  /** After a restart: the jobs a stopped process left running go on where they stood. */
  async resumeUnfinished(): Promise<void> {
    if (!existsSync(this.directory)) return;
    for (const name of readdirSync(this.directory)) {
      const id = /^([0-9a-f-]{36})\.job\.json$/.exec(name)?.[1];
      const job = id ? this.find(id) : null;
      if (!job || job.status !== 'running' || this.running.has(job.id) || !existsSync(this.file(job.id, 'csv')))
        continue;
      this.logger.log(`Resuming import job ${job.id}`);
      const reach = await this.scope.reachOf(job.startedBy);
      this.run(job, readExtract(readFileSync(this.file(job.id, 'csv'), 'utf8')), reach);
    }
  }

  /** Waits for the jobs running in this process (tests, and a clean shutdown between windows). */
  async settle(): Promise<void> {
    await Promise.all(this.running.values());
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await this.settle();
  }

  private run(job: ImportJob, extract: ExtractFile, reach: Reach): void {
    const done = this.importer
      .run({
        extract,
        principal: job.startedBy,
        reach,
        resumeFrom: this.progress.load(job.id),
        checkpoint: (p) => {
          this.progress.save(job.id, p);
          // Stopping: the progress is saved; the next start resumes from it.
          if (this.stopping && !p.finishedAt) throw new ImportStopped();
        },
      })
      .then((progress) => this.finish(job, extract, progress.notRegistered))
      .catch((error: unknown) => {
        if (error instanceof ImportStopped) return;
        this.logger.error(`Import job ${job.id} failed: ${(error as Error).stack ?? error}`);
        this.saveJob({ ...job, status: 'failed', error: (error as Error).message });
        rmSync(this.file(job.id, 'csv'), { force: true });
      })
      .finally(() => this.running.delete(job.id));
    this.running.set(job.id, done);
  }

  private finish(job: ImportJob, extract: ExtractFile, notRegistered: ReportEntry[]): void {
    const lines = new Set(notRegistered.map((e) => e.line));
    const rows: NonNullable<ImportJob['rowsNotRegistered']> = {};
    for (const household of extract.households)
      for (const { line, cells } of household.rows)
        if (lines.has(line)) rows[line] = { kk: cells.kk ?? '', nik: cells.nik ?? '', name: cells.name ?? '' };
    this.saveJob({ ...job, status: 'finished', rowsNotRegistered: rows });
    rmSync(this.file(job.id, 'csv'), { force: true });
  }

  private saveJob(job: ImportJob): void {
    privateDirectory(this.directory);
    writeFileSync(this.file(job.id, 'job.json'), JSON.stringify(job), { mode: 0o600 });
  }

  private file(id: string, suffix: 'csv' | 'job.json'): string {
    if (!/^[0-9a-f-]{36}$/.test(id)) throw new Error(`Not an import job's id: ${id}`);
    return join(this.directory, `${id}.${suffix}`);
  }
}

class ImportStopped extends Error {
  override readonly name = 'ImportStopped';
}
