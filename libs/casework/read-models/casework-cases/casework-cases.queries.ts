import { Inject, Injectable } from '@nestjs/common';
import type { Kysely } from 'kysely';
import type { Reach } from '#libs/platform/auth/index.js';
import { READ_DATABASE, reachCondition, type ReadDatabase } from '#libs/platform/read-store/index.js';
import type {
  CaseworkCaseRow,
  CaseworkTables,
  FlagRow,
  OpenVisitRow,
  PendingTransferRow,
} from './casework-cases.table.js';

export type PendingTransferItem = PendingTransferRow & {
  householdId: string;
  kecamatan: string;
  kelurahan: string;
  caseworkerId: string | null;
};

export interface CaseworkView {
  householdId: string;
  caseworkerId: string | null;
  pendingTransfer: PendingTransferRow | null;
  visits: Array<OpenVisitRow & { overdue: boolean }>;
  flags: FlagRow[];
}

export function caseworkViewOf(row: CaseworkCaseRow, today: string): CaseworkView {
  return {
    householdId: row.household_id,
    caseworkerId: row.caseworker_id,
    pendingTransfer: row.pending_transfer ? (JSON.parse(row.pending_transfer) as PendingTransferRow) : null,
    visits: (JSON.parse(row.visits) as OpenVisitRow[]).map((v) => ({ ...v, overdue: v.dueOn < today })),
    flags: JSON.parse(row.flags) as FlagRow[],
  };
}

/** Reads of the casework rows: one household's, and a caseworker's open cases for a reassignment. */
@Injectable()
export class CaseworkCaseQueries {
  private readonly db: Kysely<CaseworkTables>;
  constructor(@Inject(READ_DATABASE) database: ReadDatabase) {
    this.db = database.reader;
  }

  async ofHousehold(householdId: string): Promise<CaseworkCaseRow | undefined> {
    return this.db.selectFrom('casework_cases').selectAll().where('household_id', '=', householdId).executeTakeFirst();
  }

  /**
   * Transfers awaiting a decision: a caseworker's are those to her (households she may not reach
   * yet: ids and areas only); a supervisor's those of the households she reaches, optionally only
   * those asked by caseworkers (hers to decide).
   */
  async pendingTransfers(
    filter: { toCaseworkerId?: string; requestedAs?: string },
    reach: Reach,
    offset: number,
    limit: number,
  ): Promise<{ total: number; items: PendingTransferItem[]; nextOffset: number | null }> {
    let query = this.db
      .selectFrom('casework_cases')
      .selectAll()
      .where('transfer_to', 'is not', null)
      .where('case_status', '=', 'open');
    if (reach.caseworkerId !== null) query = query.where('transfer_to', '=', reach.caseworkerId);
    else {
      const reached = reachCondition(reach);
      if (reached) query = query.where(reached);
    }
    if (filter.toCaseworkerId) query = query.where('transfer_to', '=', filter.toCaseworkerId);
    if (filter.requestedAs) query = query.where('transfer_requested_as', '=', filter.requestedAs);
    const rows = await query.orderBy('household_id').execute();
    const items = rows.slice(offset, offset + limit).map((row) => ({
      householdId: row.household_id,
      kecamatan: row.kecamatan,
      kelurahan: row.kelurahan,
      caseworkerId: row.caseworker_id,
      ...(JSON.parse(row.pending_transfer!) as PendingTransferRow),
    }));
    return { total: rows.length, items, nextOffset: offset + limit < rows.length ? offset + limit : null };
  }

  /** The open cases a caseworker holds that the caller reaches, at most `limit` of them. */
  async openCasesOf(caseworkerId: string, reach: Reach, limit: number): Promise<string[]> {
    let query = this.db
      .selectFrom('casework_cases')
      .select('household_id')
      .where('caseworker_id', '=', caseworkerId)
      .where('case_status', '=', 'open');
    const reached = reachCondition(reach);
    if (reached) query = query.where(reached);
    const rows = await query.orderBy('household_id').limit(limit).execute();
    return rows.map((r) => r.household_id);
  }
}
