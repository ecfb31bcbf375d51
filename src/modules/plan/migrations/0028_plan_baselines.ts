import type { Kysely } from 'kysely';
import { withId } from '../../../platform/db/migration-helpers.ts';

// Baselines of a plan (a snapshot of its initiatives' dates, budgets and KPI targets, taken when the
// plan is approved and at each accepted change) and the change requests that re-baseline it.

export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('plan_baselines'))
    .addColumn('plan_id', 'integer', (c) => c.notNull().references('plan_plans.id'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('change_request_id', 'integer')
    .addColumn('snapshot_json', 'text', (c) => c.notNull())
    .addColumn('taken_by', 'text', (c) => c.notNull())
    .addColumn('taken_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('plan_baselines_number', ['plan_id', 'number'])
    .execute();

  await withId(db, db.schema.createTable('plan_change_requests'))
    .addColumn('plan_id', 'integer', (c) => c.notNull().references('plan_plans.id'))
    .addColumn('initiative_id', 'integer', (c) => c.notNull().references('plan_initiatives.id'))
    .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('changes_json', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('proposed_by', 'text', (c) => c.notNull())
    .addColumn('proposed_at', 'text', (c) => c.notNull())
    .addColumn('reviewed_by', 'text')
    .addColumn('reviewed_at', 'text')
    .addColumn('review_comment', 'text')
    .addColumn('baseline_id', 'integer', (c) => c.references('plan_baselines.id'))
    .execute();
  await db.schema.createIndex('plan_change_requests_initiative').on('plan_change_requests').columns(['initiative_id', 'status']).execute();
}

export async function down(): Promise<void> {
  throw new Error('Yusr migrations are forward-only; restore a backup to go back.');
}
