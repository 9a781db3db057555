import { describe, expect, it } from '@jest/globals';
import { lastDayOfMonth, localMonth, monthStartUtc, nextStage, stageDue, stageOf } from './periods.js';

describe('reporting periods', () => {
  it('puts an instant in the local month of Asia/Jakarta (UTC+7)', () => {
    expect(localMonth('2026-01-31T16:59:59.000Z', 'Asia/Jakarta')).toBe('2026-01');
    expect(localMonth('2026-01-31T17:00:00.000Z', 'Asia/Jakarta')).toBe('2026-02');
    expect(monthStartUtc('2026-02', 'Asia/Jakarta')).toBe('2026-01-31T17:00:00.000Z');
  });
  it('knows stages (tahap) and month ends', () => {
    expect(stageOf('2026-05-10')).toBe('2026-2');
    expect(stageDue('2026-2')).toBe('2026-06-30');
    expect(nextStage('2026-4')).toBe('2027-1');
    expect(lastDayOfMonth('2028-02')).toBe('2028-02-29');
  });
});
