import { type Kysely, sql } from 'kysely';
import type { DB, Executor } from '../../db.ts';
import { dialectOf } from './database.ts';

/**
 * Serialises the transactions that name the same key until the caller's transaction ends, so a
 * "does it exist yet? then insert" inside it cannot run twice at once for one key. PostgreSQL:
 * a transaction-scoped advisory lock (read committed, so the next statement after the wait sees
 * what the first transaction committed; a hash collision only makes two keys wait for each other).
 * SQLite: nothing to do, a transaction holds the process's one connection and writers are serialised.
 */
export async function lockKey(trx: Executor, scope: string, key: string): Promise<void> {
  if (dialectOf(trx as Kysely<DB>) !== 'postgres') return;
  await sql`select pg_advisory_xact_lock(hashtextextended(${`${scope}|${key}`}, 0))`.execute(trx);
}
