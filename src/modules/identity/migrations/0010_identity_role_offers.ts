import type { Kysely } from 'kysely';
import { withId } from '../../../platform/db/migration-helpers.ts';

/**
 * A role offered to someone an administrator does not manage (a program administrator, another
 * agency's staff): it becomes a membership only when that person accepts it, signed in, from the
 * emailed link. Only the link's hash is stored. A new table: safe while older nodes run.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('role_offers'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('agency_id', 'integer', (c) => c.references('agencies.id').onDelete('cascade'))
    .addColumn('offered_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('accepted_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('role_offers_user').on('role_offers').column('user_id').execute();
}

export async function down(): Promise<void> {
  throw new Error('Yusr migrations are forward-only; restore a backup to go back.');
}
