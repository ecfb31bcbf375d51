import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresAdapter, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import type { Config } from '../../config.ts';
import type { DB } from '../../db.ts';

export type DialectName = 'sqlite' | 'postgres';

export interface Database {
  db: Kysely<DB>;
  dialect: DialectName;
  /** The raw better-sqlite3 handle (SQLite only): backups and bulk benchmarks use it. */
  sqlite?: SQLite.Database;
  close(): Promise<void>;
}

// pg returns int8 and numeric as strings; our counts and sums fit in a double.
pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));
pg.types.setTypeParser(1700, (v) => Number.parseFloat(v));

/** Opens the configured database: SQLite (WAL) by default, PostgreSQL when DATABASE_URL says so. */
export async function openDatabase(config: Pick<Config, 'database'>): Promise<Database> {
  const c = config.database;
  if (c.kind === 'sqlite') {
    if (c.file !== ':memory:') mkdirSync(dirname(resolve(c.file)), { recursive: true });
    return sqliteDatabase(new SQLite(c.file));
  }
  if (c.schema) {
    const client = new pg.Client({ connectionString: c.url });
    await client.connect();
    try {
      await client.query(`CREATE SCHEMA IF NOT EXISTS "${c.schema}"`);
    } finally {
      await client.end();
    }
  }
  const pool = new pg.Pool({
    connectionString: c.url,
    max: c.poolSize,
    options: c.schema ? `-c search_path=${c.schema}` : undefined,
  });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return { db, dialect: 'postgres', close: () => db.destroy() };
}

/** Yusr's settings on an open SQLite handle (WAL, foreign keys, a busy wait), behind Kysely. */
export function sqliteDatabase(sqlite: SQLite.Database): Database {
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 10000');
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  return { db, dialect: 'sqlite', sqlite, close: () => db.destroy() };
}

/**
 * Kysely prepares every statement anew; preparing costs more than running a small query on
 * SQLite, so prepared statements are kept by their SQL text (Kysely's SQL is parameterised, so
 * the set of texts is small and bounded).
 */
function withStatementCache(sqlite: SQLite.Database, limit = 2000): SQLite.Database {
  const cache = new Map<string, SQLite.Statement>();
  const cached = Object.create(sqlite) as SQLite.Database;
  cached.prepare = ((source: string) => {
    let stmt = cache.get(source);
    if (!stmt) {
      stmt = sqlite.prepare(source);
      if (cache.size >= limit) cache.delete(cache.keys().next().value as string);
      cache.set(source, stmt);
    }
    return stmt;
  }) as SQLite.Database['prepare'];
  return cached;
}

/** Which engine a Kysely instance talks to (migrations branch on it only where unavoidable). */
export function dialectOf(db: Kysely<any>): DialectName {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

/** True when the database answers a trivial query. */
export async function isDatabaseReady(db: Kysely<DB>): Promise<boolean> {
  try {
    await sql`select 1`.execute(db);
    return true;
  } catch {
    return false;
  }
}
