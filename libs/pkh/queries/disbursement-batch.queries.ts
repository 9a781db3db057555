import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { notFound } from '#libs/platform/domain/index.js';
import { StreamReader } from '#libs/platform/streams/index.js';
import { approvalsNeeded, balanceOf, disbursementBatchDecider, type DisbursementBatchState } from '../domain/index.js';
import { disbursementBatchStream } from '../pkh-streams.js';
import type { DisbursementBatchDto, PaymentCheckProgressDto } from './disbursement-batch.response.dto.js';

export class GetDisbursementBatchQuery extends Query<DisbursementBatchDto> {
  constructor(
    readonly batchId: string,
    readonly countsOnly: boolean,
  ) {
    super();
  }
}

/** A batch and its balance, folded from the batch's own stream (one stream, read at once). */
@QueryHandler(GetDisbursementBatchQuery)
export class GetDisbursementBatchHandler implements IQueryHandler<GetDisbursementBatchQuery> {
  constructor(private readonly reader: StreamReader) {}

  async execute({ batchId, countsOnly }: GetDisbursementBatchQuery): Promise<DisbursementBatchDto> {
    const { state, revision } = await this.reader.stateAt(disbursementBatchStream(batchId), disbursementBatchDecider);
    if (revision === undefined || state.status === 'none')
      throw notFound('BATCH.NOT_FOUND', 'No disbursement batch has this id');
    return view(batchId, revision, state, countsOnly);
  }
}

function view(
  batchId: string,
  revision: number,
  state: DisbursementBatchState,
  countsOnly: boolean,
): DisbursementBatchDto {
  return {
    batchId,
    revision,
    status: state.status,
    stage: state.stage,
    channel: state.channel ?? 'bank_transfer',
    plannedOn: state.plannedOn ?? '',
    reissueOf: state.reissueOf,
    maker: state.maker ?? '',
    approvers: state.approvers,
    approvalsNeeded: approvalsNeeded(state),
    checksum: state.checksum,
    balance: balanceOf(state),
    check: checkProgress(state, countsOnly),
    ...(countsOnly
      ? {}
      : {
          payments: state.payments.map(({ reference, householdId, amount, status, reasonCode, settledOn }) => ({
            reference,
            householdId,
            amount,
            status,
            reasonCode,
            settledOn,
          })),
        }),
  };
}

function checkProgress(state: DisbursementBatchState, countsOnly: boolean): PaymentCheckProgressDto | null {
  if (!state.check) return null;
  const { householdIds, ...sample } = state.check.sample;
  const results = Object.values(state.check.results);
  const findings: Record<string, number> = {};
  for (const r of results) if (r.problemCode) findings[r.problemCode] = (findings[r.problemCode] ?? 0) + 1;
  const count = (outcome: string) => results.filter((r) => r.outcome === outcome).length;
  return {
    ...sample,
    checked: results.length,
    received: count('received'),
    notReceived: count('not_received'),
    problems: count('problem'),
    findings,
    ...(countsOnly ? {} : { householdIds }),
  };
}
