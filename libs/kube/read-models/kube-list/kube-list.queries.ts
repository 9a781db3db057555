import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { Kysely } from 'kysely';
import type { Reach } from '#libs/platform/auth/index.js';
import { afterCursor, pageAfter } from '#libs/platform/http/index.js';
import { READ_DATABASE, areaReachCondition, type ReadDatabase } from '#libs/platform/read-store/index.js';
import type { ListKubesQueryDto } from './kube-list.request.dto.js';
import type { KubeListItem, KubePage } from './kube-list.response.dto.js';
import { KUBE_LIST_TABLE, type KubeListTables } from './kube-list.table.js';

export class ListKubesQuery extends Query<KubePage> {
  constructor(
    readonly filter: ListKubesQueryDto,
    /** Only the groups of the caller's areas are listed. */
    readonly reach: Reach,
  ) {
    super();
  }
}

@QueryHandler(ListKubesQuery)
export class ListKubesHandler implements IQueryHandler<ListKubesQuery> {
  private readonly db: Kysely<KubeListTables>;
  constructor(@Inject(READ_DATABASE) database: ReadDatabase) {
    this.db = database.reader;
  }

  async execute({ filter, reach }: ListKubesQuery): Promise<KubePage> {
    const limit = filter.limit ?? 20;
    const after = afterCursor(filter.cursor);
    let query = this.db
      .selectFrom(KUBE_LIST_TABLE)
      .selectAll()
      .orderBy('formed_position')
      .limit(limit + 1);
    const reached = areaReachCondition(reach);
    if (reached) query = query.where(reached);
    if (after !== undefined) query = query.where('formed_position', '>', after);
    if (filter.kecamatan) query = query.where('kecamatan', '=', filter.kecamatan);
    if (filter.kelurahan) query = query.where('kelurahan', '=', filter.kelurahan);
    if (filter.status) query = query.where('status', '=', filter.status);
    if (filter.businessType) query = query.where('business_type', '=', filter.businessType);
    const rows = await query.execute();
    return pageAfter(rows, limit, (row) => row.formed_position, toItem);
  }
}

function toItem(row: KubeListTables['kube_list']): KubeListItem {
  return {
    id: row.kube_id,
    name: row.name,
    businessType: row.business_type,
    kecamatan: row.kecamatan,
    kelurahan: row.kelurahan,
    formedOn: row.formed_on,
    status: row.status,
    dissolvedOn: row.dissolved_on,
    members: Number(row.members),
    // bigint columns come back from PostgreSQL as strings
    grantsRupiah: Number(row.grants_rupiah),
    lastReportedPeriod: row.last_reported_period,
  };
}
