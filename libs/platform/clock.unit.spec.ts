import { describe, expect, it } from '@jest/globals';
import { ReceiptClock, type Clock, localDay } from './clock.js';

describe('ReceiptClock', () => {
  const stores: Clock = { now: () => new Date('2026-11-30T10:00:00.000Z') };

  it("reads the stores' time until a driver holds it, and again once it lets go", () => {
    const clock = new ReceiptClock(stores);
    expect(clock.now().toISOString()).toBe('2026-11-30T10:00:00.000Z');
    clock.hold('2026-02-03T09:00:00.000Z');
    expect(clock.now().toISOString()).toBe('2026-02-03T09:00:00.000Z');
    expect(stores.now().toISOString()).toBe('2026-11-30T10:00:00.000Z');
    clock.hold(undefined);
    expect(clock.now().toISOString()).toBe('2026-11-30T10:00:00.000Z');
  });

  it('gives a copy of the held time, which a reader cannot move', () => {
    const clock = new ReceiptClock(stores);
    clock.hold('2026-02-03T09:00:00.000Z');
    clock.now().setUTCFullYear(2000);
    expect(clock.now().toISOString()).toBe('2026-02-03T09:00:00.000Z');
  });
});

/** What Intl says directly, without the minute cache. */
const direct = (iso: string, timeZone: string): string =>
  new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(iso),
  );

describe('localDay', () => {
  const zones = [
    'Asia/Jakarta',
    'Asia/Makassar',
    'Asia/Jayapura',
    'Asia/Kolkata',
    'Asia/Kathmandu',
    'America/New_York',
    'UTC',
  ];

  it('gives the day Intl gives, minute by minute around midnights and a DST change, asked twice', () => {
    // Around 17:00Z (midnight in Jakarta), 18:15Z and 18:30Z (Kathmandu, Kolkata) and New York's spring change.
    const starts = ['2026-11-30T16:50:00Z', '2026-11-30T18:05:00Z', '2026-03-08T06:50:00Z', '2026-12-31T23:50:00Z'];
    for (const start of starts)
      for (let minute = 0; minute < 50; minute++) {
        const t = new Date(Date.parse(start) + minute * 60_000 + 59_999).toISOString();
        const atStartOfMinute = `${t.slice(0, 16)}:00Z`;
        for (const zone of zones)
          for (const iso of [t, atStartOfMinute, t, atStartOfMinute])
            expect(localDay(iso, zone)).toBe(direct(iso, zone));
      }
  });

  it('works out instants not given in UTC to the minute each time', () => {
    expect(localDay('2026-11-30T23:30:00+07:00', 'Asia/Jakarta')).toBe('2026-11-30');
    expect(localDay('2026-11-30T16:30:00Z', 'Asia/Jakarta')).toBe('2026-11-30');
    expect(localDay('2026-11-30T17:00:00Z', 'Asia/Jakarta')).toBe('2026-12-01');
  });
});
