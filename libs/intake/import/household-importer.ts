import { Inject, Injectable } from '@nestjs/common';
import { HouseholdCommandHandler, registerHouseholdCommand } from '#libs/households/index.js';
import { coversArea, type Principal, type Reach } from '#libs/platform/auth/index.js';
import { CLOCK, localDay, type Clock } from '#libs/platform/clock.js';
import { APP_CONFIG, type AppConfig } from '#libs/platform/config/index.js';
import { uuidFromName, type CommandContext } from '#libs/platform/command-handling/index.js';
import { DomainError } from '#libs/platform/domain/index.js';
import type { ExtractFile, ExtractHousehold } from '../extract/dtks-extract.js';
import { checkHousehold, type RowProblem } from '../extract/household-rules.js';
import { noCounts, type ImportProgress, type ReportEntry, type RowOutcome } from './import-progress.js';
import { maskNumbers } from './row-report.js';

export interface ImportRun {
  extract: ExtractFile;
  principal: Principal;
  /** Rows outside it are refused (ACCESS.OUTSIDE_AREA), as the register route refuses them. */
  reach: Reach;
  /** Where a previous run stopped, if any. */
  resumeFrom: ImportProgress | null;
  /** Called after each window with the progress to keep (and show). */
  checkpoint: (progress: ImportProgress) => void | Promise<void>;
  /** Households registered at once: their appends share the store's group commits. */
  window?: number;
}

/** The household id a row of a file registers under: the same file and line, the same household. */
export const importedHouseholdId = (sha256: string, line: number): string =>
  uuidFromName(`jejak-import\u0000${sha256}\u0000${line}`);

/** Where a refusal the decider makes points in the file. */
const DECIDER_COLUMNS: Record<string, string> = {
  'HOUSEHOLD.MUST_HAVE_ONE_HEAD': 'relationship',
  'HOUSEHOLD.BIRTH_DATE_NOT_IN_FUTURE': 'birth_date',
  'HOUSEHOLD.PREGNANCY_NEEDS_A_WOMAN': 'pregnant',
  'HOUSEHOLD.NIK_REPEATED_IN_HOUSEHOLD': 'nik',
  'HOUSEHOLD.KK_ALREADY_REGISTERED': 'kk',
  'HOUSEHOLD.NIK_ALREADY_REGISTERED': 'nik',
};
const ALREADY_KNOWN = new Set(['HOUSEHOLD.KK_ALREADY_REGISTERED', 'HOUSEHOLD.NIK_ALREADY_REGISTERED']);

/**
 * Bulk intake (ADR 0015): registers each household of a DTKS extract through the households'
 * own command handler, the path the register route takes. Each registration is named by the
 * file's hash and its first line (household id, event ids), so a run after a crash, or the
 * same file again, registers nothing twice: the household is then found already registered.
 */
@Injectable()
export class HouseholdImporter {
  constructor(
    private readonly households: HouseholdCommandHandler,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async run(job: ImportRun): Promise<ImportProgress> {
    const { extract } = job;
    const progress: ImportProgress = job.resumeFrom ?? {
      sha256: extract.sha256,
      households: extract.households.length,
      rows: extract.rowCount,
      nextHousehold: 0,
      rowCounts: noCounts(),
      householdCounts: noCounts(),
      notRegistered: extract.unreadable.map(({ line, message }) => ({
        line,
        outcome: 'refused' as const,
        column: '',
        rule: 'cellCount',
        message,
      })),
      startedAt: this.clock.now().toISOString(),
      finishedAt: null,
    };
    if (progress.sha256 !== extract.sha256) throw new Error('The progress kept is of another file');
    if (!job.resumeFrom) progress.rowCounts.refused += extract.unreadable.length;
    const window = job.window ?? 256;
    while (progress.nextHousehold < extract.households.length) {
      const slice = extract.households.slice(progress.nextHousehold, progress.nextHousehold + window);
      const results = await Promise.all(slice.map((h) => this.importHousehold(h, job)));
      slice.forEach((household, i) => {
        const { outcome, entries } = results[i]!;
        progress.householdCounts[outcome]++;
        progress.rowCounts[outcome] += household.rows.length;
        progress.notRegistered.push(...entries);
      });
      progress.nextHousehold += slice.length;
      if (progress.nextHousehold === extract.households.length) progress.finishedAt = this.clock.now().toISOString();
      await job.checkpoint(progress);
    }
    if (!progress.finishedAt) {
      progress.finishedAt = this.clock.now().toISOString();
      await job.checkpoint(progress);
    }
    return progress;
  }

  private async importHousehold(
    household: ExtractHousehold,
    job: ImportRun,
  ): Promise<{ outcome: RowOutcome; entries: ReportEntry[] }> {
    const { body, problems } = await checkHousehold(household);
    if (problems.length > 0) return refused(household, problems);
    if (!coversArea(job.reach, body.address)) {
      const { kecamatan, kelurahan } = body.address;
      return refused(household, [
        {
          line: household.line,
          column: 'kelurahan',
          rule: 'ACCESS.OUTSIDE_AREA',
          message: `${kelurahan} (${kecamatan}) is outside the area you cover`,
        },
      ]);
    }
    const householdId = importedHouseholdId(job.extract.sha256, household.line);
    const now = this.clock.now().toISOString();
    const context: CommandContext = {
      principal: job.principal,
      correlationId: `import-${job.extract.sha256.slice(0, 16)}`,
      causationId: `import-${job.extract.sha256.slice(0, 16)}-${household.line}`,
      now,
      today: localDay(now, this.config.timeZone),
      idempotencyKey: `import:${job.extract.sha256}:${household.line}`,
    };
    try {
      await this.households.execute(householdId, registerHouseholdCommand(householdId, body, context), context);
      return { outcome: 'registered', entries: [] };
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      // This very registration, made by a run that stopped before its checkpoint.
      if (error.code === 'HOUSEHOLD.ALREADY_REGISTERED') return { outcome: 'registered', entries: [] };
      const nik = typeof error.details.nik === 'string' ? error.details.nik : undefined;
      const row = household.rows.find((r) => r.cells.nik === nik) ?? household.rows[0]!;
      const problem = {
        line: row.line,
        column: DECIDER_COLUMNS[error.code] ?? '',
        rule: error.code,
        message: maskNumbers(error.message),
      };
      if (!ALREADY_KNOWN.has(error.code)) return refused(household, [problem]);
      return {
        outcome: 'already_known',
        entries: household.rows.map(({ line }) => ({
          ...problem,
          line,
          outcome: 'already_known' as const,
          ...(typeof error.details.householdId === 'string' ? { householdId: error.details.householdId } : {}),
        })),
      };
    }
  }
}

/** Every row of a refused household is reported: its own problems, or that its KK was refused. */
function refused(household: ExtractHousehold, problems: RowProblem[]): { outcome: 'refused'; entries: ReportEntry[] } {
  const entries = household.rows.flatMap(({ line }): ReportEntry[] => {
    const own = problems.filter((p) => p.line === line);
    if (own.length > 0) return own.map((p) => ({ ...p, message: maskNumbers(p.message), outcome: 'refused' }));
    return [
      {
        line,
        outcome: 'refused',
        column: 'kk',
        rule: 'householdRefused',
        message: `Another row of this KK was refused (line ${problems[0]!.line})`,
      },
    ];
  });
  return { outcome: 'refused', entries };
}
