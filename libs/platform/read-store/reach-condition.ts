import { sql, type RawBuilder } from 'kysely';
import type { Reach } from '#libs/platform/auth/reach.js';

const columnOf = (table: string | undefined) => (name: string) => sql.ref(table ? `${table}.${name}` : name);

function areaTerms(reach: Reach, column: (name: string) => RawBuilder<unknown>): RawBuilder<unknown>[] {
  return reach.areas.map((a) =>
    a.kelurahan === null
      ? sql`${column('kecamatan')} = ${a.kecamatan}`
      : sql`(${column('kecamatan')} = ${a.kecamatan} AND ${column('kelurahan')} = ${a.kelurahan})`,
  );
}

const anyOf = (terms: RawBuilder<unknown>[]): RawBuilder<boolean> =>
  terms.length ? sql<boolean>`(${sql.join(terms, sql` OR `)})` : sql<boolean>`1 = 0`;

/**
 * The SQL condition for the rows a caller reaches, over a read model with `household_id`,
 * `caseworker_id`, `kecamatan` and `kelurahan` columns (household summary, caseloads, the
 * supervisor's queue), of `table` where a query joins several: undefined when the caller reaches
 * the whole city, a condition that holds for no row when nothing.
 */
export function reachCondition(reach: Reach, table?: string): RawBuilder<boolean> | undefined {
  if (reach.cityWide) return undefined;
  const column = columnOf(table);
  const terms = areaTerms(reach, column);
  if (reach.caseworkerId !== null) terms.push(sql`${column('caseworker_id')} = ${reach.caseworkerId}`);
  if (reach.opened.length) terms.push(sql`${column('household_id')} IN (${sql.join(reach.opened)})`);
  return anyOf(terms);
}

/**
 * The same by area alone, over a read model of things held in an area (`kecamatan`,
 * `kelurahan`): Kube groups and courses. Undefined when the caller reaches the whole city.
 */
export function areaReachCondition(reach: Reach, table?: string): RawBuilder<boolean> | undefined {
  return reach.cityWide ? undefined : anyOf(areaTerms(reach, columnOf(table)));
}
