import { Controller, Headers, Param, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiExtraModels, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { PersonalData } from '#libs/platform/access-log/index.js';
import { CurrentPrincipal, type Principal } from '#libs/platform/auth/index.js';
import { notFound } from '#libs/platform/domain/index.js';
import { ReadRoute, UuidParamPipe, sendCsv, wantsCsv } from '#libs/platform/http/index.js';
import { DisbursementBatchCommandHandler } from '../commands/disbursement-batch.command-handler.js';
import { PAYMENT_FILE_FORMAT, paymentFile, paymentFileRows } from '../commands/payment-file.js';
import { GetDisbursementBatchQuery } from './disbursement-batch.queries.js';
import {
  BatchBalanceDto,
  BatchPaymentDto,
  DisbursementBatchDto,
  PaymentFileDto,
  PaymentFileRowDto,
  TallyDto,
} from './disbursement-batch.response.dto.js';

@ApiTags('pkh')
@ApiBearerAuth()
@ApiExtraModels(TallyDto, BatchBalanceDto, BatchPaymentDto, PaymentFileRowDto)
@Controller('pkh/batches')
export class DisbursementBatchReadController {
  constructor(
    private readonly queryBus: QueryBus,
    private readonly batches: DisbursementBatchCommandHandler,
  ) {}

  @ReadRoute(
    ':id',
    'A batch, its approvals and its balance (declared = sent = paid + failed + returned + reversed + pending); reporters see counts only',
    ['supervisor', 'auditor', 'admin', 'reporter'],
    { type: DisbursementBatchDto },
  )
  get(@Param('id', UuidParamPipe) id: string, @CurrentPrincipal() principal: Principal): Promise<DisbursementBatchDto> {
    return this.queryBus.execute(new GetDisbursementBatchQuery(id, principal.role === 'reporter'));
  }

  @ReadRoute(
    ':id/payment-file',
    "The exported batch's payment file: the same bytes on every export (with Accept: text/csv), its checksum recorded in the batch",
    ['supervisor', 'auditor', 'admin'],
    { type: PaymentFileDto },
    { csv: true },
  )
  // The `:id` is a batch, not a household: the households are the file's recipients (listed in the
  // JSON answer; a CSV answer is logged by route and reader only).
  @PersonalData({ households: (file: PaymentFileDto | string) => (typeof file === 'string' ? [] : file.householdIds) })
  async paymentFile(
    @Param('id', UuidParamPipe) id: string,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<PaymentFileDto | string> {
    const { state } = await this.batches.batch(id);
    // Not a refused command: the file does not exist until the batch is exported.
    if (state.status !== 'exported')
      throw notFound('BATCH.NO_PAYMENT_FILE', 'The batch has no payment file until it is exported');
    const rows = paymentFileRows(state);
    if (wantsCsv(accept)) return sendCsv(reply, `pkh-${state.stage}-${id}`, rows);
    const householdIds = state.payments.map((p) => p.householdId);
    return { format: PAYMENT_FILE_FORMAT, checksum: paymentFile(state).checksum, householdIds, rows };
  }
}
