/**
 * Bound parameters per statement: under SQLite's 32,766 and PostgreSQL's 65,535. A projection
 * writes a batch's rows of one table in as few statements as that allows (one, for a batch of
 * the feed), since on PostgreSQL each statement is a round trip.
 */
export const PARAMETERS_PER_STATEMENT = 30_000;

/** `rows` in slices whose values stay under PARAMETERS_PER_STATEMENT; none when there are no rows. */
export function rowChunks<T extends object>(rows: readonly T[]): T[][] {
  const columns = Math.max(1, ...rows.map((row) => Object.keys(row).length));
  return chunks(rows, Math.max(1, Math.floor(PARAMETERS_PER_STATEMENT / columns)));
}

/** Keys for `where … in (…)` in slices under PARAMETERS_PER_STATEMENT. */
export const keyChunks = <T>(keys: readonly T[]): T[][] => chunks(keys, PARAMETERS_PER_STATEMENT);

function chunks<T>(list: readonly T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(list.length / size) }, (_, i) => list.slice(i * size, i * size + size));
}
