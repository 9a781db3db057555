import { createHash } from 'node:crypto';
import { csvRecords, isCalendarDate, toCsv } from '#libs/platform/http/index.js';
import type { DisbursementBatchState, PaymentOutcome, ResultRow } from '../domain/index.js';

/** The payment file's format name, recorded with its checksum in `DisbursementBatchExported`. */
export const PAYMENT_FILE_FORMAT = 'jejak-pkh-payment-v1';

/**
 * The payment file of a batch: RFC 4180 CSV, one row per payment in declaration order, columns
 * `reference,nik,account,name,amount,stage,batch_id`. It is made from the batch's events only,
 * so every export of a batch gives the same bytes.
 */
export function paymentFile(state: DisbursementBatchState): { csv: string; checksum: string } {
  const csv = toCsv(paymentFileRows(state));
  return { csv, checksum: createHash('sha256').update(csv, 'utf8').digest('hex') };
}

export const paymentFileRows = (state: DisbursementBatchState) =>
  state.payments.map((p) => ({
    reference: p.reference,
    nik: p.nik,
    account: p.account ?? '',
    name: p.name,
    amount: p.amount,
    stage: state.stage,
    batch_id: state.batchId ?? '',
  }));

const OUTCOMES: readonly string[] = ['paid', 'failed', 'returned'] satisfies PaymentOutcome[];
const REQUIRED = ['reference', 'status', 'amount', 'date'];

/**
 * The channel's result file: CSV with a header row naming `reference,status,reason_code,amount,date`
 * and optionally `batch_id`; status is paid, failed or returned; failed and returned rows carry a
 * reason code. A row that cannot be read is kept as an error with its line, never dropped.
 */
export function parseResultFile(text: string): ResultRow[] {
  const [header, ...records] = csvRecords(text);
  if (!header) return [];
  const columns = header.cells.map((c) => c.trim().toLowerCase());
  const missing = REQUIRED.filter((c) => !columns.includes(c));
  if (missing.length > 0) return [{ line: 1, error: `The header lacks ${missing.join(', ')}` }];
  return records.flatMap(({ line, cells }): ResultRow[] => {
    if (cells.length === 1 && cells[0]!.trim() === '') return [];
    const cell = (name: string): string => (cells[columns.indexOf(name)] ?? '').trim();
    if (cells.length !== columns.length)
      return [{ line, error: `Expected ${columns.length} cells, found ${cells.length}` }];
    const status = cell('status').toLowerCase();
    const amount = /^\d{1,15}$/.test(cell('amount')) ? Number(cell('amount')) : NaN;
    if (!cell('reference')) return [{ line, error: 'reference is empty' }];
    if (!OUTCOMES.includes(status)) return [{ line, error: `status must be paid, failed or returned` }];
    if (!Number.isSafeInteger(amount) || amount <= 0)
      return [{ line, error: 'amount must be a whole number of rupiah' }];
    if (!isCalendarDate(cell('date'))) return [{ line, error: 'date must be a day of the calendar, YYYY-MM-DD' }];
    return [
      {
        line,
        batchId: columns.includes('batch_id') && cell('batch_id') ? cell('batch_id') : null,
        reference: cell('reference'),
        outcome: status as PaymentOutcome,
        reasonCode: cell('reason_code') || null,
        amount,
        date: cell('date'),
      },
    ];
  });
}
