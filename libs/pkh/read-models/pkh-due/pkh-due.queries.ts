import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { Kysely } from 'kysely';
import type { Reach } from '#libs/platform/auth/index.js';
import { afterCursor, pageAfter } from '#libs/platform/http/index.js';
import { READ_DATABASE, areaReachCondition, type ReadDatabase } from '#libs/platform/read-store/index.js';
import type { PkhDueQueryDto } from './pkh-due.request.dto.js';
import type { PkhDuePage } from './pkh-due.response.dto.js';
import { PKH_DUE_TABLE, type PkhDueTables } from './pkh-due.table.js';

export class ListPkhDueQuery extends Query<PkhDuePage> {
  constructor(
    readonly stage: string,
    readonly filter: PkhDueQueryDto,
    /** Only the households of the caller's areas are listed. */
    readonly reach: Reach,
  ) {
    super();
  }
}

/** Active families whose stage is verified compliant and neither paid nor in an open batch. */
@QueryHandler(ListPkhDueQuery)
export class ListPkhDueHandler implements IQueryHandler<ListPkhDueQuery> {
  private readonly db: Kysely<PkhDueTables>;
  constructor(@Inject(READ_DATABASE) database: ReadDatabase) {
    this.db = database.reader;
  }

  async execute({ stage, filter, reach }: ListPkhDueQuery): Promise<PkhDuePage> {
    const limit = filter.limit ?? 100;
    const after = afterCursor(filter.cursor);
    let query = this.db
      .selectFrom(PKH_DUE_TABLE)
      .selectAll()
      .where('stage', '=', stage)
      .where('state', '=', 'due')
      .where('pkh_status', '=', 'active')
      .orderBy('verified_position')
      .limit(limit + 1);
    const reached = areaReachCondition(reach);
    if (reached) query = query.where(reached);
    if (after !== undefined) query = query.where('verified_position', '>', after);
    if (filter.kecamatan) query = query.where('kecamatan', '=', filter.kecamatan);
    const rows = await query.execute();
    return pageAfter(
      rows,
      limit,
      (row) => row.verified_position,
      (row) => ({
        householdId: row.household_id,
        stage: row.stage,
        kecamatan: row.kecamatan,
        kelurahan: row.kelurahan,
        // bigint columns come back from PostgreSQL as strings
        amount: Number(row.amount),
        lastFailure: row.last_failure,
      }),
    );
  }
}
