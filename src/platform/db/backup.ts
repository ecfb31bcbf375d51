import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import type { Config } from '../../config.ts';

/**
 * SQLite: an online, consistent snapshot through SQLite's backup API (safe while the app writes).
 * PostgreSQL: says how to take one with pg_dump, which is the right tool there.
 */
export async function backup(config: Pick<Config, 'database'>, out?: string): Promise<string> {
  const c = config.database;
  if (c.kind === 'postgres') {
    return [
      'PostgreSQL backups are taken with the server tools, not by Yusr:',
      '  pg_dump --format=custom --no-owner --file=yusr-$(date +%Y%m%d-%H%M).dump "$DATABASE_URL"',
      '  restore: pg_restore --clean --no-owner --dbname "$DATABASE_URL" yusr-YYYYMMDD-HHMM.dump',
      "For point-in-time recovery, enable WAL archiving (or use your provider's managed backups).",
    ].join('\n');
  }
  if (c.file === ':memory:') throw new Error('An in-memory database cannot be backed up.');
  const target = resolve(out ?? `backups/yusr-${new Date().toISOString().replace(/[:.]/g, '-')}.db`);
  mkdirSync(dirname(target), { recursive: true });
  const db = new SQLite(c.file, { readonly: true, fileMustExist: true });
  try {
    await db.backup(target);
  } finally {
    db.close();
  }
  return `Backup written to ${target}`;
}
