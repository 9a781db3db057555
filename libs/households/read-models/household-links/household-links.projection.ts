import type { Kysely, Transaction } from 'kysely';
import { categoryOf, type RecordedEvent } from '#libs/platform/event-store/index.js';
import { writeRows, type Projection } from '#libs/platform/read-store/index.js';
import { HOUSEHOLD_CATEGORY, IDENTITY_CATEGORY } from '../../household-streams.js';

export const HOUSEHOLD_LINKS_TABLE = 'household_links';

export interface HouseholdLinksTables {
  household_links: { household_id: string; stream: string; first_position: number };
}

/**
 * Events of other capabilities name the households they concern (`householdId`, or
 * `householdIds` for a group). This index of which streams name which household lets a
 * household's history merge them without knowing those capabilities.
 */
export function householdsNamedBy(data: unknown): string[] {
  const { householdId, householdIds } = (data ?? {}) as { householdId?: unknown; householdIds?: unknown };
  const ids = Array.isArray(householdIds) ? householdIds.filter((h): h is string => typeof h === 'string') : [];
  return typeof householdId === 'string' ? [householdId, ...ids] : ids;
}

const OWN_CATEGORIES = new Set([HOUSEHOLD_CATEGORY, IDENTITY_CATEGORY]);

export const householdLinksProjection: Projection = {
  name: 'household-links',
  version: 1,
  filter: {},
  tables: [HOUSEHOLD_LINKS_TABLE],

  async setup(db: Kysely<HouseholdLinksTables>) {
    await db.schema
      .createTable(HOUSEHOLD_LINKS_TABLE)
      .ifNotExists()
      .addColumn('household_id', 'text', (c) => c.notNull())
      .addColumn('stream', 'text', (c) => c.notNull())
      .addColumn('first_position', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('household_links_pk', ['household_id', 'stream'])
      .execute();
  },

  async apply(trx: Transaction<HouseholdLinksTables>, event: RecordedEvent) {
    await this.applyBatch!(trx, [event]);
  },

  /** One multi-row insert per batch; the first position that named a household wins. */
  async applyBatch(trx: Transaction<HouseholdLinksTables>, events: readonly RecordedEvent[]) {
    const links = new Map<string, HouseholdLinksTables['household_links']>();
    for (const event of events) {
      if (OWN_CATEGORIES.has(categoryOf(event.stream))) continue;
      for (const household_id of householdsNamedBy(event.data)) {
        const key = `${household_id}|${event.stream}`;
        if (!links.has(key)) links.set(key, { household_id, stream: event.stream, first_position: event.position });
      }
    }
    const rows = [...links.values()];
    await writeRows(trx, rows, (chunk) =>
      trx
        .insertInto(HOUSEHOLD_LINKS_TABLE)
        .values(chunk)
        .onConflict((oc) => oc.columns(['household_id', 'stream']).doNothing()),
    );
  },
};
