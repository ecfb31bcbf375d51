import type { Kysely } from 'kysely';
import { withId } from '../../../platform/db/migration-helpers.ts';

// Supporting documents attached to a nomination while it is a draft (frozen once submitted): the
// stored file's key, its sanitised original name, the kind its bytes showed, size and SHA-256.
// And each edition's tie-break rule for the standings (the order of the measures compared).

export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('award_attachments'))
    .addColumn('nomination_id', 'integer', (c) => c.notNull().references('award_nominations.id'))
    .addColumn('file_key', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('uploaded_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('award_attachments_nomination').on('award_attachments').columns(['nomination_id', 'id']).execute();
  await db.schema
    .alterTable('award_cycles')
    .addColumn('tie_break', 'text', (c) => c.notNull().defaultTo('raw_normalised'))
    .execute();
}

/** Drops the attachments' records (their files stay in storage: restore a backup to keep both) and the tie-break rule. */
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('award_attachments').ifExists().execute();
  await db.schema.alterTable('award_cycles').dropColumn('tie_break').execute();
}
