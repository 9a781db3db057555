import { Inject, Injectable } from '@nestjs/common';
import type { Kysely } from 'kysely';
import type { Reach } from '#libs/platform/auth/index.js';
import { READ_DATABASE, reachCondition, type ReadDatabase } from '#libs/platform/read-store/index.js';
import { lastDayOfMonth, nextMonth, nextStage, stageDue, stageOf } from '../shared/periods.js';
import type { CaseloadTables, OpenTraining } from './caseload.table.js';

export type CaseloadSort = 'nextDue' | 'lastContact' | 'name';

export interface FollowUp {
  kind: 'pkh_verification' | 'kube_report' | 'training';
  due: string;
  detail: string;
}

export interface CaseloadEntry {
  householdId: string;
  headName: string;
  kecamatan: string;
  kelurahan: string;
  caseworkerId: string | null;
  welfareStatus: string;
  exitProposed: boolean;
  programmes: { pkh: string | null; kubeId: string | null; trainings: number };
  lastContactAt: string | null;
  followUps: FollowUp[];
  nextDue: string | null;
}

type Row = CaseloadTables['caseload'];

export function followUpsOf(row: Row): FollowUp[] {
  const followUps: FollowUp[] = [];
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
  return followUps.sort((a, b) => a.due.localeCompare(b.due));
}

function toEntry(row: Row): CaseloadEntry {
  const followUps = followUpsOf(row);
  return {
    householdId: row.household_id,
    headName: row.head_name,
    kecamatan: row.kecamatan,
    kelurahan: row.kelurahan,
    caseworkerId: row.caseworker_id,
    welfareStatus: row.welfare_status,
    exitProposed: Number(row.exit_proposed) === 1,
    programmes: {
      pkh: row.pkh_status,
      kubeId: row.kube_id,
      trainings: (JSON.parse(row.trainings) as unknown[]).length,
    },
    lastContactAt: row.last_contact_at,
    followUps,
    nextDue: followUps[0]?.due ?? null,
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
  private readonly db: Kysely<CaseloadTables>;
  constructor(@Inject(READ_DATABASE) database: ReadDatabase) {
    this.db = database.reader;
  }

  /** Only the rows the caller reaches are listed and counted. */
  async open(
    filter: { caseworkerId?: string; kecamatan?: string; kelurahan?: string },
    reach: Reach,
    sort: CaseloadSort,
    offset: number,
    limit: number,
  ) {
    let query = this.db.selectFrom('caseload').selectAll().where('case_status', '=', 'open');
    const reached = reachCondition(reach);
    if (reached) query = query.where(reached);
    if (filter.caseworkerId) query = query.where('caseworker_id', '=', filter.caseworkerId);
    if (filter.kecamatan) query = query.where('kecamatan', '=', filter.kecamatan);
    if (filter.kelurahan) query = query.where('kelurahan', '=', filter.kelurahan);
    const entries = (await query.execute()).map(toEntry).sort(comparators[sort]);
    return {
      total: entries.length,
      items: entries.slice(offset, offset + limit),
      nextOffset: offset + limit < entries.length ? offset + limit : null,
    };
  }
}
