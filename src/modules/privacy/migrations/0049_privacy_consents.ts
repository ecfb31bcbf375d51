import type { Kysely } from 'kysely';
import { withId } from '../../../platform/db/migration-helpers.ts';

// The register of consents (issue 19): what a person agreed to, the exact wording they were shown
// (kept once per version: the SHA-256 of its language and text), when and how, and its withdrawal.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('privacy_consent_wordings')
    .addColumn('version', 'text', (c) => c.primaryKey())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('lang', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('first_shown_at', 'text', (c) => c.notNull())
    .execute();

  await withId(db, db.schema.createTable('privacy_consents'))
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('ref', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('wording_version', 'text', (c) => c.notNull().references('privacy_consent_wordings.version'))
    .addColumn('given_at', 'text', (c) => c.notNull())
    .addColumn('given_channel', 'text', (c) => c.notNull())
    .addColumn('given_form', 'text', (c) => c.notNull())
    .addColumn('withdrawn_at', 'text')
    .addColumn('withdrawn_channel', 'text')
    .execute();
  await db.schema.createIndex('privacy_consents_email').on('privacy_consents').column('email').execute();
  await db.schema.createIndex('privacy_consents_ref').on('privacy_consents').columns(['purpose', 'ref']).execute();
}

export async function down(): Promise<void> {
  throw new Error('Yusr migrations are forward-only; restore a backup to go back.');
}
