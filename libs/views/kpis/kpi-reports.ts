import { Inject, Injectable } from '@nestjs/common';
import type { Kysely } from 'kysely';
import { READ_DATABASE, type ReadDatabase } from '#libs/platform/read-store/index.js';
import type { CaseloadTables } from '../caseloads/caseload.table.js';
import { DELAY_BUCKETS, EXIT_BUCKETS } from './kpi-facts.js';
import type { KpiTables } from './kpi.table.js';

export interface KpiFilter {
  from?: string;
  to?: string;
  kecamatan?: string;
}

/** Open cases per caseworker, binned: how many caseworkers carry how many cases. */
export const CASELOAD_BINS = ['1-10', '11-25', '26-50', '51-100', 'over 100'] as const;
const caseloadBin = (n: number) =>
  n <= 10 ? '1-10' : n <= 25 ? '11-25' : n <= 50 ? '26-50' : n <= 100 ? '51-100' : 'over 100';
const percent = (part: number, whole: number) => (whole ? Math.round((part / whole) * 10_000) / 100 : null);
const zeros = <K extends string>(keys: readonly K[]) =>
  Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
const FUNNEL_STEPS = ['invited', 'enrolled', 'declined', 'completed', 'droppedOut'] as const;

export interface TrainingFunnelRow {
  kind: string;
  kecamatan: string;
  invited: number;
  enrolled: number;
  declined: number;
  completed: number;
  droppedOut: number;
  declinedByReason: Record<string, number>;
}

export interface KecamatanKpis {
  kecamatan: string;
  exits: number;
  meanDaysToExit: number | null;
  pkhVerified: number;
  pkhOnTimePercent: number | null;
  entriesRecordedOver30Days: number;
}

/** Supervisors' KPIs: counts and shares only, no person and no caseworker named. */
@Injectable()
export class KpiReports {
  private readonly db: Kysely<KpiTables & CaseloadTables>;
  constructor(@Inject(READ_DATABASE) database: ReadDatabase) {
    this.db = database.reader;
  }

  async kpis(filter: KpiFilter) {
    let query = this.db
      .selectFrom('kpi_totals')
      .select(['kecamatan', 'kpi', 'dimension', 'bucket', (eb) => eb.fn.sum<string>('value').as('total')]);
    if (filter.from) query = query.where('period', '>=', filter.from);
    if (filter.to) query = query.where('period', '<=', filter.to);
    if (filter.kecamatan) query = query.where('kecamatan', '=', filter.kecamatan);
    const groups = await query.groupBy(['kecamatan', 'kpi', 'dimension', 'bucket']).execute();

    const exitBuckets = zeros(EXIT_BUCKETS);
    const delay = zeros(DELAY_BUCKETS);
    const delayByCategory: Record<string, Record<string, number>> = {};
    const verification = { 'on time': 0, late: 0 };
    let exitDays = 0;
    const funnel = new Map<string, TrainingFunnelRow>();
    const areas = new Map<string, KecamatanKpis & { days: number; onTime: number }>();
    const areaOf = (kecamatan: string) => {
      let a = areas.get(kecamatan);
      if (!a) {
        a = {
          kecamatan,
          exits: 0,
          meanDaysToExit: null,
          pkhVerified: 0,
          pkhOnTimePercent: null,
          entriesRecordedOver30Days: 0,
          days: 0,
          onTime: 0,
        };
        areas.set(kecamatan, a);
      }
      return a;
    };
    for (const g of groups) {
      const n = Number(g.total);
      const area = areaOf(g.kecamatan);
      switch (g.kpi) {
        case 'exit.daysToExit':
          exitBuckets[g.bucket as (typeof EXIT_BUCKETS)[number]] += n;
          area.exits += n;
          break;
        case 'exit.daysTotal':
          exitDays += n;
          area.days += n;
          break;
        case 'pkh.verification':
          verification[g.bucket as 'on time' | 'late'] += n;
          area.pkhVerified += n;
          if (g.bucket === 'on time') area.onTime += n;
          break;
        case 'reporting.delay':
          delay[g.bucket as (typeof DELAY_BUCKETS)[number]] += n;
          delayByCategory[g.dimension] ??= zeros(DELAY_BUCKETS);
          delayByCategory[g.dimension]![g.bucket] = (delayByCategory[g.dimension]![g.bucket] ?? 0) + n;
          if (g.bucket === '31-90 days' || g.bucket === 'over 90 days') area.entriesRecordedOver30Days += n;
          break;
        case 'training.funnel':
        case 'training.declined': {
          const key = `${g.dimension}|${g.kecamatan}`;
          const row = funnel.get(key) ?? {
            kind: g.dimension,
            kecamatan: g.kecamatan,
            ...zeros(FUNNEL_STEPS),
            declinedByReason: {},
          };
          if (g.kpi === 'training.funnel') row[g.bucket as (typeof FUNNEL_STEPS)[number]] += n;
          else row.declinedByReason[g.bucket] = (row.declinedByReason[g.bucket] ?? 0) + n;
          funnel.set(key, row);
          break;
        }
      }
    }
    const exits = Object.values(exitBuckets).reduce((a, b) => a + b, 0);
    const verified = verification['on time'] + verification.late;
    return {
      from: filter.from ?? null,
      to: filter.to ?? null,
      kecamatan: filter.kecamatan ?? null,
      caseloadSize: await this.caseloadSize(filter.kecamatan),
      timeToExit: { exits, meanDays: exits ? Math.round(exitDays / exits) : null, byBucket: exitBuckets },
      pkhVerification: {
        verified,
        onTime: verification['on time'],
        late: verification.late,
        onTimePercent: percent(verification['on time'], verified),
      },
      reportingDelay: { byBucket: delay, byCategory: delayByCategory },
      trainingFunnel: [...funnel.values()].sort((a, b) =>
        `${a.kind}${a.kecamatan}`.localeCompare(`${b.kind}${b.kecamatan}`),
      ),
      byKecamatan: [...areas.values()]
        .sort((a, b) => a.kecamatan.localeCompare(b.kecamatan))
        .map(({ days, onTime, ...a }) => ({
          ...a,
          meanDaysToExit: a.exits ? Math.round(days / a.exits) : null,
          pkhOnTimePercent: percent(onTime, a.pkhVerified),
        })),
    };
  }

  /** Open cases per caseworker now (a stock), binned; cases no one is assigned counted apart. */
  private async caseloadSize(kecamatan: string | undefined) {
    let query = this.db
      .selectFrom('caseload')
      .select(['caseworker_id', (eb) => eb.fn.countAll<string>().as('cases')])
      .where('case_status', '=', 'open');
    if (kecamatan) query = query.where('kecamatan', '=', kecamatan);
    const rows = await query.groupBy('caseworker_id').execute();
    const bins = zeros(CASELOAD_BINS);
    let unassigned = 0;
    let open = 0;
    for (const row of rows) {
      const cases = Number(row.cases);
      open += cases;
      if (row.caseworker_id === null) unassigned += cases;
      else bins[caseloadBin(cases)] += 1;
    }
    return {
      caseworkers: rows.filter((r) => r.caseworker_id !== null).length,
      openCases: open,
      unassignedCases: unassigned,
      byBin: bins,
    };
  }
}

export type Kpis = Awaited<ReturnType<KpiReports['kpis']>>;
