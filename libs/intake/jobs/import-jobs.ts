import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { AccessScope } from '#libs/access/index.js';
import type { Principal, Reach } from '#libs/platform/auth/index.js';
import { CLOCK, type Clock } from '#libs/platform/clock.js';
import { uuidFromName } from '#libs/platform/command-handling/index.js';
import { APP_CONFIG, type AppConfig } from '#libs/platform/config/index.js';
import { KEYRING, open, seal, type Envelope, type Keyring } from '#libs/platform/crypto-shredding/index.js';
import { privateDirectory } from '#libs/platform/private-files.js';
import { readExtract, type ExtractFile } from '../extract/dtks-extract.js';
import { HouseholdImporter } from '../import/household-importer.js';
import type { ImportProgress, ReportEntry } from '../import/import-progress.js';
import { FileImportJobStore, type ImportJob, type ImportJobStore, type RowIdentities } from './import-job-store.js';
import { PostgresImportJobStore } from './postgres-import-job-store.js';

export type { ImportJob, ImportJobStatus, RowIdentities } from './import-job-store.js';

/** How often ended jobs are looked at for reports past their retention. */
const EXPIRY_SWEEP_MS = 60 * 60_000;
/** The key a job's refused rows are sealed under: its own, erased when its report expires. */
const jobKeyId = (id: string) => `import-job-${id}`;
/** What a sealed part of a report is bound to (GCM associated data): it cannot be moved to another job. */
const sealedFor = (id: string) => `import-job-report:${id}`;

/**
 * Import jobs over HTTP (ADR 0015). The uploaded extract is kept 0600 in `<data dir>/imports/`
 * while its job runs, so that a restarted service can finish it (resumeUnfinished), and deleted
 * when the job ends, finished or failed; what the row report needs of it is kept with the job's
 * progress (0600). A failed job is started again, from its progress, by sending the file again.
 * A job is named by its uploader and the file's hash: the same file sent again is the same job.
 * Wherever the instances share PostgreSQL, the job and its progress are kept there, so any
 * instance answers for it; the upload stays with the instance that took it, which runs it.
 * The report's KK, NIK and names are sealed at rest: an already known row under the key of the
 * household holding its number (its erasure blanks them), the refused rows under a key of the
 * job's, erased IMPORT_REPORT_RETENTION_DAYS after the job ended (expireReports).
 */
@Injectable()
export class ImportJobs implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('Import');
  private readonly directory: string;
  private store: ImportJobStore;
  private readonly running = new Map<string, Promise<void>>();
  private stopping = false;
  private sweep: NodeJS.Timeout | undefined;

  constructor(
    private readonly importer: HouseholdImporter,
    private readonly scope: AccessScope,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(KEYRING) private readonly keyring: Keyring,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.directory = join(config.dataDir, 'imports');
    this.store = new FileImportJobStore(this.directory);
  }

  async onModuleInit(): Promise<void> {
    const { eventStore, readStore, databaseUrl, databaseSchema } = this.config;
    if (eventStore === 'postgres' || readStore === 'postgres')
      this.store = await PostgresImportJobStore.open(databaseUrl!, databaseSchema);
    const sweep = () =>
      void this.expireReports().catch((e: unknown) => this.logger.error(`Expiring import reports failed: ${e}`));
    sweep();
    this.sweep = setInterval(sweep, EXPIRY_SWEEP_MS).unref();
  }

  /**
   * The reports of jobs ended more than IMPORT_REPORT_RETENTION_DAYS ago lose their KK, NIK and
   * names: the job's key is erased and the sealed parts dropped (the household keys stay, they are
   * the households'). Line, column, rule and counts stay: they name no one. Returns the jobs expired.
   */
  async expireReports(): Promise<string[]> {
    const now = this.clock.now();
    const cutoff = new Date(now.getTime() - this.config.importReportRetentionDays * 86_400_000).toISOString();
    const expired: string[] = [];
    for (const job of await this.store.expiring(cutoff)) {
      // Only a key that was made: erasing leaves a tombstone, which would keep a failed job sent
      // again from sealing its report.
      if (job.sealedRows?.some((e) => e.k === jobKeyId(job.id))) await this.keyring.erase(jobKeyId(job.id));
      const { sealedRows: _dropped, ...kept } = job;
      await this.store.save({ ...kept, reportExpiredAt: now.toISOString() });
      expired.push(job.id);
    }
    return expired;
  }

  /** The KK, NIK and name of the rows not registered, as far as their keys still exist. */
  async identitiesOf(job: ImportJob): Promise<RowIdentities> {
    const identities: RowIdentities = {};
    for (const envelope of job.sealedRows ?? []) {
      const key = await this.keyring.keyForReading(envelope.k);
      if (key) Object.assign(identities, open(key, sealedFor(job.id), envelope)[0] as RowIdentities);
    }
    return identities;
  }

  /** Reads the extract (a bad header throws ExtractHeaderError) and starts its job, or finds it. */
  async start(text: string, principal: Principal, reach: Reach): Promise<ImportJob> {
    const extract = readExtract(text);
    const id = uuidFromName(`jejak-import-job\u0000${principal.sub}\u0000${extract.sha256}`);
    const known = await this.find(id);
    // A failed job (its store was down, say) runs again from its progress when the file comes again.
    if (known && known.status !== 'failed') return known;
    privateDirectory(this.directory);
    writeFileSync(this.file(id), text, { mode: 0o600 });
    const job: ImportJob = {
      id,
      startedBy: principal,
      sha256: extract.sha256,
      status: 'running',
      error: null,
      rows: extract.rowCount,
      households: extract.households.length,
    };
    await this.store.save(job);
    this.run(job, extract, reach);
    return job;
  }

  find(id: string): Promise<ImportJob | null> {
    return this.store.find(id);
  }

  progressOf(id: string): Promise<ImportProgress | null> {
    return this.store.progressOf(id);
  }

  /**
   * After a restart: the jobs a stopped process left running go on where they stood. Only those
   * whose upload is in this instance's data directory: another instance's job is its own.
   */
  async resumeUnfinished(): Promise<void> {
    for (const job of await this.store.running()) {
      if (this.running.has(job.id) || !existsSync(this.file(job.id))) continue;
      this.logger.log(`Resuming import job ${job.id}`);
      const reach = await this.scope.reachOf(job.startedBy);
      this.run(job, readExtract(readFileSync(this.file(job.id), 'utf8')), reach);
    }
  }

  /** Waits for the jobs running in this process (tests, and a clean shutdown between windows). */
  async settle(): Promise<void> {
    await Promise.all(this.running.values());
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.sweep);
    this.stopping = true;
    await this.settle();
    await this.store.close();
  }

  private run(job: ImportJob, extract: ExtractFile, reach: Reach): void {
    const done = (async () =>
      this.importer.run({
        extract,
        principal: job.startedBy,
        reach,
        resumeFrom: await this.store.progressOf(job.id),
        checkpoint: async (p) => {
          await this.store.saveProgress(job.id, p);
          // Stopping: the progress is saved; the next start resumes from it.
          if (this.stopping && !p.finishedAt) throw new ImportStopped();
        },
      }))()
      .then((progress) => this.finish(job, extract, progress.notRegistered))
      .catch(async (error: unknown) => {
        if (error instanceof ImportStopped) return;
        this.logger.error(`Import job ${job.id} failed: ${(error as Error).stack ?? error}`);
        rmSync(this.file(job.id), { force: true });
        await this.store
          .save({ ...job, status: 'failed', error: (error as Error).message, endedAt: this.clock.now().toISOString() })
          .catch((e: unknown) => this.logger.error(`Import job ${job.id}: its failure not saved: ${e}`));
      })
      .finally(() => this.running.delete(job.id));
    this.running.set(job.id, done);
  }

  private async finish(job: ImportJob, extract: ExtractFile, notRegistered: ReportEntry[]): Promise<void> {
    // Each row's owner: the household holding its KK or NIK when already known, else the job.
    const owners = new Map(
      notRegistered.map((e) => [e.line, e.householdId ? `household-${e.householdId}` : jobKeyId(job.id)]),
    );
    const byOwner = new Map<string, RowIdentities>();
    for (const household of extract.households)
      for (const { line, cells } of household.rows) {
        const owner = owners.get(line);
        if (!owner) continue;
        const rows = byOwner.get(owner) ?? {};
        rows[line] = { kk: cells.kk ?? '', nik: cells.nik ?? '', name: cells.name ?? '' };
        byOwner.set(owner, rows);
      }
    const sealedRows: Envelope[] = [];
    for (const [owner, rows] of byOwner) {
      // An erased household's numbers are not kept at all.
      const key = await this.keyring.keyForWriting(owner);
      if (key) sealedRows.push(seal(key, owner, ['rows'], sealedFor(job.id), [rows]));
    }
    await this.store.save({ ...job, status: 'finished', endedAt: this.clock.now().toISOString(), sealedRows });
    rmSync(this.file(job.id), { force: true });
  }

  /** The upload, kept while its job runs. */
  private file(id: string): string {
    if (!/^[0-9a-f-]{36}$/.test(id)) throw new Error(`Not an import job's id: ${id}`);
    return join(this.directory, `${id}.csv`);
  }
}

class ImportStopped extends Error {
  override readonly name = 'ImportStopped';
}
