import type { Kysely } from 'kysely';
import { withId } from '../../../platform/db/migration-helpers.ts';

// Plans: the national executive plan and agencies' transformation plans, their tracks, initiatives,
// milestones and KPIs, the reporting calendar, period reports (maker-checker) with their
// corrections, and the status history the office and the public page read.

export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('plan_plans'))
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name_ar', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('owner_agency_id', 'integer', (c) => c.references('agencies.id'))
    .addColumn('period_from', 'text', (c) => c.notNull())
    .addColumn('period_to', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('thresholds_json', 'text', (c) => c.notNull())
    .addColumn('published', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await withId(db, db.schema.createTable('plan_tracks'))
    .addColumn('plan_id', 'integer', (c) => c.notNull().references('plan_plans.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('name_ar', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('weight', 'double precision', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('plan_tracks_plan').on('plan_tracks').columns(['plan_id', 'position']).execute();

  await withId(db, db.schema.createTable('plan_initiatives'))
    .addColumn('plan_id', 'integer', (c) => c.notNull().references('plan_plans.id'))
    .addColumn('track_id', 'integer', (c) => c.notNull().references('plan_tracks.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name_ar', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('objective_ar', 'text', (c) => c.notNull())
    .addColumn('objective_en', 'text', (c) => c.notNull())
    .addColumn('owner_agency_id', 'integer', (c) => c.notNull().references('agencies.id'))
    .addColumn('weight', 'double precision', (c) => c.notNull())
    .addColumn('planned_start', 'text', (c) => c.notNull())
    .addColumn('planned_end', 'text', (c) => c.notNull())
    .addColumn('forecast_end', 'text')
    .addColumn('actual_start', 'text')
    .addColumn('actual_end', 'text')
    .addColumn('budget_sar', 'double precision', (c) => c.notNull())
    .addColumn('spend_sar', 'double precision', (c) => c.notNull().defaultTo(0))
    .addColumn('service_ids', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('published', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('override_rating', 'text')
    .addColumn('override_reason', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('plan_initiatives_code', ['plan_id', 'code'])
    .execute();
  await db.schema.createIndex('plan_initiatives_track').on('plan_initiatives').column('track_id').execute();
  await db.schema.createIndex('plan_initiatives_agency').on('plan_initiatives').column('owner_agency_id').execute();

  await withId(db, db.schema.createTable('plan_milestones'))
    .addColumn('initiative_id', 'integer', (c) => c.notNull().references('plan_initiatives.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('name_ar', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('weight', 'double precision', (c) => c.notNull())
    .addColumn('planned_date', 'text', (c) => c.notNull())
    .addColumn('forecast_date', 'text')
    .addColumn('actual_date', 'text')
    .execute();
  await db.schema.createIndex('plan_milestones_initiative').on('plan_milestones').column('initiative_id').execute();

  await withId(db, db.schema.createTable('plan_kpis'))
    .addColumn('initiative_id', 'integer', (c) => c.notNull().references('plan_initiatives.id'))
    .addColumn('name_ar', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('unit_ar', 'text', (c) => c.notNull())
    .addColumn('unit_en', 'text', (c) => c.notNull())
    .addColumn('kpi_type', 'text', (c) => c.notNull())
    .addColumn('direction', 'text', (c) => c.notNull())
    .addColumn('baseline', 'double precision', (c) => c.notNull())
    .addColumn('baseline_date', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('plan_kpis_initiative').on('plan_kpis').column('initiative_id').execute();

  await withId(db, db.schema.createTable('plan_periods'))
    .addColumn('plan_id', 'integer', (c) => c.notNull().references('plan_plans.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('starts_on', 'text', (c) => c.notNull())
    .addColumn('ends_on', 'text', (c) => c.notNull())
    .addColumn('due_on', 'text', (c) => c.notNull())
    .addUniqueConstraint('plan_periods_code', ['plan_id', 'code'])
    .execute();

  await withId(db, db.schema.createTable('plan_kpi_values'))
    .addColumn('kpi_id', 'integer', (c) => c.notNull().references('plan_kpis.id'))
    .addColumn('period_id', 'integer', (c) => c.notNull().references('plan_periods.id'))
    .addColumn('target', 'double precision')
    .addColumn('actual', 'double precision')
    .addUniqueConstraint('plan_kpi_values_unique', ['kpi_id', 'period_id'])
    .execute();

  await withId(db, db.schema.createTable('plan_reports'))
    .addColumn('initiative_id', 'integer', (c) => c.notNull().references('plan_initiatives.id'))
    .addColumn('period_id', 'integer', (c) => c.notNull().references('plan_periods.id'))
    .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('figures_json', 'text', (c) => c.notNull())
    .addColumn('narrative', 'text', (c) => c.notNull())
    .addColumn('review_comment', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'text')
    .addColumn('accepted_at', 'text')
    .addUniqueConstraint('plan_reports_unique', ['initiative_id', 'period_id'])
    .execute();
  await db.schema.createIndex('plan_reports_period_status').on('plan_reports').columns(['period_id', 'status']).execute();

  await withId(db, db.schema.createTable('plan_events'))
    .addColumn('initiative_id', 'integer', (c) => c.notNull().references('plan_initiatives.id'))
    .addColumn('report_id', 'integer', (c) => c.references('plan_reports.id'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('comment', 'text')
    .addColumn('detail_json', 'text')
    .addColumn('actor_label', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('plan_events_initiative').on('plan_events').columns(['initiative_id', 'id']).execute();

  await withId(db, db.schema.createTable('plan_corrections'))
    .addColumn('report_id', 'integer', (c) => c.notNull().references('plan_reports.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('figures_json', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('proposed_by', 'text', (c) => c.notNull())
    .addColumn('proposed_at', 'text', (c) => c.notNull())
    .addColumn('reviewed_by', 'text')
    .addColumn('reviewed_at', 'text')
    .addColumn('review_comment', 'text')
    .execute();
  await db.schema.createIndex('plan_corrections_report').on('plan_corrections').column('report_id').execute();
}

export async function down(): Promise<void> {
  throw new Error('Yusr migrations are forward-only; restore a backup to go back.');
}
