import type { Kysely } from 'kysely';
import { withId } from '../../../platform/db/migration-helpers.ts';

// The panel's discussion of a nomination: what its judges (once their own review is in) and the
// program office write to each other before decisions. Authors are staff accounts, kept by id.

export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('award_discussion'))
    .addColumn('nomination_id', 'integer', (c) => c.notNull().references('award_nominations.id'))
    .addColumn('author_user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('award_discussion_nomination').on('award_discussion').columns(['nomination_id', 'id']).execute();
}

/** Drops the discussion (restore a backup to keep it). */
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('award_discussion').ifExists().execute();
}
