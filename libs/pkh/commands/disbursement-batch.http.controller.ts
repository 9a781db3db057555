import { Body, Controller, Param, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiExtraModels, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Scoped } from '#libs/platform/auth/index.js';
import type { CommandContext } from '#libs/platform/command-handling/index.js';
import { CommandCtx, CommandRoute, UuidParamPipe, type CommandResponse } from '#libs/platform/http/index.js';
import { DisbursementBatchCommandHandler, type DeclareBatchRequest } from './disbursement-batch.command-handler.js';
import {
  DeclareBatchRequestDto,
  ReissueBatchRequestDto,
  ResultFileRequestDto,
  ReversalRequestDto,
} from './disbursement-batch.request.dto.js';
import { BatchExportResponse, ResultImportResponse, ResultRowReportDto } from './disbursement-batch.response.dto.js';

const declaration = (body: ReissueBatchRequestDto, stage: string): DeclareBatchRequest => ({
  stage,
  channel: body.channel,
  plannedOn: body.plannedOn,
  householdIds: body.householdIds.map((h) => h.toLowerCase()),
  control: { count: body.controlCount, rupiah: body.controlRupiah },
});

/** A stage's payments as batches (ADR 0013): declare, approve, cancel, export, results, reissue, reversal. */
@ApiTags('pkh')
@ApiBearerAuth()
@ApiExtraModels(ResultRowReportDto)
@Controller('pkh/batches')
export class DisbursementBatchController {
  constructor(private readonly batches: DisbursementBatchCommandHandler) {}

  @CommandRoute('', 'Declare a batch of a stage from the due list, with control totals', ['supervisor'], {
    creates: true,
  })
  @Scoped({ kind: 'households', body: 'householdIds' })
  async declare(
    @Body() body: DeclareBatchRequestDto,
    @CommandCtx() ctx: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CommandResponse> {
    const result = await this.batches.declare(declaration(body, body.stage), ctx);
    void reply.header('location', `/api/v1/pkh/batches/${result.id}`);
    return result;
  }

  @Scoped({ kind: 'batch', param: 'id' })
  @CommandRoute(
    ':id/approval',
    "Approve a batch: someone other than its maker; above PKH_BATCH_SECOND_APPROVAL_ABOVE an admin's second approval too",
    ['supervisor', 'admin'],
  )
  approve(@Param('id', UuidParamPipe) id: string, @CommandCtx() ctx: CommandContext): Promise<CommandResponse> {
    const { sub: approver, role } = ctx.principal;
    return this.batches.execute(
      id,
      { type: 'ApproveDisbursementBatch', data: { batchId: id, approver, role, at: ctx.now } },
      ctx,
    );
  }

  @Scoped({ kind: 'batch', param: 'id' })
  @CommandRoute(':id/cancellation', 'Cancel a batch before it is sent; its households are due again', [
    'supervisor',
    'admin',
  ])
  cancel(@Param('id', UuidParamPipe) id: string, @CommandCtx() ctx: CommandContext): Promise<CommandResponse> {
    return this.batches.execute(id, { type: 'CancelDisbursementBatch', data: { batchId: id, at: ctx.now } }, ctx);
  }

  @Scoped({ kind: 'batch', param: 'id' })
  @CommandRoute(
    ':id/export',
    "Export an approved batch once: records the payment file's checksum (GET .../payment-file gives the bytes)",
    ['supervisor', 'admin'],
    { answer: BatchExportResponse },
  )
  export(@Param('id', UuidParamPipe) id: string, @CommandCtx() ctx: CommandContext): Promise<BatchExportResponse> {
    return this.batches.export(id, ctx);
  }

  @Scoped({ kind: 'batch', param: 'id' })
  @CommandRoute(
    ':id/results',
    "Import the channel's result file: every row matched or refused with its reason; the same file again changes nothing",
    ['supervisor', 'admin'],
    { answer: ResultImportResponse },
  )
  results(
    @Param('id', UuidParamPipe) id: string,
    @Body() body: ResultFileRequestDto,
    @CommandCtx() ctx: CommandContext,
  ): Promise<ResultImportResponse> {
    return this.batches.importResults(id, body.file, ctx);
  }

  @CommandRoute(
    ':id/reissue',
    "Declare a new batch of this batch's failed and returned payments only",
    ['supervisor'],
    {
      creates: true,
    },
  )
  @Scoped({ kind: 'batch', param: 'id' }, { kind: 'households', body: 'householdIds' })
  async reissue(
    @Param('id', UuidParamPipe) id: string,
    @Body() body: ReissueBatchRequestDto,
    @CommandCtx() ctx: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CommandResponse> {
    const { state } = await this.batches.batch(id);
    const result = await this.batches.declare(declaration(body, state.stage), ctx, id);
    void reply.header('location', `/api/v1/pkh/batches/${result.id}`);
    return result;
  }

  @Scoped({ kind: 'batch', param: 'id' })
  @CommandRoute(':id/payments/:reference/reversal', 'Record that a paid payment was recalled', ['supervisor', 'admin'])
  reverse(
    @Param('id', UuidParamPipe) id: string,
    @Param('reference') reference: string,
    @Body() body: ReversalRequestDto,
    @CommandCtx() ctx: CommandContext,
  ): Promise<CommandResponse> {
    const data = { batchId: id, reference, reversedOn: body.reversedOn, at: ctx.now, today: ctx.today };
    return this.batches.execute(id, { type: 'ReverseBatchPayment', data }, ctx, body.reason);
  }
}
