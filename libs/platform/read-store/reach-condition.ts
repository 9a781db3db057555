import { sql, type RawBuilder } from 'kysely';
import type { Reach } from '#libs/platform/auth/reach.js';

/**
 * The SQL condition for the rows a caller reaches, over a read model with `household_id`,
 * `caseworker_id`, `kecamatan` and `kelurahan` columns (household summary, caseloads): undefined
 * when the caller reaches the whole city, false when nothing.
 */
export function reachCondition(reach: Reach): RawBuilder<boolean> | undefined {
  if (reach.cityWide) return undefined;
  const terms: RawBuilder<unknown>[] = [];
  if (reach.caseworkerId !== null) terms.push(sql`caseworker_id = ${reach.caseworkerId}`);
  for (const a of reach.areas)
    terms.push(
      a.kelurahan === null
        ? sql`kecamatan = ${a.kecamatan}`
        : sql`(kecamatan = ${a.kecamatan} AND kelurahan = ${a.kelurahan})`,
    );
  if (reach.opened.length) terms.push(sql`household_id IN (${sql.join(reach.opened)})`);
  return terms.length ? sql<boolean>`(${sql.join(terms, sql` OR `)})` : sql<boolean>`1 = 0`;
}
