import type { Kysely } from 'kysely';
import { withId } from '../../../platform/db/migration-helpers.ts';

// The office's wording of the pages about the service: privacy notice, accessibility statement,
// contact and help (one row per page once edited; the shipped text until then).

export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('site_pages'))
    .addColumn('key', 'text', (c) => c.notNull().unique())
    .addColumn('title_ar', 'text', (c) => c.notNull())
    .addColumn('title_en', 'text', (c) => c.notNull())
    .addColumn('body_ar', 'text', (c) => c.notNull())
    .addColumn('body_en', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'integer', (c) => c.references('users.id'))
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Yusr migrations are forward-only; restore a backup to go back.');
}
