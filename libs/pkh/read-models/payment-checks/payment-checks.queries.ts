import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { Kysely } from 'kysely';
import type { Reach } from '#libs/platform/auth/index.js';
import { decodeCursor, encodeCursor } from '#libs/platform/http/index.js';
import { READ_DATABASE, reachCondition, type ReadDatabase } from '#libs/platform/read-store/index.js';
import type { PaymentChecksQueryDto } from './payment-checks.request.dto.js';
import type { PaymentCheckPage } from './payment-checks.response.dto.js';
import { PAYMENT_CHECKS_TABLE, type PaymentCheckTables } from './payment-checks.table.js';

export class ListPaymentChecksQuery extends Query<PaymentCheckPage> {
  constructor(
    readonly filter: PaymentChecksQueryDto,
    /** Only the families the caller reaches: their areas, their caseload. */
    readonly reach: Reach,
  ) {
    super();
  }
}

type Cursor = { position: number; householdId: string };
const isCursor = (v: unknown): v is Cursor =>
  typeof (v as Cursor)?.position === 'number' && typeof (v as Cursor)?.householdId === 'string';

/** The sampled payments to check by phone or visit, oldest sample first. */
@QueryHandler(ListPaymentChecksQuery)
export class ListPaymentChecksHandler implements IQueryHandler<ListPaymentChecksQuery> {
  private readonly db: Kysely<PaymentCheckTables>;
  constructor(@Inject(READ_DATABASE) database: ReadDatabase) {
    this.db = database.reader;
  }

  async execute({ filter, reach }: ListPaymentChecksQuery): Promise<PaymentCheckPage> {
    const limit = filter.limit ?? 100;
    const cursor = decodeCursor(filter.cursor, isCursor);
    let query = this.db
      .selectFrom(PAYMENT_CHECKS_TABLE)
      .selectAll()
      .orderBy('sampled_position')
      .orderBy('household_id')
      .limit(limit + 1);
    const reached = reachCondition(reach);
    if (reached) query = query.where(reached);
    if (filter.batchId) query = query.where('batch_id', '=', filter.batchId.toLowerCase());
    if (filter.state === 'pending') query = query.where('outcome', 'is', null);
    if (filter.state === 'checked') query = query.where('outcome', 'is not', null);
    if (cursor)
      query = query.where((eb) =>
        eb.or([
          eb('sampled_position', '>', cursor.position),
          eb.and([eb('sampled_position', '=', cursor.position), eb('household_id', '>', cursor.householdId)]),
        ]),
      );
    const rows = await query.execute();
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      items: page.map((row) => ({
        batchId: row.batch_id,
        householdId: row.household_id,
        stage: row.stage,
        // bigint columns come back from PostgreSQL as strings
        amount: Number(row.amount),
        kecamatan: row.kecamatan,
        kelurahan: row.kelurahan,
        caseworkerId: row.caseworker_id,
        method: row.method,
        outcome: row.outcome,
        problemCode: row.problem_code,
        checkedOn: row.checked_on,
        checkedBy: row.checked_by,
      })),
      nextCursor:
        rows.length > limit && last
          ? encodeCursor({ position: Number(last.sampled_position), householdId: last.household_id })
          : null,
    };
  }
}
