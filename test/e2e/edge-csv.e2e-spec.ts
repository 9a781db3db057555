import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * CSV: a path id with CRLF or U+202E went into Content-Disposition and the route answered 500
 * outside problem+json (or never); a cell starting with = ran as a formula in a spreadsheet.
 */
describe('the edge: CSV', () => {
  let t: TestApp;
  let supervisor: string;

  beforeAll(async () => {
    t = await startTestApp();
    supervisor = await t.token('supervisor', 'sv-csv');
  });
  afterAll(async () => t.close());

  const monthly = (caseworker: string) =>
    t.http
      .get(`/api/v1/caseworkers/${caseworker}/monthly-report`)
      .query({ month: '2026-03' })
      .set({ authorization: `Bearer ${supervisor}`, accept: 'text/csv' })
      .timeout(5_000);

  it.each([
    ['CRLF', 'cw%0D%0Aset-cookie:%20session=stolen', '"cw\r\nset-cookie: session=stolen",'],
    ['U+202E', 'cw-%E2%80%AEvsc.exe', 'cw-\u202Evsc.exe,'],
    ['quotes and path characters', 'cw%22%3B..%5C..%5Cevil', '"cw"";..\\..\\evil",'],
  ])('answers a path id with %s with a CSV under a safe file name', async (_, path, cell) => {
    const response = await monthly(path).expect(200);
    expect(response.headers['set-cookie']).toBeUndefined();
    const disposition = response.headers['content-disposition'] as string;
    expect(disposition).toMatch(/^attachment; filename="[A-Za-z0-9][\w.-]*\.csv"(; filename\*=UTF-8''[\w%.~-]+)?$/);
    expect(decodeURIComponent(disposition.split("''")[1] ?? '')).not.toMatch(/[\r\n\u202E"\\/]/u);
    expect(response.text.split('\r\n')[0]).toBe('caseworker,month,activity,count');
    // The id is a cell of the CSV, quoted where it must be.
    const firstRow = response.text.slice(response.text.indexOf('\r\n') + 2);
    expect(firstRow.startsWith(`${cell}2026-03,`)).toBe(true);
  });

  it('neutralises a cell that starts like a formula', async () => {
    const response = await monthly(encodeURIComponent('=HYPERLINK("http://x","y")')).expect(200);
    const rows = response.text.split('\r\n').slice(1, -1);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row).toMatch(/^"'=HYPERLINK\(""http:\/\/x"",""y""\)",2026-03,/);
  });
});
