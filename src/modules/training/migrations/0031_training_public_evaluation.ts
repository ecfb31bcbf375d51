import type { Kysely } from 'kysely';
import { withId } from '../../../platform/db/migration-helpers.ts';

// Training, second slice: members of the public who sign up for a public offering without an
// account (verified by a code sent to their email; they share the offering's seat counter and
// waitlist sequence with staff enrolments), the reaction evaluation after an offering (who was asked
// and answered, kept apart from the answers so answers stay anonymous), and programme prerequisites
// with the office's recorded waivers.

export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('training_guests'))
    .addColumn('offering_id', 'integer', (c) => c.notNull().references('training_offerings.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('phone', 'text')
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('code_hash', 'text')
    .addColumn('code_expires_at', 'text')
    .addColumn('code_attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('verified_at', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('waitlist_position', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('training_guests_unique', ['offering_id', 'email'])
    .execute();
  await db.schema.createIndex('training_guests_status').on('training_guests').columns(['offering_id', 'status']).execute();
  await db.schema.createIndex('training_guests_email').on('training_guests').column('email').execute();

  await withId(db, db.schema.createTable('training_evaluation_invites'))
    .addColumn('enrolment_id', 'integer', (c) => c.notNull().unique().references('training_enrolments.id'))
    .addColumn('offering_id', 'integer', (c) => c.notNull().references('training_offerings.id'))
    .addColumn('sent_at', 'text', (c) => c.notNull())
    .addColumn('responded_at', 'text')
    .execute();
  await db.schema.createIndex('training_evaluation_invites_offering').on('training_evaluation_invites').column('offering_id').execute();

  await withId(db, db.schema.createTable('training_evaluation_responses'))
    .addColumn('offering_id', 'integer', (c) => c.notNull().references('training_offerings.id'))
    .addColumn('relevance', 'integer', (c) => c.notNull())
    .addColumn('quality', 'integer', (c) => c.notNull())
    .addColumn('recommend', 'integer', (c) => c.notNull())
    .addColumn('comment', 'text')
    .addColumn('submitted_on', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('training_evaluation_responses_offering').on('training_evaluation_responses').column('offering_id').execute();

  await withId(db, db.schema.createTable('training_prerequisites'))
    .addColumn('programme_id', 'integer', (c) => c.notNull().references('training_programmes.id'))
    .addColumn('required_id', 'integer', (c) => c.notNull().references('training_programmes.id'))
    .addUniqueConstraint('training_prerequisites_unique', ['programme_id', 'required_id'])
    .execute();

  await withId(db, db.schema.createTable('training_waivers'))
    .addColumn('programme_id', 'integer', (c) => c.notNull().references('training_programmes.id'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('waived_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('training_waivers_unique', ['programme_id', 'user_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'training_waivers',
    'training_prerequisites',
    'training_evaluation_responses',
    'training_evaluation_invites',
    'training_guests',
  ])
    await db.schema.dropTable(table).ifExists().execute();
}
