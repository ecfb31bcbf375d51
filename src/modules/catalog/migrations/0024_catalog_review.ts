import type { Kysely } from 'kysely';

/**
 * "Submit for review": an editor asks the agency's administrators to check the draft before it is
 * published. Nullable columns only, so nodes of the previous version keep working beside them.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('services').addColumn('review_requested_at', 'text').execute();
  await db.schema.alterTable('services').addColumn('review_requested_by', 'text').execute();
  await db.schema.alterTable('services').addColumn('review_note', 'text').execute();
}

export async function down(): Promise<void> {
  throw new Error('Yusr migrations are forward-only; restore a backup to go back.');
}
