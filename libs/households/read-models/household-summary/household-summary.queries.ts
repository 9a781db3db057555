import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { sql, type Kysely } from 'kysely';
import { afterCursor, pageAfter, type Page } from '#libs/platform/http/pagination.js';
import { READ_DATABASE, reachCondition, type ReadDatabase } from '#libs/platform/read-store/index.js';
import type { Reach } from '#libs/platform/auth/index.js';
import { notFound } from '#libs/platform/domain/index.js';
import type { ListHouseholdsQueryDto } from './household-summary.request.dto.js';
import {
  HOUSEHOLD_SUMMARY_TABLE,
  normalizeForSearch,
  toSummary,
  type HouseholdSummary,
  type HouseholdSummaryTables,
} from './household-summary.table.js';

export class ListHouseholdsQuery extends Query<Page<HouseholdSummary>> {
  constructor(
    readonly filter: ListHouseholdsQueryDto,
    /** Only the households the caller reaches are listed (and counted). */
    readonly reach: Reach,
  ) {
    super();
  }
}

export class GetHouseholdQuery extends Query<HouseholdSummary> {
  constructor(readonly householdId: string) {
    super();
  }
}

const escapeLike = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`);

@QueryHandler(ListHouseholdsQuery)
export class ListHouseholdsHandler implements IQueryHandler<ListHouseholdsQuery> {
  private readonly db: Kysely<HouseholdSummaryTables>;
  constructor(@Inject(READ_DATABASE) database: ReadDatabase) {
    this.db = database.reader;
  }

  async execute({ filter, reach }: ListHouseholdsQuery): Promise<Page<HouseholdSummary>> {
    const limit = filter.limit ?? 20;
    const after = afterCursor(filter.cursor);
    let query = this.db
      .selectFrom(HOUSEHOLD_SUMMARY_TABLE)
      .selectAll()
      .orderBy('registered_position')
      .limit(limit + 1);
    const reached = reachCondition(reach);
    if (reached) query = query.where(reached);
    if (after !== undefined) query = query.where('registered_position', '>', after);
    if (filter.kecamatan) query = query.where('kecamatan', '=', filter.kecamatan);
    if (filter.kelurahan) query = query.where('kelurahan', '=', filter.kelurahan);
    if (filter.status) query = query.where('welfare_status', '=', filter.status);
    if (filter.maxWelfareDecile) query = query.where('welfare_decile', '<=', filter.maxWelfareDecile);
    if (filter.caseworker) query = query.where('caseworker_id', '=', filter.caseworker);
    if (filter.text) {
      const pattern = `%${escapeLike(normalizeForSearch(filter.text))}%`;
      query = query.where(sql<boolean>`search_text LIKE ${pattern} ESCAPE '\\'`);
    }
    const rows = await query.execute();
    return pageAfter(rows, limit, (row) => row.registered_position, toSummary);
  }
}

@QueryHandler(GetHouseholdQuery)
export class GetHouseholdHandler implements IQueryHandler<GetHouseholdQuery> {
  private readonly db: Kysely<HouseholdSummaryTables>;
  constructor(@Inject(READ_DATABASE) database: ReadDatabase) {
    this.db = database.reader;
  }

  async execute({ householdId }: GetHouseholdQuery): Promise<HouseholdSummary> {
    const row = await this.db
      .selectFrom(HOUSEHOLD_SUMMARY_TABLE)
      .selectAll()
      .where('household_id', '=', householdId)
      .executeTakeFirst();
    if (!row) throw notFound('HOUSEHOLD.NOT_FOUND', `No household ${householdId}`);
    return toSummary(row);
  }
}
