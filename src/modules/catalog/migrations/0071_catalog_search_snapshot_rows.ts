import { type Kysely, sql } from 'kysely';
import { isPostgres } from '../../../platform/db/migration-helpers.ts';

/**
 * Issue 23: the search index's snapshot in rows of a few MB, read one at a time at a node's start.
 * At 100,000 services the snapshot is ~145 MB: read as the one `data` of its catalog_search_snapshots
 * row, that read held the event loop for 0.2–1.1 s on SQLite (a synchronous driver) and the whole
 * row sat in memory at once. The header row stays in catalog_search_snapshots (its `data` now names
 * the rows: their generation and count); its rows are here, keyed by the same name and fingerprint
 * and by a generation that each write of the snapshot draws anew, so a node reading rows one after
 * another notices when another node replaced the snapshot meanwhile. Written in the transaction that
 * writes the header.
 * Additive only: nodes of the previous release ignore the table (they read only snapshots of their
 * own fingerprint, whose rows are whole); their pruning of other fingerprints' headers leaves rows
 * here that the next write of this release removes.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('catalog_search_snapshot_rows')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('fingerprint', 'text', (c) => c.notNull())
    .addColumn('generation', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('data', isPostgres(db) ? sql`bytea` : 'blob', (c) => c.notNull())
    .addPrimaryKeyConstraint('catalog_search_snapshot_rows_pk', ['name', 'fingerprint', 'generation', 'seq'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Yusr migrations are forward-only; restore a backup to go back.');
}
