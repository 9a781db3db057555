import { describe, expect, it } from '@jest/globals';
import { isCalendarDate, isIsoDateTime, isPersonName } from './validators.js';

describe('isIsoDateTime', () => {
  it('takes full date-times with Z or an offset', () => {
    expect(
      [
        '2026-03-01T00:00:00Z',
        '2026-03-01T07:00+07:00',
        '2026-03-01T00:00:00.123456Z',
        '2024-02-29T23:59:59-03:30',
      ].map(isIsoDateTime),
    ).toEqual([true, true, true, true]);
  });

  it('refuses other ISO 8601 forms no Date reads as meant, and impossible times', () => {
    expect(
      [
        '2026-W01',
        '2026-060',
        '20260301T000000Z',
        '2026-03-01',
        '2026-03-01T00:00:00',
        '2026-02-30T00:00:00Z',
        '2026-03-01T24:00:00Z',
        '2026-03-01T00:60:00Z',
        '2026-03-01T00:00:00+24:00',
        '2026-03-01t00:00:00z',
        ` 2026-03-01T00:00:00Z`,
        `2026-03-01T00:00:00.${'1'.repeat(40)}Z`,
        20260301,
      ].map(isIsoDateTime),
    ).toEqual(Array(13).fill(false));
  });
});

describe('isCalendarDate', () => {
  it('takes dates that exist, written YYYY-MM-DD', () => {
    expect(['2024-02-29', '2026-02-30', '2026-3-1'].map(isCalendarDate)).toEqual([true, false, false]);
  });

  it('takes no date before 1900: a birth in year 1 would pass for an elderly member', () => {
    expect(['1900-01-01', '1899-12-31', '0001-01-01', '0000-01-01'].map(isCalendarDate)).toEqual([
      true,
      false,
      false,
      false,
    ]);
  });
});

describe('isPersonName', () => {
  it('takes names in any script, with spaces and marks', () => {
    expect(['Siti Aminah', 'Ni Luh Putu Ayu', "Muh. Ja'far", 'Ñoño Ü', 'سيتي', ' Budi '].map(isPersonName)).toEqual(
      Array(6).fill(true),
    );
  });

  it('refuses blank names, control characters and marks that turn the text around', () => {
    const refused = [
      '',
      '   ',
      '\t',
      'Siti\nAminah',
      'Budi\u0007',
      'Siti\u0000',
      'abc\u202Edcba',
      'a\u2066b\u2069',
      'x\u200F',
    ];
    expect(refused.map(isPersonName)).toEqual(Array(refused.length).fill(false));
  });
});
