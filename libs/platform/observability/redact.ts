/**
 * What a log line may say about a request's URL. Paths and queries carry personal data: a
 * member's NIK in `/households/{id}/members/{nik}/removal`, a name in `?text=`. Path segments
 * that hold a run of 16 digits (a NIK or KK, also when percent-encoded) are replaced, and so is
 * the value of every query parameter but those known to hold no personal data.
 */
export const REDACTED = '[redacted]';

/** Query parameters whose values say nothing about a person (positions, periods, areas, paging sizes). */
const PLAIN_QUERY_PARAMETERS = new Set([
  'after',
  'asOf',
  'category',
  'from',
  'kecamatan',
  'kelurahan',
  'limit',
  'minPosition',
  'month',
  'sort',
  'status',
  'to',
  'type',
]);

const IDENTITY_NUMBER = /\d{16}/;
const NEEDS_A_LOOK = /\d{16}|%/;

const decoded = (text: string): string => {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
};

/** Whether a path segment or query value holds a NIK or KK, once decoded. */
export const holdsIdentityNumber = (text: string): boolean =>
  IDENTITY_NUMBER.test(text) || (text.includes('%') && IDENTITY_NUMBER.test(decoded(text)));

function redactPath(path: string): string {
  if (!NEEDS_A_LOOK.test(path)) return path;
  return path
    .split('/')
    .map((segment) => (holdsIdentityNumber(segment) ? REDACTED : segment))
    .join('/');
}

function redactQuery(query: string): string {
  return query
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const name = eq < 0 ? pair : pair.slice(0, eq);
      if (holdsIdentityNumber(name)) return REDACTED;
      if (eq < 0) return name;
      const value = pair.slice(eq + 1);
      return PLAIN_QUERY_PARAMETERS.has(name) && !holdsIdentityNumber(value) ? pair : `${name}=${REDACTED}`;
    })
    .join('&');
}

/** The URL as a log line may show it. Cheap for the common URL without query or long digit runs. */
export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return redactPath(url);
  return `${redactPath(url.slice(0, q))}?${redactQuery(url.slice(q + 1))}`;
}

const IDENTITY_NUMBERS = /\d{16,}/g;

/**
 * The last line of defence, on every serialised log line: whatever a message or an error says,
 * no run of 16 digits or more leaves the process. (Times are 13 digits, positions fewer.)
 */
export function scrubLine(line: string): string {
  return IDENTITY_NUMBER.test(line) ? line.replace(IDENTITY_NUMBERS, REDACTED) : line;
}
