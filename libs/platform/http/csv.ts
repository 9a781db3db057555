import { stringify } from 'csv-stringify/sync';
import type { FastifyReply } from 'fastify';
import type { Page } from './pagination.js';

/** Whether the client asked for CSV (`Accept: text/csv`). */
export const wantsCsv = (accept: string | undefined): boolean => /\btext\/csv\b/i.test(accept ?? '');

/**
 * Rows as RFC 4180 CSV (CRLF, a header row naming every key any row carries, in the order they
 * first appear: a report's later rows may carry metrics its first lacks), written by csv-stringify.
 * A row without a column gets an empty cell.
 * A text cell that starts with = + - @, a tab or a carriage return (or their full-width forms) is
 * prefixed with a single quote, as OWASP advises against formula injection: a name or a note
 * typed by a client must never run in the spreadsheet of whoever opens the report. Numbers stay
 * numbers (-5 is not escaped); objects are written as JSON, booleans as true/false.
 */
export function toCsv(rows: readonly Record<string, unknown>[]): string {
  if (rows.length === 0) return '';
  return stringify(rows as Record<string, unknown>[], {
    header: true,
    columns: columnsOf(rows),
    record_delimiter: 'windows',
    // A bare CR or LF in a cell is quoted too, not only the CRLF that ends a record.
    quoted_match: /[\r\n]/,
    escape_formulas: true,
    cast: {
      boolean: (value) => String(value),
      date: (value) => value.toISOString(),
      object: (value) => JSON.stringify(value),
    },
  });
}

function columnsOf(rows: readonly Record<string, unknown>[]): string[] {
  const columns = new Set<string>();
  for (const row of rows) for (const key of Object.keys(row)) columns.add(key);
  return [...columns];
}

const clip = (text: string, max: number): string => (text.length > max ? text.slice(0, max) : text);

/**
 * `attachment; filename="…"` for a file name that may hold client text (a caseworker id from the
 * path): control characters (CR, LF), bidirectional overrides (U+202E turns "vsc.exe" into
 * "exe.csv") and other invisible format characters, quotes, backslashes and path separators are
 * removed; the plain `filename` keeps letters, digits, `.`, `_` and `-` only, and anything else
 * goes in an RFC 6266 `filename*` (RFC 8187 UTF-8 percent-encoding).
 */
export function attachmentDisposition(filename: string): string {
  const cleaned = clip(
    filename
      .normalize('NFC')
      .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}"\\/:*?<>|]/gu, '')
      .replace(/^[.\s]+/, '')
      .trim(),
    150,
  );
  const ascii =
    cleaned
      .replace(/[^A-Za-z0-9._-]+/g, '_')
      .replace(/^[._]+/, '')
      .replace(/_+(\.[A-Za-z0-9]+)$/, '$1') || 'download';
  if (ascii === cleaned) return `attachment; filename="${ascii}"`;
  const encoded = encodeURIComponent(cleaned).replace(
    /['()*!]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** Sets the CSV headers on the reply and returns the body: the one way a route answers CSV. */
export function sendCsv(reply: FastifyReply, filename: string, rows: readonly Record<string, unknown>[]): string {
  void reply
    .header('content-type', 'text/csv; charset=utf-8')
    .header('content-disposition', attachmentDisposition(filename.endsWith('.csv') ? filename : `${filename}.csv`));
  return toCsv(rows);
}

/**
 * A page of a list: JSON `{items, nextCursor}`, or for `Accept: text/csv` the same page's items
 * as CSV (one row each, by `row`) with its next cursor in the `X-Next-Cursor` header.
 */
export function sendPage<T>(
  reply: FastifyReply,
  accept: string | undefined,
  filename: string,
  page: Page<T>,
  row: (item: T) => Record<string, unknown>,
): Page<T> | string {
  if (!wantsCsv(accept)) return page;
  if (page.nextCursor) void reply.header('x-next-cursor', page.nextCursor);
  return sendCsv(reply, filename, page.items.map(row));
}
