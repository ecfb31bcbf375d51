import { type Kysely, sql } from 'kysely';
import { isPostgres } from '../../../platform/db/migration-helpers.ts';

/**
 * Issue 23: the search index's persisted snapshot, so that a web node loads the index at start and
 * reads only the change feed since, instead of analysing every published service again (at 100,000
 * services that took minutes). One row per index (`name`) and engine fingerprint (its code, lexicon
 * and snapshot format, so the two versions of a rolling upgrade do not overwrite each other's),
 * replaced whole by whichever node wrote last: the encoded index and cards, the change-feed position
 * it holds every row up to, when that read began, and the digest of the agencies and synonyms it was
 * built with; a node loads it only when all of them still hold.
 * Additive only: nodes of the previous release ignore the table.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('catalog_search_snapshots')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('fingerprint', 'text', (c) => c.notNull())
    .addColumn('stamp', 'text', (c) => c.notNull())
    .addColumn('feed_xid', 'text', (c) => c.notNull())
    .addColumn('feed_id', 'integer', (c) => c.notNull())
    .addColumn('read_from', 'text', (c) => c.notNull())
    .addColumn('services', 'integer', (c) => c.notNull())
    .addColumn('data', isPostgres(db) ? sql`bytea` : 'blob', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('catalog_search_snapshots_pk', ['name', 'fingerprint'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Yusr migrations are forward-only; restore a backup to go back.');
}
