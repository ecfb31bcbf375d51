import type { Kysely } from 'kysely';

/**
 * Events about one aggregate are handled in the order they were emitted: a job with an ordering
 * key is claimed only when no earlier job with the same key is still pending or running. The index
 * is that check (a walk of one key's jobs in id order). Adding a nullable column and an index is
 * safe while nodes of the previous version run: they neither read nor write it.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('jobs').addColumn('ordering_key', 'text').execute();
  await db.schema.createIndex('jobs_ordering').on('jobs').columns(['ordering_key', 'id']).execute();
}

export async function down(): Promise<void> {
  throw new Error('Yusr migrations are forward-only; restore a backup to go back.');
}
