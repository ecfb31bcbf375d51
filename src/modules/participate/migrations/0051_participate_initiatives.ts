import type { Kysely } from 'kysely';
import { withId } from '../../../platform/db/migration-helpers.ts';

// The plan initiatives a consultation concerns and those an accepted idea was taken into, each named
// by its code ("plan/initiative") as the agency wrote it. Participate cannot read plan (plan sits above
// it in the module order): the codes are checked when saved, and read back, through the
// `participate.initiatives` extension point that plan fills.

export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('participate_consultation_initiatives'))
    .addColumn('consultation_id', 'integer', (c) => c.notNull().references('participate_consultations.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addUniqueConstraint('participate_consultation_initiatives_once', ['consultation_id', 'code'])
    .execute();
  await withId(db, db.schema.createTable('participate_idea_initiatives'))
    .addColumn('idea_id', 'integer', (c) => c.notNull().references('participate_ideas.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addUniqueConstraint('participate_idea_initiatives_once', ['idea_id', 'code'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('participate_idea_initiatives').execute();
  await db.schema.dropTable('participate_consultation_initiatives').execute();
}
