import type { Kysely } from 'kysely';
import { withId } from '../../../platform/db/migration-helpers.ts';

// Training, third slice: members of the public who signed up without an account learn like staff
// do. Their attendance per session and their assessment attempts are kept against the sign-up,
// their completion (from the criteria, or recorded by the office with a reason) and a cancellation
// by the office with its reason on the sign-up itself, and who of them was asked to evaluate the
// offering apart from the (anonymous) answers, as for staff.

export async function up(db: Kysely<any>): Promise<void> {
  for (const column of ['completed_at', 'completion_basis', 'completion_reason', 'cancelled_by', 'cancel_reason'])
    await db.schema.alterTable('training_guests').addColumn(column, 'text').execute();

  await withId(db, db.schema.createTable('training_guest_attendance'))
    .addColumn('session_id', 'integer', (c) => c.notNull().references('training_sessions.id'))
    .addColumn('guest_id', 'integer', (c) => c.notNull().references('training_guests.id'))
    .addColumn('present', 'integer', (c) => c.notNull())
    .addColumn('marked_by', 'text', (c) => c.notNull())
    .addColumn('marked_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('training_guest_attendance_unique', ['session_id', 'guest_id'])
    .execute();
  await db.schema.createIndex('training_guest_attendance_guest').on('training_guest_attendance').column('guest_id').execute();

  await withId(db, db.schema.createTable('training_guest_attempts'))
    .addColumn('guest_id', 'integer', (c) => c.notNull().references('training_guests.id'))
    .addColumn('question_ids', 'text', (c) => c.notNull())
    .addColumn('correct', 'integer')
    .addColumn('total', 'integer', (c) => c.notNull())
    .addColumn('passed', 'integer')
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'text')
    .execute();
  await db.schema.createIndex('training_guest_attempts_guest').on('training_guest_attempts').column('guest_id').execute();

  await withId(db, db.schema.createTable('training_guest_evaluation_invites'))
    .addColumn('guest_id', 'integer', (c) => c.notNull().unique().references('training_guests.id'))
    .addColumn('offering_id', 'integer', (c) => c.notNull().references('training_offerings.id'))
    .addColumn('sent_at', 'text', (c) => c.notNull())
    .addColumn('responded_at', 'text')
    .execute();
  await db.schema
    .createIndex('training_guest_evaluation_invites_offering')
    .on('training_guest_evaluation_invites')
    .column('offering_id')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['training_guest_evaluation_invites', 'training_guest_attempts', 'training_guest_attendance'])
    await db.schema.dropTable(table).ifExists().execute();
  for (const column of ['cancel_reason', 'cancelled_by', 'completion_reason', 'completion_basis', 'completed_at'])
    await db.schema.alterTable('training_guests').dropColumn(column).execute();
}
