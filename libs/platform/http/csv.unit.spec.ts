import { describe, expect, it } from '@jest/globals';
import { attachmentDisposition, toCsv, wantsCsv } from './csv.js';

describe('toCsv', () => {
  it('writes RFC 4180 with CRLF and a header row, quoting what needs it', () => {
    expect(toCsv([{ a: 1, b: 'x,"y"', c: null, d: true, e: { k: 1 } }])).toBe(
      'a,b,c,d,e\r\n1,"x,""y""",,true,"{""k"":1}"\r\n',
    );
    expect(toCsv([])).toBe('');
    expect(toCsv([{ a: 'line\nbreak' }])).toBe('a\r\n"line\nbreak"\r\n');
  });

  it.each(['=1+2', '+1', '-2+3', '@SUM(A1)', '\tcmd', '\rcmd', '=HYPERLINK("http://x","y")', '＝1'])(
    'neutralises a text cell starting like a formula: %j',
    (text) => {
      const cell = toCsv([{ a: text }]).split('\r\n')[1]!;
      expect(cell.replace(/^"/, '')).toMatch(/^'/);
    },
  );

  it('writes every column any row carries on every row, in the order they first appear', () => {
    expect(
      toCsv([
        { period: '2026-01', a: 1 },
        { period: '2026-02', b: 2 },
        { a: 3, c: 'x' },
      ]),
    ).toBe('period,a,b,c\r\n2026-01,1,,\r\n2026-02,,2,\r\n,3,,x\r\n');
  });

  it('leaves negative numbers and ordinary text alone', () => {
    expect(toCsv([{ n: -5, s: 'Siti - Bekasi', t: 'a=b' }])).toBe('n,s,t\r\n-5,Siti - Bekasi,a=b\r\n');
  });
});

describe('attachmentDisposition', () => {
  it('keeps a plain file name as it is', () => {
    expect(attachmentDisposition('monthly-report-cw-01-2026-03.csv')).toBe(
      'attachment; filename="monthly-report-cw-01-2026-03.csv"',
    );
  });

  it.each([
    ['CR and LF', 'report-cw\r\nset-cookie: x=1.csv'],
    ['U+202E', 'report-\u202Evsc.exe.csv'],
    ['quotes and path characters', 'report-"../../etc/passwd"\\x.csv'],
    ['a leading dot', '..report.csv'],
  ])('removes %s', (_, name) => {
    const header = attachmentDisposition(name);
    expect(header).toMatch(
      /^attachment; filename="[A-Za-z0-9][A-Za-z0-9._-]*"(; filename\*=UTF-8''[A-Za-z0-9%._~-]+)?$/,
    );
    expect(decodeURIComponent(header.split("''")[1] ?? '')).not.toMatch(/[\r\n\u202E"\\/]/u);
  });

  it('keeps other letters in filename*, RFC 6266', () => {
    expect(attachmentDisposition('laporan-Ibu Sri Wahyuni-Ā.csv')).toBe(
      `attachment; filename="laporan-Ibu_Sri_Wahyuni-.csv"; filename*=UTF-8''laporan-Ibu%20Sri%20Wahyuni-%C4%80.csv`,
    );
  });
});

describe('wantsCsv', () => {
  it('reads Accept', () => {
    expect([wantsCsv('text/csv'), wantsCsv('application/json, text/csv;q=0.5'), wantsCsv(undefined)]).toEqual([
      true,
      true,
      false,
    ]);
  });
});
