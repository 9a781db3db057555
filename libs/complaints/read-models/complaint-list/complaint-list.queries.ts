import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { sql, type Kysely } from 'kysely';
import type { Reach } from '#libs/platform/auth/index.js';
import { afterCursor, pageAfter } from '#libs/platform/http/index.js';
import { READ_DATABASE, areaReachCondition, type ReadDatabase } from '#libs/platform/read-store/index.js';
import type { ListComplaintsQueryDto } from './complaint-list.request.dto.js';
import type { ComplaintListItem, ComplaintPage } from './complaint-list.response.dto.js';
import { COMPLAINT_LIST_TABLE, type ComplaintListTables } from './complaint-list.table.js';

/** Who asks: a caseworker sees only what is assigned to them (ADR 0014). */
export interface ComplaintReader {
  sub: string;
  role: string;
}

export class ListComplaintsQuery extends Query<ComplaintPage> {
  constructor(
    readonly filter: ListComplaintsQueryDto,
    readonly reach: Reach,
    readonly reader: ComplaintReader,
    /** The local calendar day overdue is measured against. */
    readonly today: string,
  ) {
    super();
  }
}

@QueryHandler(ListComplaintsQuery)
export class ListComplaintsHandler implements IQueryHandler<ListComplaintsQuery> {
  private readonly db: Kysely<ComplaintListTables>;
  constructor(@Inject(READ_DATABASE) database: ReadDatabase) {
    this.db = database.reader;
  }

  async execute({ filter, reach, reader, today }: ListComplaintsQuery): Promise<ComplaintPage> {
    const limit = filter.limit ?? 20;
    const after = afterCursor(filter.cursor);
    const state = filter.state ?? 'open';
    let query = this.db
      .selectFrom(COMPLAINT_LIST_TABLE)
      .selectAll()
      .orderBy('received_position')
      .limit(limit + 1);
    if (reader.role === 'caseworker') query = query.where('assignee', '=', reader.sub);
    else {
      const reached = areaReachCondition(reach);
      if (reached) query = query.where(reached);
    }
    // Whoever a complaint is about never reads it, whatever their areas.
    query = query.where(sql<boolean>`(subject_caseworker_id IS NULL OR subject_caseworker_id <> ${reader.sub})`);
    query = query.where('status', '=', state === 'resolved' ? 'resolved' : 'open');
    if (state === 'overdue') query = query.where('due_on', '<', today);
    if (after !== undefined) query = query.where('received_position', '>', after);
    if (filter.kecamatan) query = query.where('kecamatan', '=', filter.kecamatan);
    if (filter.kelurahan) query = query.where('kelurahan', '=', filter.kelurahan);
    if (filter.assignee) query = query.where('assignee', '=', filter.assignee);
    if (filter.category) query = query.where('category', '=', filter.category);
    const rows = await query.execute();
    return pageAfter(
      rows,
      limit,
      (row) => row.received_position,
      (row) => toItem(row, today),
    );
  }
}

function toItem(row: ComplaintListTables['complaint_list'], today: string): ComplaintListItem {
  return {
    id: row.complaint_id,
    householdId: row.household_id,
    kecamatan: row.kecamatan,
    kelurahan: row.kelurahan,
    caseworkerId: row.caseworker_id,
    category: row.category,
    subject: row.subject,
    source: row.source,
    assignee: row.assignee,
    receivedOn: row.received_on,
    dueOn: row.due_on,
    overdue: row.status === 'open' && row.due_on < today,
    escalatedOn: row.escalated_on,
    status: row.status,
    outcome: row.outcome,
    resolvedOn: row.resolved_on,
    informedOn: row.informed_on,
  };
}
