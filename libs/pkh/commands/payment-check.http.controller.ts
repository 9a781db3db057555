import { Body, Controller, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Scoped } from '#libs/platform/auth/index.js';
import type { CommandContext } from '#libs/platform/command-handling/index.js';
import { CommandCtx, CommandRoute, UuidParamPipe, type CommandResponse } from '#libs/platform/http/index.js';
import { DEFAULT_CHECK_CONFIDENCE, DEFAULT_CHECK_MARGIN } from '../domain/index.js';
import { DisbursementBatchCommandHandler } from './disbursement-batch.command-handler.js';
import { DrawCheckSampleRequestDto, RecordCheckRequestDto } from './payment-check.request.dto.js';

/** The post-payment check of a sent batch (ADR 0013): a seeded sample of paid families, then their answers. */
@ApiTags('pkh')
@ApiBearerAuth()
@Controller('pkh/batches')
export class PaymentCheckController {
  constructor(private readonly batches: DisbursementBatchCommandHandler) {}

  @CommandRoute(
    ':id/check-sample',
    "Draw the post-payment check's sample of paid families: its size from confidence and margin, its seed recorded; once per batch",
    ['supervisor', 'admin'],
  )
  @Scoped({ kind: 'batch', param: 'id' })
  draw(
    @Param('id', UuidParamPipe) id: string,
    @Body() body: DrawCheckSampleRequestDto,
    @CommandCtx() ctx: CommandContext,
  ): Promise<CommandResponse> {
    const request = {
      confidence: body.confidence ?? DEFAULT_CHECK_CONFIDENCE,
      margin: body.margin ?? DEFAULT_CHECK_MARGIN,
      seed: body.seed,
      drawnOn: body.drawnOn,
    };
    return this.batches.drawCheckSample(id, request, ctx);
  }

  @CommandRoute(
    ':id/checks/:householdId',
    'Record what a sampled family said of its payment: received, not received, or a coded problem with a note',
    ['caseworker', 'supervisor'],
  )
  @Scoped({ kind: 'household', param: 'householdId' })
  record(
    @Param('id', UuidParamPipe) id: string,
    @Param('householdId', UuidParamPipe) householdId: string,
    @Body() body: RecordCheckRequestDto,
    @CommandCtx() ctx: CommandContext,
  ): Promise<CommandResponse> {
    const data = {
      batchId: id,
      householdId,
      method: body.method,
      outcome: body.outcome,
      problemCode: body.problemCode ?? null,
      note: body.note ?? null,
      checkedOn: body.checkedOn,
      checkedBy: ctx.principal.sub,
      at: ctx.now,
    };
    return this.batches.execute(id, { type: 'RecordPaymentCheck', data }, ctx);
  }
}
