import { Inject, Injectable } from '@nestjs/common';
import type { Kysely } from 'kysely';
import { riskRank, type CaseworkTables, type FlagRow, type OpenVisitRow } from '#libs/casework/index.js';
import type { Reach } from '#libs/platform/auth/index.js';
import { CLOCK, localDay, type Clock } from '#libs/platform/clock.js';
import { APP_CONFIG, type AppConfig } from '#libs/platform/config/index.js';
import { READ_DATABASE, reachCondition, type ReadDatabase } from '#libs/platform/read-store/index.js';
import { lastDayOfMonth, nextMonth, nextStage, stageDue, stageOf } from '../shared/periods.js';
import type { CaseloadTables, OpenTraining } from './caseload.table.js';

export type CaseloadSort = 'nextDue' | 'lastContact' | 'name';

export interface FollowUp {
  kind: 'pkh_verification' | 'kube_report' | 'training' | 'home_visit' | 'p2k2_follow_up';
  due: string;
  detail: string;
  /** Due before today in the deployment's time zone. */
  overdue: boolean;
  /** A scheduled visit or follow-up (casework): its id, to record it done, missed or rescheduled. */
  visitId?: string;
}

/** What the caseloads filter by, beyond the caseworker and the area. */
export interface CaseloadFilter {
  caseworkerId?: string;
  kecamatan?: string;
  kelurahan?: string;
  /** Only cases with a scheduled visit or follow-up past its due date. */
  overdue?: boolean;
  /** Only cases with this flag set. */
  flag?: string;
  /** Only cases with a flag at this risk level or above. */
  risk?: string;
  /** Only households registered with a DTKS welfare decile up to this one (ADR 0015). */
  maxWelfareDecile?: number;
}

export interface CaseloadEntry {
  householdId: string;
  headName: string;
  kecamatan: string;
  kelurahan: string;
  caseworkerId: string | null;
  welfareStatus: string;
  /** DTKS/DTSEN welfare decile at registration, if the household came with one. */
  welfareDecile: number | null;
  exitProposed: boolean;
  programmes: { pkh: string | null; kubeId: string | null; trainings: number };
  lastContactAt: string | null;
  followUps: FollowUp[];
  nextDue: string | null;
  /** Scheduled visits and follow-ups past their due date. */
  overdueVisits: number;
  flags: FlagRow[];
}

type Row = CaseloadTables['caseload'] & {
  visits: CaseworkTables['casework_cases']['visits'] | null;
  flags: CaseworkTables['casework_cases']['flags'] | null;
};

export function followUpsOf(row: Row, today: string): FollowUp[] {
  const followUps: Omit<FollowUp, 'overdue'>[] = [];
  if (row.pkh_status === 'active' || row.pkh_status === 'suspended') {
    const stage = row.pkh_last_stage ? nextStage(row.pkh_last_stage) : stageOf(row.pkh_enrolled_on ?? '1970-01-01');
    followUps.push({
      kind: 'pkh_verification',
      due: stageDue(stage),
      detail: `PKH compliance verification, stage ${stage}`,
    });
  }
  if (row.kube_id) {
    const period = row.kube_last_report ? nextMonth(row.kube_last_report) : (row.kube_since ?? '1970-01');
    followUps.push({ kind: 'kube_report', due: lastDayOfMonth(period), detail: `Kube business report for ${period}` });
  }
  for (const t of JSON.parse(row.trainings) as OpenTraining[]) {
    followUps.push({
      kind: 'training',
      due: t.endsOn,
      detail: `${t.kind === 'family_session' ? 'Family session' : 'Training'}: ${t.title}`,
    });
  }
  for (const v of JSON.parse(row.visits ?? '[]') as OpenVisitRow[])
    followUps.push({ kind: v.kind as FollowUp['kind'], due: v.dueOn, detail: v.purpose, visitId: v.visitId });
  return followUps.map((f) => ({ ...f, overdue: f.due < today })).sort((a, b) => a.due.localeCompare(b.due));
}

function toEntry(row: Row, today: string): CaseloadEntry {
  const followUps = followUpsOf(row, today);
  return {
    householdId: row.household_id,
    headName: row.head_name,
    kecamatan: row.kecamatan,
    kelurahan: row.kelurahan,
    caseworkerId: row.caseworker_id,
    welfareStatus: row.welfare_status,
    welfareDecile: row.welfare_decile === null ? null : Number(row.welfare_decile),
    exitProposed: Number(row.exit_proposed) === 1,
    programmes: {
      pkh: row.pkh_status,
      kubeId: row.kube_id,
      trainings: (JSON.parse(row.trainings) as unknown[]).length,
    },
    lastContactAt: row.last_contact_at,
    followUps,
    nextDue: followUps[0]?.due ?? null,
    overdueVisits: followUps.filter((f) => f.visitId !== undefined && f.overdue).length,
    flags: JSON.parse(row.flags ?? '[]') as FlagRow[],
  };
}

const comparators: Record<CaseloadSort, (a: CaseloadEntry, b: CaseloadEntry) => number> = {
  nextDue: (a, b) =>
    (a.nextDue ?? '9999').localeCompare(b.nextDue ?? '9999') || a.householdId.localeCompare(b.householdId),
  lastContact: (a, b) =>
    (a.lastContactAt ?? '').localeCompare(b.lastContactAt ?? '') || a.householdId.localeCompare(b.householdId),
  name: (a, b) => a.headName.localeCompare(b.headName, 'id') || a.householdId.localeCompare(b.householdId),
};

/** Open cases, sorted in memory: one caseworker's or one kelurahan's cases fit comfortably. */
@Injectable()
export class CaseloadQueries {
  private readonly db: Kysely<CaseloadTables & CaseworkTables>;
  constructor(
    @Inject(READ_DATABASE) database: ReadDatabase,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.db = database.reader;
  }

  /**
   * Only the rows the caller reaches are listed and counted. Visits, follow-ups and flags come
   * from the casework's read model (ADR 0018), joined by household.
   */
  async open(filter: CaseloadFilter, reach: Reach, sort: CaseloadSort, offset: number, limit: number) {
    const today = localDay(this.clock.now().toISOString(), this.config.timeZone);
    let query = this.db
      .selectFrom('caseload')
      .leftJoin('casework_cases as cw', 'cw.household_id', 'caseload.household_id')
      .selectAll('caseload')
      .select(['cw.visits', 'cw.flags'])
      .where('caseload.case_status', '=', 'open');
    const reached = reachCondition(reach, 'caseload');
    if (reached) query = query.where(reached);
    if (filter.caseworkerId) query = query.where('caseload.caseworker_id', '=', filter.caseworkerId);
    if (filter.kecamatan) query = query.where('caseload.kecamatan', '=', filter.kecamatan);
    if (filter.kelurahan) query = query.where('caseload.kelurahan', '=', filter.kelurahan);
    if (filter.overdue) query = query.where('cw.next_visit_due', '<', today);
    if (filter.flag) query = query.where('cw.flag_codes', 'like', `%|${filter.flag}|%`);
    if (filter.maxWelfareDecile) query = query.where('caseload.welfare_decile', '<=', filter.maxWelfareDecile);
    if (filter.risk) query = query.where('cw.max_risk', '>=', riskRank(filter.risk));
    const entries = (await query.execute()).map((row) => toEntry(row, today)).sort(comparators[sort]);
    return {
      total: entries.length,
      items: entries.slice(offset, offset + limit),
      nextOffset: offset + limit < entries.length ? offset + limit : null,
    };
  }
}
