import { describe, expect, it } from '@jest/globals';
import { ReceiptClock, type Clock } from './clock.js';

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
