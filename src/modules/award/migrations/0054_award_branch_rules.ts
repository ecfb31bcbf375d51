import type { Kysely } from 'kysely';

// Two more rules a branch may set, both checked by Yusr at submission: the nominating agency reached
// at least a given measurement stage (a stage key, lowest first: building, availability, integration,
// excellence) in its latest published round, and at least one supporting document is attached.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('award_branches').addColumn('min_stage', 'text').execute();
  await db.schema
    .alterTable('award_branches')
    .addColumn('attachments_required', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('award_branches').dropColumn('attachments_required').execute();
  await db.schema.alterTable('award_branches').dropColumn('min_stage').execute();
}
