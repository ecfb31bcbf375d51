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
    const sqlite = new SQLite(c.file);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 10000');
    const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }) });
    return { db, dialect: 'sqlite', sqlite, close: () => db.destroy() };
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
