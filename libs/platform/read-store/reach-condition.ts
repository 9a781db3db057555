import { sql, type RawBuilder } from 'kysely';
import type { Reach } from '#libs/platform/auth/reach.js';

/**
 * The SQL condition for the rows a caller reaches, over a read model with `household_id`,
 * `caseworker_id`, `kecamatan` and `kelurahan` columns (household summary, caseloads, the
 * supervisor's queue), of `table` where a query joins several: undefined when the caller reaches
 * the whole city, a condition that holds for no row when nothing.
 */
export function reachCondition(reach: Reach, table?: string): RawBuilder<boolean> | undefined {
  if (reach.cityWide) return undefined;
  const column = (name: string) => sql.ref(table ? `${table}.${name}` : name);
  const terms: RawBuilder<unknown>[] = [];
  if (reach.caseworkerId !== null) terms.push(sql`${column('caseworker_id')} = ${reach.caseworkerId}`);
  for (const a of reach.areas)
    terms.push(
      a.kelurahan === null
        ? sql`${column('kecamatan')} = ${a.kecamatan}`
        : sql`(${column('kecamatan')} = ${a.kecamatan} AND ${column('kelurahan')} = ${a.kelurahan})`,
    );
  if (reach.opened.length) terms.push(sql`${column('household_id')} IN (${sql.join(reach.opened)})`);
  return terms.length ? sql<boolean>`(${sql.join(terms, sql` OR `)})` : sql<boolean>`1 = 0`;
}
