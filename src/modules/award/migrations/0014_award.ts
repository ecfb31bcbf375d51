import type { Kysely } from 'kysely';
import { withId } from '../../../platform/db/migration-helpers.ts';

// The e-government achievement award: editions (cycles) with their deadlines, branches with their
// rubrics, agencies' nominations with the evidence frozen at submission, the judging panel, conflicts
// of interest, judges' reviews, and each branch's winners and honourable mentions.

const tables = [
  'award_decisions',
  'award_reviews',
  'award_conflicts',
  'award_judges',
  'award_nominations',
  'award_branches',
  'award_cycles',
];

export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('award_cycles'))
    .addColumn('number', 'integer', (c) => c.notNull().unique())
    .addColumn('name_ar', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('rules_ar', 'text', (c) => c.notNull())
    .addColumn('rules_en', 'text', (c) => c.notNull())
    .addColumn('announced_at', 'text', (c) => c.notNull())
    .addColumn('nominations_open_at', 'text', (c) => c.notNull())
    .addColumn('nominations_close_at', 'text', (c) => c.notNull())
    .addColumn('extended_from', 'text')
    .addColumn('extension_reason', 'text')
    .addColumn('screening_ends_at', 'text', (c) => c.notNull())
    .addColumn('judging_ends_at', 'text', (c) => c.notNull())
    .addColumn('results_at', 'text', (c) => c.notNull())
    .addColumn('judges_per_nomination', 'integer', (c) => c.notNull())
    .addColumn('results_published_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await withId(db, db.schema.createTable('award_branches'))
    .addColumn('cycle_id', 'integer', (c) => c.notNull().references('award_cycles.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('name_ar', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('description_ar', 'text', (c) => c.notNull())
    .addColumn('description_en', 'text', (c) => c.notNull())
    .addColumn('nominee_kind', 'text', (c) => c.notNull())
    .addColumn('requires_live_service', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('rubric_json', 'text', (c) => c.notNull())
    .addColumn('scale_max', 'integer', (c) => c.notNull())
    .addColumn('normalise', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('blind', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('decision_status', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text')
    .addColumn('approved_by', 'text')
    .addColumn('approved_at', 'text')
    .addUniqueConstraint('award_branches_code', ['cycle_id', 'code'])
    .execute();

  await withId(db, db.schema.createTable('award_nominations'))
    .addColumn('cycle_id', 'integer', (c) => c.notNull().references('award_cycles.id'))
    .addColumn('branch_id', 'integer', (c) => c.notNull().references('award_branches.id'))
    .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('title_ar', 'text', (c) => c.notNull())
    .addColumn('title_en', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('nominee_name', 'text')
    .addColumn('service_id', 'integer')
    .addColumn('evidence_json', 'text')
    .addColumn('screening', 'text', (c) => c.notNull())
    .addColumn('screening_reason', 'text')
    .addColumn('screened_by', 'text')
    .addColumn('screened_at', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'text')
    .addColumn('withdrawn_at', 'text')
    .execute();
  await db.schema.createIndex('award_nominations_cycle').on('award_nominations').columns(['cycle_id', 'branch_id']).execute();
  await db.schema.createIndex('award_nominations_agency').on('award_nominations').column('agency_id').execute();

  await withId(db, db.schema.createTable('award_judges'))
    .addColumn('cycle_id', 'integer', (c) => c.notNull().references('award_cycles.id'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('affiliation_agency_id', 'integer', (c) => c.references('agencies.id'))
    .addColumn('added_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('award_judges_unique', ['cycle_id', 'user_id'])
    .execute();

  await withId(db, db.schema.createTable('award_conflicts'))
    .addColumn('cycle_id', 'integer', (c) => c.notNull().references('award_cycles.id'))
    .addColumn('judge_user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('agency_id', 'integer', (c) => c.references('agencies.id'))
    .addColumn('nomination_id', 'integer', (c) => c.references('award_nominations.id'))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('award_conflicts_judge').on('award_conflicts').columns(['cycle_id', 'judge_user_id']).execute();

  await withId(db, db.schema.createTable('award_reviews'))
    .addColumn('nomination_id', 'integer', (c) => c.notNull().references('award_nominations.id'))
    .addColumn('judge_user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('scores_json', 'text', (c) => c.notNull())
    .addColumn('comment', 'text')
    .addColumn('assigned_at', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'text')
    .addUniqueConstraint('award_reviews_unique', ['nomination_id', 'judge_user_id'])
    .execute();
  await db.schema.createIndex('award_reviews_judge').on('award_reviews').column('judge_user_id').execute();

  await withId(db, db.schema.createTable('award_decisions'))
    .addColumn('branch_id', 'integer', (c) => c.notNull().references('award_branches.id'))
    .addColumn('nomination_id', 'integer', (c) => c.notNull().references('award_nominations.id'))
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('citation_ar', 'text', (c) => c.notNull())
    .addColumn('citation_en', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('award_decisions_unique', ['branch_id', 'nomination_id'])
    .execute();
}

/** Drops the award's tables, dependants first (its data goes with them: restore a backup to keep it). */
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of tables) await db.schema.dropTable(t).ifExists().execute();
}
