import type { Kysely } from 'kysely';
import { withId } from '../../../platform/db/migration-helpers.ts';

// Ideas from the public: an idea addressed to an agency or to the program (agency_id null), moderated
// before it is published, supported once per verified address, and answered with a status whose
// every step is kept. And the program office's approval of a consultation before it is published.

export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('participate_ideas'))
    .addColumn('agency_id', 'integer', (c) => c.references('agencies.id'))
    .addColumn('participant_id', 'integer', (c) => c.notNull().references('participate_participants.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('service_id', 'integer')
    .addColumn('moderation', 'text', (c) => c.notNull())
    .addColumn('moderation_reason', 'text')
    .addColumn('answer', 'text')
    .addColumn('answer_reason', 'text')
    .addColumn('supports', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text')
    .addColumn('answered_at', 'text')
    .execute();
  await db.schema.createIndex('participate_ideas_agency').on('participate_ideas').columns(['agency_id', 'moderation']).execute();
  await db.schema.createIndex('participate_ideas_public').on('participate_ideas').columns(['moderation', 'supports']).execute();
  await db.schema.createIndex('participate_ideas_participant').on('participate_ideas').column('participant_id').execute();

  await withId(db, db.schema.createTable('participate_idea_supports'))
    .addColumn('idea_id', 'integer', (c) => c.notNull().references('participate_ideas.id'))
    .addColumn('participant_id', 'integer', (c) => c.notNull().references('participate_participants.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('participate_idea_supports_once', ['idea_id', 'participant_id'])
    .execute();
  await db.schema.createIndex('participate_idea_supports_participant').on('participate_idea_supports').column('participant_id').execute();

  await withId(db, db.schema.createTable('participate_idea_steps'))
    .addColumn('idea_id', 'integer', (c) => c.notNull().references('participate_ideas.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('actor_label', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('participate_idea_steps_idea').on('participate_idea_steps').columns(['idea_id', 'id']).execute();

  await db.schema
    .alterTable('participate_consultations')
    .addColumn('approval', 'text', (c) => c.notNull().defaultTo('none'))
    .execute();
  await db.schema.alterTable('participate_consultations').addColumn('approval_comment', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('participate_consultations').dropColumn('approval_comment').execute();
  await db.schema.alterTable('participate_consultations').dropColumn('approval').execute();
  for (const t of ['participate_idea_steps', 'participate_idea_supports', 'participate_ideas']) await db.schema.dropTable(t).execute();
}
