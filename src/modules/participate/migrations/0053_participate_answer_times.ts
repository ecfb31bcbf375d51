import type { Kysely } from 'kysely';

// Time to disposition per consultation: its answered comments in the order they were answered, so
// the median, the 90th percentile and the longest are each read by rank from the index (a few index
// steps) instead of sorting every comment of the consultation on each report, console page or export.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('participate_comments_disposed')
    .on('participate_comments')
    .columns(['consultation_id', 'disposed_at'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('participate_comments_disposed').execute();
}
