import type { Kysely } from 'kysely';
import { withId } from '../../../platform/db/migration-helpers.ts';

// Archiving: an initiative, milestone, KPI or national system that cannot be removed (it has history or
// links) can be archived instead — it leaves the active lists and public pages, keeps its history and
// figures, and can be restored (archived_at null again). Attendance: who of a committee's members was
// present, absent or excused at each meeting (one row per meeting and member).

export async function up(db: Kysely<any>): Promise<void> {
  for (const table of ['plan_initiatives', 'plan_milestones', 'plan_kpis', 'plan_systems'])
    await db.schema.alterTable(table).addColumn('archived_at', 'text').execute();
  await withId(db, db.schema.createTable('plan_committee_attendance'))
    .addColumn('meeting_id', 'integer', (c) => c.notNull().references('plan_committee_meetings.id'))
    .addColumn('member_id', 'integer', (c) => c.notNull().references('plan_committee_members.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('plan_committee_attendance_meeting_member', ['meeting_id', 'member_id'])
    .execute();
  await db.schema.createIndex('plan_committee_attendance_member').on('plan_committee_attendance').column('member_id').execute();
}

export async function down(): Promise<void> {
  throw new Error('Yusr migrations are forward-only; restore a backup to go back.');
}
