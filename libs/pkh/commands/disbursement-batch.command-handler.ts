import { Inject, Injectable } from '@nestjs/common';
import { HouseholdDirectory } from '#libs/households/index.js';
import {
  CommandExecutor,
  Reservations,
  idFor,
  type Claim,
  type CommandContext,
} from '#libs/platform/command-handling/index.js';
import { APP_CONFIG, type AppConfig } from '#libs/platform/config/index.js';
import { notFound } from '#libs/platform/domain/index.js';
import type { CommandResponse } from '#libs/platform/http/index.js';
import { StreamReader } from '#libs/platform/streams/index.js';
import {
  disbursementBatchDecider,
  pkhDecider,
  reconcile,
  type BatchPayment,
  type CheckConfidence,
  type DisbursementBatchCommand,
  type DisbursementBatchEvent,
  type DisbursementBatchState,
  type DisbursementChannel,
  type DueFact,
  type RowReport,
} from '../domain/index.js';
import { disbursementBatchStream, pkhStream, stagePaymentStream } from '../pkh-streams.js';
import { PAYMENT_FILE_FORMAT, parseResultFile, paymentFile } from './payment-file.js';
import { PkhCommandHandler } from './pkh.command-handler.js';

export interface DeclareBatchRequest {
  stage: string;
  channel: DisbursementChannel;
  plannedOn: string;
  householdIds: string[];
  control: { count: number; rupiah: number };
}

/**
 * Every batch command goes through here, on the batch's stream (ADR 0013). Declaring gathers each
 * household's standing for the stage and reserves its stage payment for the batch before the
 * append; a payment that fails or comes back gives the reservation back, and a payment the
 * channel confirms is recorded on the household's PKH stream, which is what reports count.
 */
@Injectable()
export class DisbursementBatchCommandHandler {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly reservations: Reservations,
    private readonly reader: StreamReader,
    private readonly households: HouseholdDirectory,
    private readonly pkh: PkhCommandHandler,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute(
    batchId: string,
    command: DisbursementBatchCommand,
    context: CommandContext,
    reason?: string,
  ): Promise<CommandResponse> {
    const result = await this.executor.execute({
      stream: disbursementBatchStream(batchId),
      decider: disbursementBatchDecider,
      command,
      context,
      ...(reason ? { reason } : {}),
      alongside: async (events) => {
        const claimed = events.flatMap((e) => (e.type === 'PaymentAddedToBatch' ? [e.data.householdId] : []));
        if (claimed.length === 0) return [];
        const stage = command.type === 'DeclareDisbursementBatch' ? command.data.stage : '';
        return this.reservations.claimAll(
          claimed.map((h) => this.claim(h, stage)),
          batchId,
        );
      },
    });
    await this.followUp(batchId, result.events, context);
    return { id: batchId, revision: result.revision, position: result.position };
  }

  async declare(request: DeclareBatchRequest, context: CommandContext, reissueOf?: string): Promise<CommandResponse> {
    const batchId = idFor(context.idempotencyKey, context.principal.sub, 'disbursementbatch');
    const due: Record<string, DueFact> = {};
    for (const householdId of request.householdIds) due[householdId] = await this.dueFact(householdId, request.stage);
    let reissue = null;
    if (reissueOf) {
      const { state } = await this.batch(reissueOf);
      if (state.status === 'none') throw notFound('BATCH.NOT_FOUND', 'No disbursement batch has this id');
      const failedHouseholdIds = state.payments
        .filter((p) => p.status === 'failed' || p.status === 'returned')
        .map((p) => p.householdId);
      reissue = { batchId: reissueOf, stage: state.stage, failedHouseholdIds };
    }
    const data = {
      batchId,
      ...request,
      due,
      reissueOf: reissue,
      secondApprovalAbove: this.config.pkhBatchSecondApprovalAbove,
      maker: context.principal.sub,
      at: context.now,
    };
    return this.execute(batchId, { type: 'DeclareDisbursementBatch', data }, context);
  }

  async export(batchId: string, context: CommandContext): Promise<CommandResponse & { checksum: string }> {
    const { state } = await this.batch(batchId);
    const { checksum } = paymentFile(state);
    const data = { batchId, format: PAYMENT_FILE_FORMAT, checksum, at: context.now };
    const answer = await this.execute(batchId, { type: 'ExportDisbursementBatch', data }, context);
    return { ...answer, checksum };
  }

  /** Records a result file; the answer reports every row. The same file again changes nothing. */
  async importResults(
    batchId: string,
    file: string,
    context: CommandContext,
  ): Promise<CommandResponse & { rows: RowReport[] }> {
    const rows = parseResultFile(file);
    const { state } = await this.batch(batchId);
    const answer = await this.execute(
      batchId,
      { type: 'RecordPaymentResults', data: { batchId, rows, at: context.now, today: context.today } },
      context,
    );
    // The report is of the state the rows were matched against; a race retried in the executor
    // only ever turns "matched" into "unchanged".
    const { report } = reconcile(state, rows, context.today);
    await this.redrive(batchId, context);
    return { ...answer, rows: report };
  }

  /** The check's sample; its seed by default from the payment file's checksum, fixed before any result. */
  async drawCheckSample(
    batchId: string,
    request: { confidence: CheckConfidence; margin: number; seed: number | undefined; drawnOn: string },
    context: CommandContext,
  ): Promise<CommandResponse> {
    let { seed } = request;
    if (seed === undefined) {
      const { state } = await this.batch(batchId);
      seed = state.checksum ? parseInt(state.checksum.slice(0, 8), 16) : 0;
    }
    const data = { batchId, ...request, seed, at: context.now };
    return this.execute(batchId, { type: 'DrawPaymentCheckSample', data }, context);
  }

  async batch(batchId: string): Promise<{ state: DisbursementBatchState; revision: number | undefined }> {
    const { state, revision } = await this.reader.stateAt(disbursementBatchStream(batchId), disbursementBatchDecider);
    return { state, revision };
  }

  /** Whether a household is due for a stage, and if so what it is paid and to whom. */
  async dueFact(householdId: string, stage: string, batchId?: string): Promise<DueFact> {
    const household = await this.households.find(householdId);
    if (!household.registered) return { due: false, reason: 'NOT_REGISTERED' };
    const { state } = await this.reader.stateAt(pkhStream(householdId), pkhDecider);
    if (state.status === 'suspended') return { due: false, reason: 'SUSPENDED' };
    if (state.status !== 'active') return { due: false, reason: 'NOT_ACTIVE' };
    const record = state.stages[stage];
    if (!record) return { due: false, reason: 'STAGE_NOT_VERIFIED' };
    if (!record.compliant) return { due: false, reason: 'STAGE_NOT_COMPLIANT' };
    if (record.disbursed !== null) return { due: false, reason: 'ALREADY_PAID' };
    const holder = await this.reservations.holderOf(stagePaymentStream(householdId, stage));
    if (holder !== null && holder !== batchId) return { due: false, reason: 'IN_OPEN_BATCH' };
    const head = household.members.find((m) => m.relationship === 'head') ?? household.members[0];
    return {
      due: true,
      amount: state.entitlementPerStage,
      nik: head?.nik ?? '',
      name: head?.name ?? '',
      account: state.kksAccount?.account ?? null,
    };
  }

  private claim(householdId: string, stage: string): Claim {
    return {
      stream: stagePaymentStream(householdId, stage),
      kind: 'pkh-stage-payment',
      conflictCode: 'BATCH.HOUSEHOLD_IN_OPEN_BATCH',
      conflictMessage: `Household ${householdId} is in another open batch of stage ${stage}`,
      holderKey: 'batchId',
    };
  }

  /** What a batch's events mean for its households' reservations and PKH streams. */
  private async followUp(batchId: string, events: DisbursementBatchEvent[], context: CommandContext): Promise<void> {
    const touched = new Set(
      events.flatMap((e) =>
        e.type === 'BatchPaymentSettled' || e.type === 'BatchPaymentReversed' ? [e.data.reference] : [],
      ),
    );
    const cancelled = events.some((e) => e.type === 'DisbursementBatchCancelled');
    if (touched.size === 0 && !cancelled) return;
    const { state } = await this.batch(batchId);
    for (const payment of state.payments) {
      if (cancelled) await this.reservations.release(this.claim(payment.householdId, state.stage), batchId, context);
      else if (touched.has(payment.reference)) await this.sync(state, payment, context);
    }
  }

  /** A crash between a batch's append and its follow-ups is repaired by importing the file again. */
  private async redrive(batchId: string, context: CommandContext): Promise<void> {
    const { state } = await this.batch(batchId);
    for (const payment of state.payments) await this.sync(state, payment, context);
  }

  /**
   * Brings a household's PKH stream and its stage reservation in line with its payment in the
   * batch; each step is idempotent (the PKH decider records a reference once), so it may run again.
   */
  private async sync(state: DisbursementBatchState, payment: BatchPayment, context: CommandContext): Promise<void> {
    const { householdId, reference, amount, status, reasonCode, settledOn } = payment;
    const { stage } = state;
    const at = context.now;
    const day = settledOn ?? context.today;
    const { expectedRevision: _batch, commandKey: _key, ...onHousehold } = context;
    if (status === 'paid') {
      const { state: pkh } = await this.reader.stateAt(pkhStream(householdId), pkhDecider);
      if ((pkh.stages[stage]?.disbursed ?? null) !== null) return;
      const channel = state.channel ?? 'bank_transfer';
      const data = { householdId, stage, amount, channel, reference, disbursedOn: day, at };
      await this.pkh.execute(householdId, { type: 'RecordPkhPaymentConfirmed', data }, onHousehold);
    } else if (status === 'failed' || status === 'returned') {
      const data = {
        householdId,
        stage,
        amount,
        outcome: status,
        reasonCode: reasonCode ?? '',
        reference,
        failedOn: day,
        at,
      };
      await this.pkh.execute(householdId, { type: 'RecordPkhPaymentFailure', data }, onHousehold);
      await this.reservations.release(this.claim(householdId, stage), state.batchId!, context);
    } else if (status === 'reversed') {
      const data = { householdId, stage, amount, reference, reversedOn: payment.reversedOn ?? day, at };
      await this.pkh.execute(householdId, { type: 'ReversePkhPayment', data }, onHousehold);
      await this.reservations.release(this.claim(householdId, stage), state.batchId!, context);
    }
  }
}
