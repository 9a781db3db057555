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
/** Local days already worked out, by zone and UTC minute: every zone's offset is whole minutes. */
const daysByMinute = new Map<string, string>();
const KEPT_MINUTES = 50_000;
const UTC_TO_THE_MINUTE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z$/;

/**
 * The local calendar day (YYYY-MM-DD) of an instant in the time zone. Intl's formatting costs a
 * few microseconds and reports call this for every event they fold (a quarter of the KPIs'
 * rebuild): the day of a UTC instant given to the minute is kept, since every instant of that
 * minute falls on the same local day in any zone whose offset is whole minutes (all of today's).
 */
export function localDay(isoTime: string, timeZone: string): string {
  const cacheable = UTC_TO_THE_MINUTE.test(isoTime);
  const key = cacheable ? `${timeZone} ${isoTime.slice(0, 16)}` : '';
  if (cacheable) {
    const known = daysByMinute.get(key);
    if (known !== undefined) return known;
  }
  let format = dayFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormats.set(timeZone, format);
  }
  const day = format.format(new Date(isoTime));
  if (cacheable) {
    if (daysByMinute.size >= KEPT_MINUTES) daysByMinute.clear();
    daysByMinute.set(key, day);
  }
  return day;
}
