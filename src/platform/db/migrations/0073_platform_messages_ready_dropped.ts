import type { Kysely } from 'kysely';

/**
 * `messages_ready` (status, next_attempt_at) has been redundant since 0008's `messages_lane_ready`
 * (status, lane, next_attempt_at): claims name their lane, and every other query that filters on
 * status alone (failed counts, the per-status metrics) is served by the same leading column. Each
 * queued message paid for both: dropping it makes an announcement's fan-out write one index fewer
 * per message. Safe while older nodes run: their queries use the other index too.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('messages_ready').ifExists().execute();
}

export async function down(): Promise<void> {
  throw new Error('Yusr migrations are forward-only; restore a backup to go back.');
}
