import type { AccessEntry } from '#libs/platform/access-log/index.js';

/**
 * The access log as CSV: the one place the audit capability writes CSV. It should call the
 * project's CSV writer, but that is `toCsv` in libs/views, which imports libs/audit (a cycle);
 * the writer is moving to a shared helper in libs/platform/http. Until then `writeCsv` below is
 * that writer's twin (same quoting, CRLF lines); when the helper lands, import it here instead.
 */
export function accessLogCsv(entries: readonly AccessEntry[]): string {
  return writeCsv(
    ACCESS_CSV_COLUMNS,
    entries.map((e) => ({
      seq: e.seq,
      at: e.at,
      actor: inert(e.actor),
      role: e.role,
      method: e.method,
      route: e.route,
      // Free text from the client: a spreadsheet must not run it as a formula.
      purpose: e.purpose === null ? '' : inert(e.purpose),
      households: e.households.join(' '),
      requestId: e.requestId === null ? '' : inert(e.requestId),
      hash: e.hash,
    })),
  );
}

export const ACCESS_CSV_COLUMNS = [
  'seq',
  'at',
  'actor',
  'role',
  'method',
  'route',
  'purpose',
  'households',
  'requestId',
  'hash',
] as const;

const inert = (text: string): string => (/^[=+\-@\t\r]/.test(text) ? `'${text}` : text);

function writeCsv(columns: readonly string[], rows: readonly Record<string, unknown>[]): string {
  const cell = (v: unknown) => {
    const text = v === null || v === undefined ? '' : String(v);
    return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return [columns.join(','), ...rows.map((r) => columns.map((c) => cell(r[c])).join(','))].join('\r\n') + '\r\n';
}
