import { sql } from 'kysely';
import type { Executor } from '../../db.ts';
import { nowIso } from '../db/time.ts';
import { RateLimitedError } from './errors.ts';

/**
 * Counts one hit against `key` in a fixed window kept in the database (so every web node shares it).
 * Returns how many seconds remain in the window when the limit is exceeded, otherwise 0.
 */
export async function hitRateLimit(db: Executor, key: string, limit: number, windowSeconds: number): Promise<number> {
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
  if (Number(row.count) <= limit) return 0;
  const ends = new Date(row.window_start).getTime() + windowSeconds * 1000;
  return Math.max(1, Math.ceil((ends - now.getTime()) / 1000));
}

/** Throws a 429 when the key is over its limit. */
export async function enforceRateLimit(db: Executor, key: string, limit: number, windowSeconds: number): Promise<void> {
  const wait = await hitRateLimit(db, key, limit, windowSeconds);
  if (wait > 0) throw new RateLimitedError(wait);
}

/** Forgets windows that ended long ago (a scheduled job). */
export async function pruneRateLimits(db: Executor, olderThanSeconds = 86_400): Promise<void> {
  await db
    .deleteFrom('rate_limits')
    .where('window_start', '<', new Date(Date.now() - olderThanSeconds * 1000).toISOString())
    .execute();
}
