import type { Kysely } from 'kysely';
import { withId } from '../../../platform/db/migration-helpers.ts';

// Support thresholds with answer deadlines: the program sets how many supports oblige an official
// answer and within how many days; an idea that reaches the threshold keeps the day it did and the day
// its answer is due. A consultation says whom it is for and links the catalog services it concerns.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('participate_settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();

  await db.schema.alterTable('participate_ideas').addColumn('threshold_reached_at', 'text').execute();
  await db.schema.alterTable('participate_ideas').addColumn('answer_due_on', 'text').execute();
  await db.schema.createIndex('participate_ideas_due').on('participate_ideas').columns(['answer_due_on', 'answer']).execute();

  await db.schema.alterTable('participate_consultations').addColumn('audience_ar', 'text').execute();
  await db.schema.alterTable('participate_consultations').addColumn('audience_en', 'text').execute();

  await withId(db, db.schema.createTable('participate_consultation_services'))
    .addColumn('consultation_id', 'integer', (c) => c.notNull().references('participate_consultations.id'))
    .addColumn('service_id', 'integer', (c) => c.notNull())
    .addColumn('identifier', 'text', (c) => c.notNull())
    .addUniqueConstraint('participate_consultation_services_once', ['consultation_id', 'service_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('participate_consultation_services').execute();
  await db.schema.alterTable('participate_consultations').dropColumn('audience_en').execute();
  await db.schema.alterTable('participate_consultations').dropColumn('audience_ar').execute();
  await db.schema.dropIndex('participate_ideas_due').execute();
  await db.schema.alterTable('participate_ideas').dropColumn('answer_due_on').execute();
  await db.schema.alterTable('participate_ideas').dropColumn('threshold_reached_at').execute();
  await db.schema.dropTable('participate_settings').execute();
}
