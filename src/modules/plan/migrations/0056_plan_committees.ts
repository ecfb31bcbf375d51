import type { Kysely } from 'kysely';
import { withId } from '../../../platform/db/migration-helpers.ts';

// Each agency's e-transactions committee: its members (the agency's accounts or named external
// members, one of them the chair), its meetings with agenda and minutes, and the decisions of the
// minutes as actions with an owner, a due date and a status.

export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('plan_committees'))
    .addColumn('agency_id', 'integer', (c) => c.notNull().unique().references('agencies.id'))
    .addColumn('name_ar', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await withId(db, db.schema.createTable('plan_committee_members'))
    .addColumn('committee_id', 'integer', (c) => c.notNull().references('plan_committees.id'))
    .addColumn('user_id', 'integer', (c) => c.references('users.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('role_title', 'text', (c) => c.notNull())
    .addColumn('is_chair', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('plan_committee_members_committee').on('plan_committee_members').column('committee_id').execute();
  await withId(db, db.schema.createTable('plan_committee_meetings'))
    .addColumn('committee_id', 'integer', (c) => c.notNull().references('plan_committees.id'))
    .addColumn('held_at', 'text', (c) => c.notNull())
    .addColumn('agenda', 'text', (c) => c.notNull())
    .addColumn('minutes', 'text')
    .addColumn('minutes_by', 'text')
    .addColumn('minutes_at', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('plan_committee_meetings_committee')
    .on('plan_committee_meetings')
    .columns(['committee_id', 'held_at'])
    .execute();
  await withId(db, db.schema.createTable('plan_committee_actions'))
    .addColumn('committee_id', 'integer', (c) => c.notNull().references('plan_committees.id'))
    .addColumn('meeting_id', 'integer', (c) => c.notNull().references('plan_committee_meetings.id'))
    .addColumn('decision', 'text', (c) => c.notNull())
    .addColumn('owner_member_id', 'integer', (c) => c.notNull().references('plan_committee_members.id'))
    .addColumn('due_on', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('done_on', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('plan_committee_actions_committee')
    .on('plan_committee_actions')
    .columns(['committee_id', 'status', 'due_on'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Yusr migrations are forward-only; restore a backup to go back.');
}
