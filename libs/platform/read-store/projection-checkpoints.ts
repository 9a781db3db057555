import type { Logger } from '@nestjs/common';
import { sql } from 'kysely';
import type { Projection } from './projection.js';
import type { AnyKysely, AnyTransaction } from './read-database.js';

/**
 * Where each projection is in the global feed: one row per projection, written in the same
 * read-store transaction as the rows its batch changed, so a crash neither skips nor applies an
 * event twice.
 */
const CHECKPOINTS = 'projection_checkpoints';

export async function createCheckpointsTable(db: AnyKysely): Promise<void> {
  await db.schema
    .createTable(CHECKPOINTS)
    .ifNotExists()
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('position', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}

/** The position a projection resumes after; 0 (its tables dropped) when its version changed. */
export async function resumePosition(db: AnyKysely, projection: Projection, logger: Logger): Promise<number> {
  const row = await db.selectFrom(CHECKPOINTS).selectAll().where('name', '=', projection.name).executeTakeFirst();
  if (!row) return 0;
  if (Number(row.version) === projection.version) return Number(row.position);
  // A new version may change the tables' shape: drop them and build again from zero.
  logger.log(`${projection.name}: version ${row.version} -> ${projection.version}, rebuilding from zero`);
  for (const table of projection.tables) await db.schema.dropTable(table).ifExists().execute();
  await db.deleteFrom(CHECKPOINTS).where('name', '=', projection.name).execute();
  return 0;
}

/** Every projection's position as another process wrote it. */
export async function readCheckpoints(db: AnyKysely): Promise<Array<{ name: string; position: number }>> {
  const rows = await db.selectFrom(CHECKPOINTS).select(['name', 'position']).execute();
  return rows.map((row) => ({ name: row.name, position: Number(row.position) }));
}

export async function saveCheckpoints(trx: AnyTransaction, projections: Projection[], position: number): Promise<void> {
  const updatedAt = new Date().toISOString();
  await trx
    .insertInto(CHECKPOINTS)
    .values(projections.map((p) => ({ name: p.name, version: p.version, position, updated_at: updatedAt })))
    .onConflict((oc) =>
      oc.column('name').doUpdateSet({
        version: sql`excluded.version`,
        position: sql`excluded.position`,
        updated_at: sql`excluded.updated_at`,
      }),
    )
    .execute();
}

/** Empties a projection's tables and forgets its checkpoint: it starts again from zero. */
export async function resetProjection(db: AnyKysely, projection: Projection): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (const table of projection.tables) await trx.deleteFrom(table).execute();
    await trx.deleteFrom(CHECKPOINTS).where('name', '=', projection.name).execute();
  });
}
