import type { Kysely } from 'kysely';
import { withId } from '../../../platform/db/migration-helpers.ts';

// Bulk answers (issue 13): the files uploaded for a dry run, kept until they are applied, and
// evidence given as links (a file of answers carries the address of each document, not its bytes).

export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('measure_uploads'))
    .addColumn('round_id', 'integer', (c) => c.notNull().references('measure_rounds.id'))
    .addColumn('storage_key', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('uploaded_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('applied_at', 'text')
    .execute();

  await withId(db, db.schema.createTable('measure_evidence_links'))
    .addColumn('answer_id', 'integer', (c) => c.notNull().references('measure_answers.id'))
    .addColumn('round_id', 'integer', (c) => c.notNull())
    .addColumn('agency_id', 'integer', (c) => c.notNull())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('added_by', 'text')
    .addColumn('added_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('measure_evidence_links_unique', ['answer_id', 'url'])
    .execute();
  await db.schema
    .createIndex('measure_evidence_links_round_agency')
    .on('measure_evidence_links')
    .columns(['round_id', 'agency_id'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Yusr migrations are forward-only; restore a backup to go back.');
}
