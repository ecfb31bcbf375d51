import type { Kysely } from 'kysely';

// A consultation's draft may come as a DOCX: the original file is kept (its storage key, the name it
// was uploaded under and its SHA-256) beside the text read from it.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('participate_consultations').addColumn('source_file_key', 'text').execute();
  await db.schema.alterTable('participate_consultations').addColumn('source_file_name', 'text').execute();
  await db.schema.alterTable('participate_consultations').addColumn('source_file_sha256', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const c of ['source_file_sha256', 'source_file_name', 'source_file_key'])
    await db.schema.alterTable('participate_consultations').dropColumn(c).execute();
}
