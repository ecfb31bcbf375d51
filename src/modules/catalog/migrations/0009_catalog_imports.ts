import type { Kysely } from 'kysely';
import { withId } from '../../../platform/db/migration-helpers.ts';

/**
 * Catalog imports run in the worker: the upload stores the file and queues a job; this row holds
 * the job's progress and its report for the page that follows it. A new table only: nodes of the
 * previous version never read it.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('catalog_imports'))
    .addColumn('user_id', 'integer')
    .addColumn('file_key', 'text')
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('processed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('total', 'integer')
    .addColumn('errors_json', 'text')
    .addColumn('report_json', 'text')
    .addColumn('result_json', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('catalog_imports_user').on('catalog_imports').columns(['user_id', 'id']).execute();
}

export async function down(): Promise<void> {
  throw new Error('Yusr migrations are forward-only; restore a backup to go back.');
}
