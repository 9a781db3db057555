import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { Kysely } from 'kysely';
import type { Reach } from '#libs/platform/auth/index.js';
import { afterCursor, pageAfter } from '#libs/platform/http/index.js';
import { READ_DATABASE, reachCondition, type ReadDatabase } from '#libs/platform/read-store/index.js';
import type { ListReferralsQueryDto } from './referral-list.request.dto.js';
import type { ReferralListItem, ReferralPage } from './referral-list.response.dto.js';
import { REFERRAL_LIST_TABLE, type ReferralListTables } from './referral-list.table.js';

export class ListReferralsQuery extends Query<ReferralPage> {
  constructor(
    readonly filter: ListReferralsQueryDto,
    /** Only referrals of households the caller reaches. */
    readonly reach: Reach,
  ) {
    super();
  }
}

@QueryHandler(ListReferralsQuery)
export class ListReferralsHandler implements IQueryHandler<ListReferralsQuery> {
  private readonly db: Kysely<ReferralListTables>;
  constructor(@Inject(READ_DATABASE) database: ReadDatabase) {
    this.db = database.reader;
  }

  async execute({ filter, reach }: ListReferralsQuery): Promise<ReferralPage> {
    const limit = filter.limit ?? 20;
    const after = afterCursor(filter.cursor);
    const state = filter.state ?? 'pending';
    let query = this.db
      .selectFrom(REFERRAL_LIST_TABLE)
      .selectAll()
      .orderBy('referred_position')
      .limit(limit + 1);
    const reached = reachCondition(reach);
    if (reached) query = query.where(reached);
    query =
      state === 'pending' ? query.where('status', 'in', ['pending', 'accepted']) : query.where('status', '=', state);
    if (after !== undefined) query = query.where('referred_position', '>', after);
    if (filter.service) query = query.where('service', '=', filter.service);
    if (filter.referredBy) query = query.where('referred_by', '=', filter.referredBy);
    if (filter.kecamatan) query = query.where('kecamatan', '=', filter.kecamatan);
    if (filter.kelurahan) query = query.where('kelurahan', '=', filter.kelurahan);
    const rows = await query.execute();
    return pageAfter(rows, limit, (row) => row.referred_position, toItem);
  }
}

function toItem(row: ReferralListTables['referral_list']): ReferralListItem {
  return {
    id: row.referral_id,
    householdId: row.household_id,
    kecamatan: row.kecamatan,
    kelurahan: row.kelurahan,
    caseworkerId: row.caseworker_id,
    referredBy: row.referred_by,
    service: row.service,
    reason: row.reason,
    memberReferred: Number(row.member_referred) === 1,
    status: row.status,
    referredOn: row.referred_on,
    answeredOn: row.answered_on,
    rejection: row.rejection,
  };
}
