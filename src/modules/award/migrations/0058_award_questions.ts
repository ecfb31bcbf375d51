import type { Kysely } from 'kysely';
import { withId } from '../../../platform/db/migration-helpers.ts';

// A branch's nomination form questions, versioned: each version is a row holding its questions
// (JSON: key, bilingual prompt and help, word limit, required). A nomination records the version it
// answered and its answers (JSON, key → text), frozen at submission with the rest.
// And each branch's panel: the edition's judges automatic assignment draws from for that branch
// (none listed: every judge of the edition).

export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('award_question_sets'))
    .addColumn('branch_id', 'integer', (c) => c.notNull().references('award_branches.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('questions_json', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('award_question_sets_branch').on('award_question_sets').columns(['branch_id', 'version']).unique().execute();
  await db.schema
    .alterTable('award_nominations')
    .addColumn('question_set_id', 'integer', (c) => c.references('award_question_sets.id'))
    .execute();
  await db.schema.alterTable('award_nominations').addColumn('answers_json', 'text').execute();
  await withId(db, db.schema.createTable('award_branch_panels'))
    .addColumn('branch_id', 'integer', (c) => c.notNull().references('award_branches.id'))
    .addColumn('judge_user_id', 'integer', (c) => c.notNull())
    .addColumn('added_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('award_branch_panels_member')
    .on('award_branch_panels')
    .columns(['branch_id', 'judge_user_id'])
    .unique()
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('award_branch_panels').ifExists().execute();
  await db.schema.alterTable('award_nominations').dropColumn('answers_json').execute();
  await db.schema.alterTable('award_nominations').dropColumn('question_set_id').execute();
  await db.schema.dropTable('award_question_sets').ifExists().execute();
}
