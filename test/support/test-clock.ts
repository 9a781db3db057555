import type { Clock } from '#libs/platform/index.js';

/**
 * The application's clock in tests: it moves only when the test moves it, so a test that needs
 * two writes recorded at different times says so (advance) instead of sleeping. It starts a
 * minute before the real time, so that reads defaulting to the real time (a state without
 * ?asOf=) still see every write.
 */
export class TestClock implements Clock {
  private time: number;

  constructor(start = Date.now() - 60_000) {
    this.time = start;
  }

  now(): Date {
    return new Date(this.time);
  }

  /** Moves the clock on: whatever is written next is recorded `ms` later. */
  advance(ms = 1): void {
    this.time += ms;
  }
}
