/**
 * Where the application reads the time: the `now` of each command (CommandCtx) and the time the
 * event stores record. Production runs on the system clock with nothing to configure; a test
 * passes its own to createApp and moves it explicitly instead of sleeping.
 */
export interface Clock {
  now(): Date;
}

export const CLOCK = Symbol('CLOCK');

export const systemClock: Clock = { now: () => new Date() };
