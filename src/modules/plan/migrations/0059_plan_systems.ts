import type { Kysely } from 'kysely';
import { withId } from '../../../platform/db/migration-helpers.ts';

// The shared national systems (the sixth track's platforms: single sign-on, the service bus, the
// payment gateway…), kept by the program office, with the initiatives that build on or deliver them
// and the catalog services that reuse them (by service identifier: plan never reads catalog's tables).

export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('plan_systems'))
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name_ar', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('description_ar', 'text', (c) => c.notNull())
    .addColumn('description_en', 'text', (c) => c.notNull())
    .addColumn('owner_agency_id', 'integer', (c) => c.notNull().references('agencies.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('plan_system_initiatives')
    .addColumn('system_id', 'integer', (c) => c.notNull().references('plan_systems.id'))
    .addColumn('initiative_id', 'integer', (c) => c.notNull().references('plan_initiatives.id'))
    .addPrimaryKeyConstraint('plan_system_initiatives_pk', ['system_id', 'initiative_id'])
    .execute();
  await db.schema.createIndex('plan_system_initiatives_initiative').on('plan_system_initiatives').column('initiative_id').execute();
  await db.schema
    .createTable('plan_system_services')
    .addColumn('system_id', 'integer', (c) => c.notNull().references('plan_systems.id'))
    .addColumn('service_identifier', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('plan_system_services_pk', ['system_id', 'service_identifier'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Yusr migrations are forward-only; restore a backup to go back.');
}
