import { describe, expect, it } from '@jest/globals';
import { fold } from '#libs/platform/domain/index.js';
import { disbursementBatchDecider } from '../domain/index.js';
import { parseResultFile, paymentFile } from './payment-file.js';

describe("the channel's result file", () => {
  it('reads paid, failed and returned rows, quoted cells and an optional batch column', () => {
    const rows = parseResultFile(
      'Reference,Status,Reason_Code,Amount,Date,Batch_Id\r\n' +
        'R-1,paid,,750000,2026-03-11,\r\n' +
        '"R-2",FAILED,"ACCOUNT_CLOSED",900000,2026-03-11,b-1\n' +
        'R-3,returned,CARD_NOT_COLLECTED,600000,2026-03-25,\n',
    );
    expect(rows).toEqual([
      {
        line: 2,
        batchId: null,
        reference: 'R-1',
        outcome: 'paid',
        reasonCode: null,
        amount: 750_000,
        date: '2026-03-11',
      },
      {
        line: 3,
        batchId: 'b-1',
        reference: 'R-2',
        outcome: 'failed',
        reasonCode: 'ACCOUNT_CLOSED',
        amount: 900_000,
        date: '2026-03-11',
      },
      {
        line: 4,
        batchId: null,
        reference: 'R-3',
        outcome: 'returned',
        reasonCode: 'CARD_NOT_COLLECTED',
        amount: 600_000,
        date: '2026-03-25',
      },
    ]);
  });

  it('keeps every unreadable row as an error on its line, never drops it', () => {
    const rows = parseResultFile(
      'reference,status,reason_code,amount,date\n' +
        'R-1,paid,,12.5,2026-03-11\n' +
        'R-2,lost,,100,2026-03-11\n' +
        'R-3,paid,,100,11/03/2026\n' +
        ',paid,,100,2026-03-11\n' +
        'R-5,paid,100\n' +
        '"R-6\nsplit",paid,,100,2026-03-11\n' +
        'R-7,paid,,100,2026-03-11\n',
    );
    expect(rows.map((r) => ('error' in r ? [r.line, 'error'] : [r.line, r.reference]))).toEqual([
      [2, 'error'],
      [3, 'error'],
      [4, 'error'],
      [5, 'error'],
      [6, 'error'],
      [7, 'R-6\nsplit'],
      [9, 'R-7'],
    ]);
    expect(parseResultFile('reference,amount\nR-1,100\n')).toEqual([
      { line: 1, error: 'The header lacks status, date' },
    ]);
  });

  it('refuses a day the calendar does not have, and an amount not written in plain digits', () => {
    const rows = parseResultFile(
      'reference,status,reason_code,amount,date\n' +
        'R-1,paid,,225000,2026-02-30\n' +
        'R-2,paid,,225000,1899-12-31\n' +
        'R-3,paid,,2.25e5,2026-03-11\n' +
        'R-4,paid,,0x10,2026-03-11\n' +
        'R-5,paid,,225000,2026-03-11\n',
    );
    expect(rows.map((r) => ('error' in r ? r.error : r.reference))).toEqual([
      'date must be a day of the calendar, YYYY-MM-DD',
      'date must be a day of the calendar, YYYY-MM-DD',
      'amount must be a whole number of rupiah',
      'amount must be a whole number of rupiah',
      'R-5',
    ]);
  });
});

describe('the payment file', () => {
  it('is the same bytes for the same batch, whatever else changed', () => {
    const state = fold(
      disbursementBatchDecider,
      disbursementBatchDecider.decide(
        {
          type: 'DeclareDisbursementBatch',
          data: {
            batchId: 'b0000003-0000-4000-8000-000000000003',
            stage: '2026-1',
            channel: 'post_office',
            plannedOn: '2026-03-10',
            householdIds: ['h1'],
            control: { count: 1, rupiah: 750_000 },
            due: {
              h1: { due: true, amount: 750_000, nik: '3275010101010001', name: '=HYPERLINK("x")', account: null },
            },
            reissueOf: null,
            secondApprovalAbove: 1_000_000_000,
            maker: 'sv-1',
            at: '2026-03-01T00:00:00.000Z',
          },
        },
        disbursementBatchDecider.initialState(),
      ),
    );
    const first = paymentFile(state);
    expect(paymentFile(fold(disbursementBatchDecider, [])).csv).toBe('');
    expect(paymentFile(state)).toEqual(first);
    expect(first.csv).toBe(
      'reference,nik,account,name,amount,stage,batch_id\r\n' +
        `PKH-2026-1-B0000003-00001,3275010101010001,,"'=HYPERLINK(""x"")",750000,2026-1,b0000003-0000-4000-8000-000000000003\r\n`,
    );
    expect(first.checksum).toMatch(/^[0-9a-f]{64}$/);
  });
});
