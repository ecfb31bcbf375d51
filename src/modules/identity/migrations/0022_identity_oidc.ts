import type { Kysely } from 'kysely';
import { withId } from '../../../platform/db/migration-helpers.ts';

/**
 * Staff sign-in with OpenID Connect providers and a second factor for password accounts.
 * - oidc_identities: a provider's subject linked to an existing account (never a new one), so later
 *   sign-ins match by subject, not by email;
 * - oidc_sessions: which Yusr session a provider session (sid, sub) opened, so a back-channel logout
 *   ends exactly those; it goes with the session;
 * - agency_sign_in: "this agency's staff sign in only with provider X" (password sign-in off for them);
 * - totp_factors and totp_recovery_codes: an authenticator app's secret (encrypted) and one-time
 *   recovery codes (hashed).
 * New tables only: safe while older nodes run.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('oidc_identities'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_sign_in_at', 'text')
    .addUniqueConstraint('oidc_identities_subject', ['provider', 'subject'])
    .execute();
  await db.schema.createIndex('oidc_identities_user').on('oidc_identities').column('user_id').execute();

  await db.schema
    .createTable('oidc_sessions')
    .addColumn('session_id', 'text', (c) => c.primaryKey().references('sessions.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('sid', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('oidc_sessions_subject').on('oidc_sessions').columns(['provider', 'subject']).execute();
  await db.schema.createIndex('oidc_sessions_sid').on('oidc_sessions').columns(['provider', 'sid']).execute();

  await db.schema
    .createTable('agency_sign_in')
    .addColumn('agency_id', 'integer', (c) => c.primaryKey().references('agencies.id').onDelete('cascade'))
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('totp_factors')
    .addColumn('user_id', 'integer', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('secret_enc', 'text', (c) => c.notNull())
    .addColumn('confirmed_at', 'text')
    .addColumn('last_step', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await withId(db, db.schema.createTable('totp_recovery_codes'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('code_hash', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('totp_recovery_codes_user').on('totp_recovery_codes').column('user_id').execute();
}

export async function down(): Promise<void> {
  throw new Error('Yusr migrations are forward-only; restore a backup to go back.');
}
