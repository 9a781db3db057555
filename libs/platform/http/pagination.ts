import { HttpProblem } from './problem.js';

/** Opaque cursors: base64url JSON, so clients pass them back without reading them. */
export function encodeCursor(value: Record<string, string | number>): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

export function decodeCursor<T extends Record<string, string | number>>(
  cursor: string | undefined,
  check: (v: unknown) => v is T,
): T | undefined {
  if (cursor === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (check(value)) return value;
  } catch {
    // fall through to the problem below
  }
  throw new HttpProblem(400, 'VALIDATION.FAILED', 'cursor is not one this API handed out', {
    errors: [{ field: 'cursor', rule: 'isCursor', message: 'cursor must be a nextCursor value from a previous page' }],
  });
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

const isAfter = (v: unknown): v is { after: number } => typeof (v as { after?: unknown })?.after === 'number';

/** A list ordered by a global position: its cursor is the last position of the previous page. */
export function afterCursor(cursor: string | undefined): number | undefined {
  return decodeCursor(cursor, isAfter)?.after;
}

/**
 * A page of rows fetched with `limit + 1` (the extra row says there is more), its cursor the last
 * row's position on the page.
 */
export function pageAfter<R, T>(
  rows: readonly R[],
  limit: number,
  positionOf: (row: R) => number | string,
  toItem: (row: R) => T,
): Page<T> {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map((row) => toItem(row)),
    nextCursor: rows.length > limit && last !== undefined ? encodeCursor({ after: Number(positionOf(last)) }) : null,
  };
}
