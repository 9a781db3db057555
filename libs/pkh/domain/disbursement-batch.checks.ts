import { notFound, ruleBroken } from '#libs/platform/domain/index.js';
import type { DisbursementBatchCommand } from './disbursement-batch.commands.js';
import type { PaymentCheckRecorded, PaymentCheckSampleDrawn } from './disbursement-batch.events.js';
import type { DisbursementBatchState } from './disbursement-batch.state.js';
import { CHECK_CONFIDENCES, CHECK_MARGIN_RANGE, checkSampleSize, drawSample } from './payment-check-sample.js';

type Draw = Extract<DisbursementBatchCommand, { type: 'DrawPaymentCheckSample' }>['data'];
type Check = Extract<DisbursementBatchCommand, { type: 'RecordPaymentCheck' }>['data'];

/**
 * The post-payment check's sample (ADR 0013): drawn once, from the payments the channel confirmed
 * (paid and not recalled), so a sent batch with at least one of them. The same request again is
 * nothing new; another one is refused, since a sample redrawn until it suits is no sample.
 */
export function drawCheckSample(state: DisbursementBatchState, draw: Draw): PaymentCheckSampleDrawn[] {
  const { batchId, confidence, margin, seed, drawnOn } = draw;
  if (state.status !== 'exported') throw ruleBroken('BATCH.NOT_SENT', 'A check follows a batch that was sent');
  if (!CHECK_CONFIDENCES.includes(confidence))
    throw ruleBroken('CHECK.UNKNOWN_CONFIDENCE', `Confidence is one of ${CHECK_CONFIDENCES.join(', ')}`);
  if (!(margin >= CHECK_MARGIN_RANGE.min && margin <= CHECK_MARGIN_RANGE.max))
    throw ruleBroken(
      'CHECK.MARGIN_OUT_OF_RANGE',
      `The margin is from ${CHECK_MARGIN_RANGE.min} to ${CHECK_MARGIN_RANGE.max}`,
    );
  if (state.check) {
    const drawn = state.check.sample;
    if (drawn.confidence === confidence && drawn.margin === margin && drawn.seed === seed) return [];
    throw ruleBroken('CHECK.SAMPLE_ALREADY_DRAWN', "The batch's check sample is already drawn", {
      confidence: drawn.confidence,
      margin: drawn.margin,
      seed: drawn.seed,
    });
  }
  const paid = state.payments.filter((p) => p.status === 'paid').map((p) => p.householdId);
  if (paid.length === 0)
    throw ruleBroken('CHECK.NOTHING_PAID', 'The channel has confirmed no payment of this batch yet');
  const size = checkSampleSize(paid.length, confidence, margin);
  const householdIds = drawSample(paid, size, seed);
  return [
    {
      type: 'PaymentCheckSampleDrawn',
      data: { batchId, confidence, margin, population: paid.length, size, seed, householdIds, drawnOn },
    },
  ];
}

/**
 * One sampled family's answer: received, not received, or a problem with its code and a note.
 * Recorded once; the same record again is nothing new, a different one is refused (a correction
 * is a matter for the supervisor, outside the sample's count).
 */
export function recordCheck(state: DisbursementBatchState, check: Check): PaymentCheckRecorded[] {
  const { at: _at, ...data } = check;
  if (!state.check) throw ruleBroken('CHECK.NO_SAMPLE', "The batch's check sample is not drawn yet");
  if (!state.check.sample.householdIds.includes(data.householdId))
    throw notFound('CHECK.NOT_IN_SAMPLE', 'The household is not in the check sample of this batch');
  if (data.outcome === 'problem' && (data.problemCode === null || !data.note?.trim()))
    throw ruleBroken('CHECK.PROBLEM_NEEDS_CODE_AND_NOTE', 'A problem is recorded with its code and a note');
  if (data.outcome !== 'problem' && data.problemCode !== null)
    throw ruleBroken('CHECK.CODE_ONLY_FOR_PROBLEM', 'A problem code goes with the outcome "problem" only');
  if (data.checkedOn < state.check.sample.drawnOn)
    throw ruleBroken('CHECK.BEFORE_SAMPLE', 'A check comes on or after the day its sample was drawn');
  const before = state.check.results[data.householdId];
  if (before) {
    const same =
      before.outcome === data.outcome &&
      before.problemCode === data.problemCode &&
      before.method === data.method &&
      before.checkedOn === data.checkedOn &&
      before.note === data.note;
    if (same) return [];
    throw ruleBroken('CHECK.ALREADY_RECORDED', "This family's check is already recorded", {
      outcome: before.outcome,
    });
  }
  return [{ type: 'PaymentCheckRecorded', data }];
}
