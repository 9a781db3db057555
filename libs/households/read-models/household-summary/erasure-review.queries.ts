import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { Kysely } from 'kysely';
import { READ_DATABASE, type ReadDatabase } from '#libs/platform/read-store/index.js';
import { HOUSEHOLD_SUMMARY_TABLE, type HouseholdSummaryTables } from './household-summary.table.js';

/** A household due for erasure review: no personal data, the reviewer opens it by id. */
export interface ErasureCandidate {
  id: string;
  kecamatan: string;
  kelurahan: string;
  closedOn: string;
  caseworkerId: string | null;
}

export interface ErasureReview {
  /** JEJAK_RETENTION_CLOSED_DAYS; null: no retention period, nothing is listed. */
  retentionClosedDays: number | null;
  /** Cases closed on or before this day are listed. */
  closedOnOrBefore: string | null;
  items: ErasureCandidate[];
  /** Pass as `after` for the next page; null at the end. */
  next: number | null;
}

export class ListErasureReviewQuery extends Query<ErasureReview> {
  constructor(
    readonly retentionClosedDays: number | null,
    /** Today (YYYY-MM-DD). */
    readonly today: string,
    readonly limit: number,
    readonly after: number,
  ) {
    super();
  }
}

const DAY_MS = 86_400_000;

/** Households whose case has been closed for longer than the retention period and are not yet erased. */
@QueryHandler(ListErasureReviewQuery)
export class ListErasureReviewHandler implements IQueryHandler<ListErasureReviewQuery> {
  private readonly db: Kysely<HouseholdSummaryTables>;
  constructor(@Inject(READ_DATABASE) database: ReadDatabase) {
    this.db = database.reader;
  }

  async execute({ retentionClosedDays, today, limit, after }: ListErasureReviewQuery): Promise<ErasureReview> {
    if (retentionClosedDays === null) return { retentionClosedDays, closedOnOrBefore: null, items: [], next: null };
    const closedOnOrBefore = new Date(Date.parse(today) - retentionClosedDays * DAY_MS).toISOString().slice(0, 10);
    const rows = await this.db
      .selectFrom(HOUSEHOLD_SUMMARY_TABLE)
      .select(['household_id', 'kecamatan', 'kelurahan', 'closed_on', 'caseworker_id', 'registered_position'])
      .where('case_status', '=', 'closed')
      .where('erased', '=', 0)
      .where('closed_on', '<=', closedOnOrBefore)
      .where('registered_position', '>', after)
      .orderBy('registered_position')
      .limit(limit + 1)
      .execute();
    const page = rows.slice(0, limit);
    return {
      retentionClosedDays,
      closedOnOrBefore,
      items: page.map((r) => ({
        id: r.household_id,
        kecamatan: r.kecamatan,
        kelurahan: r.kelurahan,
        closedOn: r.closed_on!,
        caseworkerId: r.caseworker_id,
      })),
      next: rows.length > limit ? Number(page.at(-1)!.registered_position) : null,
    };
  }
}
