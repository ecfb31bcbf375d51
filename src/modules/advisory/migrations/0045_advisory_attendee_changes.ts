import type { Kysely } from 'kysely';
import { withId } from '../../../platform/db/migration-helpers.ts';

// Advisory, fourth slice: who attends a meeting changes after it is scheduled. Each change raises the
// meeting's revision (the calendar file's SEQUENCE) and is kept with the people it added and removed,
// so the page shows it and a removed person's calendar file withdraws the meeting for them.

export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('advisory_attendee_changes'))
    .addColumn('meeting_id', 'integer', (c) => c.notNull().references('advisory_meetings.id'))
    .addColumn('sequence', 'integer', (c) => c.notNull())
    .addColumn('added', 'text', (c) => c.notNull())
    .addColumn('removed', 'text', (c) => c.notNull())
    .addColumn('changed_by', 'text', (c) => c.notNull())
    .addColumn('changed_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('advisory_attendee_changes_meeting').on('advisory_attendee_changes').columns(['meeting_id', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('advisory_attendee_changes').ifExists().execute();
}
