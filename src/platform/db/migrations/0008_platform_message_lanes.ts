import type { Kysely } from 'kysely';

/**
 * Transactional messages (password resets, invitations, confirmations, case replies, codes) and
 * bulk ones (announcements, digests) are claimed in two lanes, transactional first, so a reset
 * never waits behind a fan-out. Rows queued before this migration count as transactional: they
 * are sent in the order they always were. Safe while older nodes run: they leave the column at
 * its default.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('messages')
    .addColumn('lane', 'text', (c) => c.notNull().defaultTo('transactional'))
    .execute();
  await db.schema.createIndex('messages_lane_ready').on('messages').columns(['status', 'lane', 'next_attempt_at']).execute();
}

export async function down(): Promise<void> {
  throw new Error('Yusr migrations are forward-only; restore a backup to go back.');
}
