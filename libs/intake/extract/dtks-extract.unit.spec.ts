import { describe, expect, it } from '@jest/globals';
import { ExtractHeaderError, readExtract, registrationBody } from './dtks-extract.js';
import { checkHousehold } from './household-rules.js';

const HEADER = 'KK,NIK,Name,birth_date,sex,relationship,kecamatan,kelurahan,welfare_decile';
const row = (kk: string, nik: string, over: Partial<Record<string, string>> = {}) => {
  const cells = {
    name: 'Siti Aminah',
    birth_date: '1985-01-05',
    sex: 'P',
    relationship: 'head',
    kecamatan: 'Bekasi Utara',
    kelurahan: 'Harapan Jaya',
    welfare_decile: '2',
    ...over,
  };
  return [kk, nik, ...Object.values(cells)].join(',');
};
const KK = '3275011203150007';
const KK2 = '3275011203150008';

describe('a DTKS extract', () => {
  it('groups member rows by KK wherever they stand, keeping each row’s line', () => {
    const extract = readExtract(
      [
        HEADER,
        row(KK, '3275014501850001'),
        row(KK2, '3275014501850002'),
        row(KK, '3275014501850003', { relationship: 'child', sex: 'L' }),
      ].join('\n'),
    );
    expect(extract.households.map((h) => [h.kk, h.line, h.rows.map((r) => r.line)])).toEqual([
      [KK, 2, [2, 4]],
      [KK2, 3, [3]],
    ]);
    expect(extract.rowCount).toBe(3);
  });

  it('refuses a header without a required column, naming it', () => {
    expect(() => readExtract('kk,nik,name\n1,2,3\n')).toThrow(ExtractHeaderError);
    try {
      readExtract('kk,nik,name\n');
    } catch (error) {
      expect((error as ExtractHeaderError).missing).toContain('welfare_decile');
    }
  });

  it('keeps a row with the wrong number of cells as unreadable, with its line', () => {
    const extract = readExtract(`${HEADER}\n${row(KK, '3275014501850001')}\n${KK},1,2\n`);
    expect(extract.unreadable).toEqual([{ line: 3, message: 'Expected 9 cells, found 3' }]);
  });

  it("keeps the household's decile, and the extract's date when the file has the column (ADR 0015)", () => {
    const [plain] = readExtract(`${HEADER}\n${row(KK, '3275014501850001', { welfare_decile: '3' })}\n`).households;
    expect(registrationBody(plain!)).toMatchObject({ dtks: { welfareDecile: 3 } });
    expect(registrationBody(plain!).dtks).not.toHaveProperty('extractedOn');
    const [dated] = readExtract(`${HEADER},extract_date\n${row(KK, '3275014501850001')},2026-01-31\n`).households;
    expect(registrationBody(dated!)).toMatchObject({ dtks: { welfareDecile: 2, extractedOn: '2026-01-31' } });
  });

  it("reads DTKS's L/P as the API's sex", () => {
    const [household] = readExtract(`${HEADER}\n${row(KK, '3275014501850001', { sex: 'L' })}\n`).households;
    expect(registrationBody(household!)).toMatchObject({ members: [{ sex: 'male' }] });
  });
});

describe('the rules a household of the extract must pass', () => {
  const check = async (...rows: string[]) => {
    const [household] = readExtract([HEADER, ...rows].join('\n')).households;
    return (await checkHousehold(household!)).problems.map(({ line, column, rule }) => ({ line, column, rule }));
  };

  it('passes a good household', async () => {
    expect(await check(row(KK, '3275014501850001'))).toEqual([]);
  });

  it("names the register route's rule and the CSV column and line it is about", async () => {
    expect(await check(row(KK, '3275014501850001'), row(KK, '327501450185', { relationship: 'child' }))).toEqual([
      { line: 3, column: 'nik', rule: 'isNik' },
    ]);
    expect(await check(row(KK, '3275014501850001', { birth_date: '1985-02-30' }))).toEqual([
      { line: 2, column: 'birth_date', rule: 'isCalendarDate' },
    ]);
  });

  it('WelfareDecileMustBeOneToTen, on every row', async () => {
    expect(await check(row(KK, '3275014501850001', { welfare_decile: '11' }))).toEqual([
      { line: 2, column: 'welfare_decile', rule: 'isWelfareDecile' },
    ]);
    // Once per row: a decile that is none is not also said to differ from the first row's.
    expect(
      await check(
        row(KK, '3275014501850001'),
        row(KK, '3275014501850002', { relationship: 'spouse', welfare_decile: '0' }),
      ),
    ).toEqual([{ line: 3, column: 'welfare_decile', rule: 'isWelfareDecile' }]);
  });

  it('EveryRowOfAKkCarriesTheSameDecileAndExtractDate', async () => {
    expect(
      await check(
        row(KK, '3275014501850001'),
        row(KK, '3275014501850002', { relationship: 'spouse', welfare_decile: '3' }),
      ),
    ).toEqual([{ line: 3, column: 'welfare_decile', rule: 'sameDecileInHousehold' }]);
    const [household] = readExtract(
      [
        `${HEADER},extract_date`,
        `${row(KK, '3275014501850001')},2026-01-31`,
        `${row(KK, '3275014501850002', { relationship: 'spouse' })},2025-07-31`,
      ].join('\n'),
    ).households;
    const { problems } = await checkHousehold(household!);
    expect(problems.map(({ line, column, rule }) => ({ line, column, rule }))).toEqual([
      { line: 3, column: 'extract_date', rule: 'sameExtractDateInHousehold' },
    ]);
  });

  it('names a malformed extract date by its column', async () => {
    const [household] = readExtract(`${HEADER},extract_date\n${row(KK, '3275014501850001')},2026-02-30\n`).households;
    const { problems } = await checkHousehold(household!);
    expect(problems.map(({ line, column, rule }) => ({ line, column, rule }))).toEqual([
      { line: 2, column: 'extract_date', rule: 'isCalendarDate' },
    ]);
  });

  it('EveryRowOfAKkNamesTheSameArea', async () => {
    expect(
      await check(
        row(KK, '3275014501850001'),
        row(KK, '3275014501850002', { relationship: 'spouse', kelurahan: 'Teluk Pucung' }),
      ),
    ).toEqual([{ line: 3, column: 'kelurahan', rule: 'sameAddressInHousehold' }]);
  });
});
