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

/**
 * The clock requests are received by (CLOCK): the stores' clock, unless a driver in this very
 * process holds it at another time. The seed does, to replay a year of office work through the
 * API: each command is received "then" while the stores go on recording the real time, so that
 * recordedAt stays in commit order and as-of reads stay right. No request can move it.
 */
export class ReceiptClock implements Clock {
  private held: Date | undefined;

  constructor(private readonly stores: Clock) {}

  now(): Date {
    return this.held ? new Date(this.held) : this.stores.now();
  }

  /** Requests from now on are received at `time` (ISO 8601); `undefined` lets go. */
  hold(time: string | undefined): void {
    this.held = time === undefined ? undefined : new Date(time);
  }
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** The local calendar day (YYYY-MM-DD) of an instant in the time zone. */
export function localDay(isoTime: string, timeZone: string): string {
  let format = dayFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormats.set(timeZone, format);
  }
  return format.format(new Date(isoTime));
}
