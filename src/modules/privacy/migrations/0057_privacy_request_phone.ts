import type { Kysely } from 'kysely';

// A request made after a national provider verified the person's phone names that phone too
// (issue 19): an approved erasure then reaches records held under the phone alone (an SMS-only
// complaint), as My data and the download already show them.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('privacy_requests').addColumn('phone', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('privacy_requests').dropColumn('phone').execute();
}
