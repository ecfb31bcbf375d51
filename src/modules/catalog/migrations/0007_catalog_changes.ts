import { type Kysely, sql } from 'kysely';
import { isPostgres, withId } from '../../../platform/db/migration-helpers.ts';

/**
 * The catalog's change feed: one row per publication, written in the publishing transaction, read
 * by every web node to keep its search index and page cache current. On PostgreSQL each row
 * carries its transaction id so readers follow commit order, not clock order (see
 * platform/search/feed.ts); SQLite has a single writer, so ids already commit in order.
 * Additive only: nodes still running the previous release ignore the table.
 */
export async function up(db: Kysely<any>): Promise<void> {
  let table = withId(db, db.schema.createTable('catalog_changes'))
    .addColumn('service_id', 'integer', (c) => c.notNull())
    .addColumn('identifier', 'text', (c) => c.notNull())
    .addColumn('agency_id', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull());
  table = isPostgres(db)
    ? table.addColumn('txid', sql`xid8`, (c) => c.notNull().defaultTo(sql`pg_current_xact_id()`))
    : table.addColumn('txid', 'text');
  await table.execute();
  if (isPostgres(db)) await db.schema.createIndex('catalog_changes_commit_order').on('catalog_changes').columns(['txid', 'id']).execute();
}

export async function down(): Promise<void> {
  throw new Error('Yusr migrations are forward-only; restore a backup to go back.');
}
