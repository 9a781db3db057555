/** Reporting periods follow the deployment's time zone (Asia/Jakarta by default). */
const monthFormats = new Map<string, Intl.DateTimeFormat>();
const monthsByMinute = new Map<string, string>();

/** The local month of an instant; UTC times are memoised by the minute (zone offsets are whole minutes). */
export function localMonth(isoTime: string, timeZone: string): string {
  if (!isoTime.endsWith('Z')) return formatMonth(isoTime, timeZone);
  const key = `${timeZone}|${isoTime.slice(0, 16)}`;
  let month = monthsByMinute.get(key);
  if (month === undefined) {
    if (monthsByMinute.size > 50_000) monthsByMinute.clear();
    month = formatMonth(isoTime, timeZone);
    monthsByMinute.set(key, month);
  }
  return month;
}

function formatMonth(isoTime: string, timeZone: string): string {
  // Building a formatter costs far more than using one: projections call this for every event.
  let format = monthFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit' });
    monthFormats.set(timeZone, format);
  }
  const parts = format.formatToParts(new Date(isoTime));
  return `${parts.find((p) => p.type === 'year')!.value}-${parts.find((p) => p.type === 'month')!.value}`;
}

/** The UTC instant at which a local month (YYYY-MM) begins in the time zone. */
export function monthStartUtc(month: string, timeZone: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const guess = Date.UTC(y, m - 1, 1);
  // Offset of the zone at that moment (positive east of UTC), found by formatting the guess locally.
  const local = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  })
    .formatToParts(new Date(guess))
    .reduce<Record<string, string>>((acc, p) => ({ ...acc, [p.type]: p.value }), {});
  const asUtc = Date.UTC(
    Number(local.year),
    Number(local.month) - 1,
    Number(local.day),
    Number(local.hour),
    Number(local.minute),
  );
  return new Date(guess - (asUtc - guess)).toISOString();
}

export const nextMonth = (month: string): string => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
};

const lastDays = new Map<string, string>();

/** The month's last day (YYYY-MM-DD); kept by month, since reports ask it for every event they fold. */
export const lastDayOfMonth = (month: string): string => {
  let day = lastDays.get(month);
  if (day === undefined) {
    const [y, m] = month.split('-').map(Number) as [number, number];
    day = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
    // Months are few; a bound keeps odd input from growing it.
    if (lastDays.size < 10_000) lastDays.set(month, day);
  }
  return day;
};

/** Stage (tahap) YYYY-N covers quarter N; its verification is due by the quarter's last day. */
export const stageDue = (stage: string): string => {
  const [y, n] = stage.split('-').map(Number) as [number, number];
  return lastDayOfMonth(`${y}-${String(n * 3).padStart(2, '0')}`);
};

export const nextStage = (stage: string): string => {
  const [y, n] = stage.split('-').map(Number) as [number, number];
  return n === 4 ? `${y + 1}-1` : `${y}-${n + 1}`;
};

export const stageOf = (date: string): string =>
  `${date.slice(0, 4)}-${Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1}`;

/** The local calendar day of an instant: the platform's, shared with the casework's overdue visits. */
export { localDay } from '#libs/platform/clock.js';
