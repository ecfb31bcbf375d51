import { type Kysely, sql } from 'kysely';

/**
 * Issue 13: identifiers keep the case another system published them in and match whatever the
 * case, so no two services may differ only by case (a unique index on the lower-cased identifier
 * answers both the lookup and the rule); and a dry run keeps the choices its importer made for the
 * whole file (defaults for Yusr's own fields, whether to draft announcements). A nullable column
 * and an index only: nodes of the previous version keep working beside them.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE UNIQUE INDEX services_identifier_ci ON services (lower(identifier))`.execute(db);
  await db.schema.alterTable('catalog_imports').addColumn('options_json', 'text').execute();
}

export async function down(): Promise<void> {
  throw new Error('Yusr migrations are forward-only; restore a backup to go back.');
}
