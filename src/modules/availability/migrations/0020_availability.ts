import type { Kysely } from 'kysely';
import { withId } from '../../../platform/db/migration-helpers.ts';

// Availability: probes of services' online channels, their raw results (kept for days), hourly and
// daily roll-ups (kept for years), incidents and their timelines.

export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('availability_probes'))
    .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id'))
    .addColumn('service_id', 'integer', (c) => c.notNull().references('services.id'))
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('interval_seconds', 'integer', (c) => c.notNull())
    .addColumn('timeout_ms', 'integer', (c) => c.notNull())
    .addColumn('expect_status', 'integer', (c) => c.notNull())
    .addColumn('expect_text', 'text')
    .addColumn('fail_threshold', 'integer', (c) => c.notNull())
    .addColumn('recover_threshold', 'integer', (c) => c.notNull())
    .addColumn('paused', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_run_at', 'text', (c) => c.notNull())
    .addColumn('last_run_at', 'text')
    .addColumn('last_ok', 'integer')
    .addColumn('fail_streak', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('ok_streak', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('streak_started_at', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('availability_probes_due').on('availability_probes').columns(['paused', 'next_run_at']).execute();
  await db.schema.createIndex('availability_probes_service').on('availability_probes').columns(['service_id']).execute();
  await db.schema.createIndex('availability_probes_agency').on('availability_probes').columns(['agency_id']).execute();

  await withId(db, db.schema.createTable('availability_results'))
    .addColumn('probe_id', 'integer', (c) => c.notNull().references('availability_probes.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('ok', 'integer', (c) => c.notNull())
    .addColumn('planned', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('status_code', 'integer')
    .addColumn('latency_ms', 'integer')
    .addColumn('error', 'text')
    .execute();
  await db.schema.createIndex('availability_results_probe').on('availability_results').columns(['probe_id', 'at']).execute();
  await db.schema.createIndex('availability_results_at').on('availability_results').columns(['at']).execute();

  await db.schema
    .createTable('availability_rollups')
    .addColumn('probe_id', 'integer', (c) => c.notNull().references('availability_probes.id'))
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('start', 'text', (c) => c.notNull())
    .addColumn('up', 'integer', (c) => c.notNull())
    .addColumn('down', 'integer', (c) => c.notNull())
    .addColumn('planned', 'integer', (c) => c.notNull())
    .addColumn('histogram', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('availability_rollups_pk', ['probe_id', 'period', 'start'])
    .execute();
  await db.schema.createIndex('availability_rollups_period').on('availability_rollups').columns(['period', 'start']).execute();

  await withId(db, db.schema.createTable('availability_incidents'))
    .addColumn('probe_id', 'integer', (c) => c.notNull().references('availability_probes.id'))
    .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id'))
    .addColumn('service_id', 'integer', (c) => c.notNull().references('services.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('detected_at', 'text', (c) => c.notNull())
    .addColumn('ended_at', 'text')
    .addColumn('duration_seconds', 'integer')
    .addColumn('last_error', 'text')
    .addColumn('announcement_id', 'integer')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('availability_incidents_status').on('availability_incidents').columns(['status', 'started_at']).execute();
  await db.schema
    .createIndex('availability_incidents_service')
    .on('availability_incidents')
    .columns(['service_id', 'started_at'])
    .execute();
  await db.schema.createIndex('availability_incidents_probe').on('availability_incidents').columns(['probe_id', 'status']).execute();

  await withId(db, db.schema.createTable('availability_incident_events'))
    .addColumn('incident_id', 'integer', (c) => c.notNull().references('availability_incidents.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('detail', 'text')
    .execute();
  await db.schema
    .createIndex('availability_incident_events_incident')
    .on('availability_incident_events')
    .columns(['incident_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'availability_incident_events',
    'availability_incidents',
    'availability_rollups',
    'availability_results',
    'availability_probes',
  ]) {
    await db.schema.dropTable(t).execute();
  }
}
