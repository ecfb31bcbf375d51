import { sql } from 'kysely';
import type { Executor } from '../../db.ts';
import { nowIso } from '../db/time.ts';
import { RateLimitedError } from './errors.ts';

/**
 * Counts one hit against `key` in a fixed window kept in the database (so every web node shares it),
 * atomically (one upsert), so parallel hits each see their own count. Returns that count and how
 * many seconds remain in the window.
 */
export async function countHit(db: Executor, key: string, windowSeconds: number): Promise<{ count: number; remainingSeconds: number }> {
  const now = new Date();
  const windowStartFloor = new Date(now.getTime() - windowSeconds * 1000).toISOString();
  const row = await db
    .insertInto('rate_limits')
    .values({ key, window_start: nowIso(), count: 1 })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        count: sql<number>`case when rate_limits.window_start < ${windowStartFloor} then 1 else rate_limits.count + 1 end`,
        window_start: sql<string>`case when rate_limits.window_start < ${windowStartFloor} then ${now.toISOString()} else rate_limits.window_start end`,
      }),
    )
    .returning(['count', 'window_start'])
    .executeTakeFirstOrThrow();
  const ends = new Date(row.window_start).getTime() + windowSeconds * 1000;
  return { count: Number(row.count), remainingSeconds: Math.max(1, Math.ceil((ends - now.getTime()) / 1000)) };
}

/**
 * Counts one hit against `key` (see countHit). Returns how many seconds remain in the window when
 * the limit is exceeded, otherwise 0.
 */
export async function hitRateLimit(db: Executor, key: string, limit: number, windowSeconds: number): Promise<number> {
  const { count, remainingSeconds } = await countHit(db, key, windowSeconds);
  return count <= limit ? 0 : remainingSeconds;
}

/** Throws a 429 when the key is over its limit. */
export async function enforceRateLimit(db: Executor, key: string, limit: number, windowSeconds: number): Promise<void> {
  const wait = await hitRateLimit(db, key, limit, windowSeconds);
  if (wait > 0) throw new RateLimitedError(wait);
}

/** Gives back one hit counted against `key` (an attempt that turned out not to count, e.g. a successful sign-in). */
export async function refundRateLimit(db: Executor, key: string): Promise<void> {
  await db.updateTable('rate_limits').set({ count: sql<number>`count - 1` }).where('key', '=', key).where('count', '>', 0).execute();
}

/** Forgets every hit counted against `key`. */
export async function clearRateLimit(db: Executor, key: string): Promise<void> {
  await db.deleteFrom('rate_limits').where('key', '=', key).execute();
}

/** Hits counted against `key` in its current window (0 when the window ended or nothing was counted). */
export async function rateLimitCount(db: Executor, key: string, windowSeconds: number): Promise<number> {
  const row = await db.selectFrom('rate_limits').select(['count', 'window_start']).where('key', '=', key).executeTakeFirst();
  if (!row || new Date(row.window_start).getTime() + windowSeconds * 1000 <= Date.now()) return 0;
  return Number(row.count);
}

/** Forgets windows that ended long ago (a scheduled job). */
export async function pruneRateLimits(db: Executor, olderThanSeconds = 86_400): Promise<void> {
  await db
    .deleteFrom('rate_limits')
    .where('window_start', '<', new Date(Date.now() - olderThanSeconds * 1000).toISOString())
    .execute();
}
