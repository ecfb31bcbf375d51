import type { Kysely } from 'kysely';
import { withId } from '../../../platform/db/migration-helpers.ts';

export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('services'))
    .addColumn('identifier', 'text', (c) => c.notNull().unique())
    .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id'))
    .addColumn('name_ar', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('maturity', 'text', (c) => c.notNull())
    .addColumn('published_json', 'text')
    .addColumn('published_version', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('published_at', 'text')
    .addColumn('first_published_at', 'text')
    .addColumn('status_changed_at', 'text')
    .addColumn('draft_json', 'text')
    .addColumn('draft_updated_at', 'text')
    .addColumn('draft_updated_by', 'text')
    .addColumn('complete', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('services_agency').on('services').column('agency_id').execute();
  await db.schema.createIndex('services_published_at').on('services').column('published_at').execute();

  await withId(db, db.schema.createTable('service_versions'))
    .addColumn('service_id', 'integer', (c) => c.notNull().references('services.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('data_json', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text', (c) => c.notNull())
    .addColumn('published_by', 'text')
    .addColumn('note', 'text')
    .addUniqueConstraint('service_versions_unique', ['service_id', 'version'])
    .execute();

  await withId(db, db.schema.createTable('service_status_history'))
    .addColumn('service_id', 'integer', (c) => c.notNull().references('services.id'))
    .addColumn('agency_id', 'integer', (c) => c.notNull())
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text', (c) => c.notNull())
    .addColumn('changed_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('service_status_history_service').on('service_status_history').column('service_id').execute();
  await db.schema.createIndex('service_status_history_to').on('service_status_history').columns(['to_status', 'changed_at']).execute();

  await withId(db, db.schema.createTable('taxonomy_terms'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name_ar', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(100))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('taxonomy_terms_unique', ['kind', 'code'])
    .execute();

  await withId(db, db.schema.createTable('search_synonyms'))
    .addColumn('terms_json', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Yusr migrations are forward-only; restore a backup to go back.');
}
