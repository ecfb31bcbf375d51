import type { Kysely } from 'kysely';
import { withId } from '../../../platform/db/migration-helpers.ts';

// Feedback: ratings with per-driver answers, cases with their timeline, pauses and attachments,
// SLA policies, the working calendar's holidays, reply templates and re-routing requests.
export async function up(db: Kysely<any>): Promise<void> {
  const index = (name: string, table: string, columns: string[]) => db.schema.createIndex(name).on(table).columns(columns).execute();

  await withId(db, db.schema.createTable('feedback_question_sets'))
    .addColumn('version', 'integer', (c) => c.notNull().unique())
    .addColumn('questions_json', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .execute();

  await withId(db, db.schema.createTable('feedback_ratings'))
    .addColumn('service_id', 'integer', (c) => c.notNull().references('services.id'))
    .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id'))
    .addColumn('question_set_version', 'integer', (c) => c.notNull())
    .addColumn('comment', 'text')
    .addColumn('comment_lang', 'text')
    .addColumn('comment_state', 'text', (c) => c.notNull())
    .addColumn('hidden_reason', 'text')
    .addColumn('hidden_by', 'text')
    .addColumn('hidden_at', 'text')
    .addColumn('public_reply', 'text')
    .addColumn('public_reply_lang', 'text')
    .addColumn('public_reply_at', 'text')
    .addColumn('public_reply_by', 'text')
    .addColumn('ip_hash', 'text', (c) => c.notNull())
    .addColumn('fingerprint', 'text', (c) => c.notNull())
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await index('feedback_ratings_service', 'feedback_ratings', ['service_id', 'created_at']);
  await index('feedback_ratings_agency', 'feedback_ratings', ['agency_id', 'created_at']);
  // Covering indexes: aggregates read only the index, never the rows (see bench/feedback-metrics.bench.ts).
  await index('feedback_ratings_created', 'feedback_ratings', ['created_at', 'agency_id', 'service_id', 'month']);
  await index('feedback_ratings_fingerprint', 'feedback_ratings', ['fingerprint', 'created_at']);
  await index('feedback_ratings_comments', 'feedback_ratings', ['agency_id', 'comment_state', 'created_at']);

  await withId(db, db.schema.createTable('feedback_answers'))
    .addColumn('rating_id', 'integer', (c) => c.notNull().references('feedback_ratings.id'))
    .addColumn('service_id', 'integer', (c) => c.notNull())
    .addColumn('agency_id', 'integer', (c) => c.notNull())
    .addColumn('driver', 'text', (c) => c.notNull())
    .addColumn('score', 'integer', (c) => c.notNull())
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await index('feedback_answers_driver', 'feedback_answers', ['driver', 'created_at', 'score', 'agency_id', 'service_id', 'month']);
  await index('feedback_answers_agency', 'feedback_answers', ['agency_id', 'driver', 'created_at', 'score']);
  await index('feedback_answers_service', 'feedback_answers', ['service_id', 'driver', 'created_at', 'score']);
  await index('feedback_answers_rating', 'feedback_answers', ['rating_id']);

  await withId(db, db.schema.createTable('feedback_cases'))
    .addColumn('tracking_no', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id'))
    .addColumn('service_id', 'integer', (c) => c.references('services.id'))
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('lang', 'text', (c) => c.notNull())
    .addColumn('contact_name', 'text')
    .addColumn('contact_email', 'text')
    .addColumn('contact_phone', 'text')
    .addColumn('notify_by', 'text', (c) => c.notNull())
    .addColumn('contact_hash', 'text', (c) => c.notNull())
    .addColumn('ip_hash', 'text', (c) => c.notNull())
    .addColumn('fingerprint', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('assigned_to', 'integer', (c) => c.references('users.id'))
    .addColumn('resolution_code', 'text')
    .addColumn('merged_into', 'integer')
    .addColumn('reopen_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('first_response_at', 'text')
    .addColumn('first_response_ms', 'bigint')
    .addColumn('resolved_at', 'text')
    .addColumn('sla_first_ms', 'bigint', (c) => c.notNull())
    .addColumn('sla_resolution_ms', 'bigint', (c) => c.notNull())
    .addColumn('sla_warn_permille', 'integer', (c) => c.notNull())
    .addColumn('first_warn_at', 'text')
    .addColumn('first_due_at', 'text')
    .addColumn('res_warn_at', 'text')
    .addColumn('res_due_at', 'text')
    .addColumn('first_warned', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('first_breached', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('res_warned', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('res_breached', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('sla_outcome', 'text')
    .addColumn('sla_outcome_at', 'text')
    .addColumn('sla_outcome_month', 'text')
    .addColumn('survey_score', 'integer')
    .addColumn('survey_at', 'text')
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await index('feedback_cases_inbox', 'feedback_cases', ['agency_id', 'status', 'created_at']);
  await index('feedback_cases_created', 'feedback_cases', ['created_at']);
  await index('feedback_cases_service', 'feedback_cases', ['service_id', 'created_at']);
  await index('feedback_cases_fingerprint', 'feedback_cases', ['fingerprint', 'created_at']);
  await index('feedback_cases_contact', 'feedback_cases', ['contact_hash', 'created_at']);
  await index('feedback_cases_first_due', 'feedback_cases', ['first_due_at']);
  await index('feedback_cases_first_warn', 'feedback_cases', ['first_warn_at']);
  await index('feedback_cases_res_due', 'feedback_cases', ['res_due_at']);
  await index('feedback_cases_res_warn', 'feedback_cases', ['res_warn_at']);
  await index('feedback_cases_outcome', 'feedback_cases', ['sla_outcome_at']);
  await index('feedback_cases_first_response', 'feedback_cases', ['first_response_at']);
  await index('feedback_cases_assigned', 'feedback_cases', ['assigned_to', 'status']);

  await withId(db, db.schema.createTable('feedback_case_events'))
    .addColumn('case_id', 'integer', (c) => c.notNull().references('feedback_cases.id'))
    .addColumn('agency_id', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('visibility', 'text', (c) => c.notNull())
    .addColumn('author_type', 'text', (c) => c.notNull())
    .addColumn('author_id', 'integer')
    .addColumn('author_label', 'text')
    .addColumn('body', 'text')
    .addColumn('data_json', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await index('feedback_case_events_case', 'feedback_case_events', ['case_id', 'id']);

  await withId(db, db.schema.createTable('feedback_case_pauses'))
    .addColumn('case_id', 'integer', (c) => c.notNull().references('feedback_cases.id'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('ended_at', 'text')
    .execute();
  await index('feedback_case_pauses_case', 'feedback_case_pauses', ['case_id']);

  await withId(db, db.schema.createTable('feedback_attachments'))
    .addColumn('case_id', 'integer', (c) => c.notNull().references('feedback_cases.id'))
    .addColumn('event_id', 'integer')
    .addColumn('agency_id', 'integer', (c) => c.notNull())
    .addColumn('storage_key', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('ext', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await index('feedback_attachments_case', 'feedback_attachments', ['case_id']);

  await db.schema
    .createTable('feedback_counters')
    .addColumn('year', 'integer', (c) => c.primaryKey())
    .addColumn('last_seq', 'integer', (c) => c.notNull())
    .execute();

  await withId(db, db.schema.createTable('feedback_sla_policies'))
    .addColumn('scope_key', 'text', (c) => c.notNull().unique())
    .addColumn('agency_id', 'integer', (c) => c.references('agencies.id'))
    .addColumn('category', 'text')
    .addColumn('first_response_minutes', 'integer', (c) => c.notNull())
    .addColumn('resolution_minutes', 'integer', (c) => c.notNull())
    .addColumn('warn_permille', 'integer')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .execute();

  await withId(db, db.schema.createTable('feedback_holidays'))
    .addColumn('name_ar', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('dates', 'text', (c) => c.notNull())
    .addColumn('calendar', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('feedback_settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('feedback_agency_settings')
    .addColumn('agency_id', 'integer', (c) => c.primaryKey().references('agencies.id'))
    .addColumn('show_cx_summary', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await withId(db, db.schema.createTable('feedback_reroutes'))
    .addColumn('case_id', 'integer', (c) => c.notNull().references('feedback_cases.id'))
    .addColumn('from_agency_id', 'integer', (c) => c.notNull())
    .addColumn('to_agency_id', 'integer', (c) => c.notNull().references('agencies.id'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('requested_by', 'text', (c) => c.notNull())
    .addColumn('requested_at', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('note', 'text')
    .execute();
  await index('feedback_reroutes_status', 'feedback_reroutes', ['status', 'requested_at']);
  await index('feedback_reroutes_case', 'feedback_reroutes', ['case_id']);

  await withId(db, db.schema.createTable('feedback_templates'))
    .addColumn('agency_id', 'integer', (c) => c.references('agencies.id'))
    .addColumn('title_ar', 'text', (c) => c.notNull())
    .addColumn('title_en', 'text', (c) => c.notNull())
    .addColumn('body_ar', 'text', (c) => c.notNull())
    .addColumn('body_en', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await index('feedback_templates_agency', 'feedback_templates', ['agency_id']);
}

export async function down(): Promise<void> {
  throw new Error('Yusr migrations are forward-only; restore a backup to go back.');
}
