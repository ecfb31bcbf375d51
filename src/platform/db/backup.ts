import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import type { Config } from '../../config.ts';
import { copyTree, isEmptyDir } from '../storage/copy.ts';

const run = promisify(execFile);

/**
 * A backup is one folder (0700, every file 0600) holding everything a restore needs: the database
 * (an online SQLite snapshot, or a pg_dump archive), the stored files (attachments, evidence,
 * imports), the audit checkpoints and — when Yusr generated it — the secret key. A key given in
 * SECRET_KEY / AUDIT_KEY is not copied: it lives wherever the environment keeps it, and the
 * restored installation needs the same values.
 */
export interface BackupManifest {
  format: 'yusr-backup/1';
  created_at: string;
  engine: 'sqlite' | 'postgres';
  /** The PostgreSQL schema dumped (null: the whole database). */
  schema: string | null;
  database: string;
  files: number;
  checkpoints: number;
  /** `file`: secret.key is in the backup; `environment`: SECRET_KEY must be set to the same value on restore. */
  secret_key: 'file' | 'environment';
  audit_key: 'derived from the secret key' | 'environment';
}

export class BackupError extends Error {}

const SQLITE_FILE = 'database.sqlite';
const PG_FILE = 'database.dump';
const KEY_FILE = 'secret.key';
const FILES = 'files';
const CHECKPOINTS = 'audit-checkpoints';
const MANIFEST = 'manifest.json';

type BackupConfig = Pick<Config, 'database' | 'secretKey' | 'auditKey' | 'storageDir' | 'auditCheckpointDir'>;

/** The secret.key Yusr keeps beside a SQLite file when SECRET_KEY is not set (see config.ts). */
const keyFileBeside = (dbFile: string) => resolve(dirname(resolve(dbFile)), KEY_FILE);

/**
 * PostgreSQL's own tools, with the password passed in the environment rather than on the command
 * line (where any local user could read it in the process list).
 */
async function pgTool(tool: 'pg_dump' | 'pg_restore', url: string, args: string[]): Promise<void> {
  const u = new URL(url);
  const password = decodeURIComponent(u.password);
  u.password = '';
  try {
    await run(tool, ['--dbname', u.toString(), ...args], {
      env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) },
      maxBuffer: 16 * 1024 * 1024,
    });
  } catch (err) {
    const e = err as NodeJS.ErrnoException & { stderr?: string };
    if (e.code === 'ENOENT') {
      throw new BackupError(`${tool} was not found: install the PostgreSQL client tools (the server's major version or newer).`);
    }
    throw new BackupError(`${tool} failed: ${(e.stderr ?? e.message).trim().split('\n').slice(0, 5).join(' ')}`);
  }
}

async function pgSchemaHasTables(url: string, schema: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const r = await client.query('SELECT 1 FROM information_schema.tables WHERE table_schema = $1 LIMIT 1', [schema]);
    return (r.rowCount ?? 0) > 0;
  } finally {
    await client.end();
  }
}

/** Writes a complete backup into `out` (a new or empty folder) and returns its manifest. */
export async function backup(config: BackupConfig, out?: string): Promise<{ dir: string; manifest: BackupManifest }> {
  const c = config.database;
  if (c.kind === 'sqlite' && c.file === ':memory:') throw new BackupError('An in-memory database cannot be backed up.');
  const dir = resolve(out ?? join('backups', `yusr-${new Date().toISOString().replace(/[:.]/g, '-')}`));
  if (!(await isEmptyDir(dir))) throw new BackupError(`${dir} is not empty: give --out a new folder.`);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await chmod(dir, 0o700);
  try {
    // Checkpoints first: each must name a record the database snapshot, taken next, already holds.
    const checkpoints = await copyTree(config.auditCheckpointDir, join(dir, CHECKPOINTS));
    let database: string;
    if (c.kind === 'sqlite') {
      database = SQLITE_FILE;
      // SQLite's online backup API: a consistent snapshot while the app keeps writing.
      const db = new SQLite(c.file, { readonly: true, fileMustExist: true });
      try {
        await db.backup(join(dir, database));
      } finally {
        db.close();
      }
    } else {
      database = PG_FILE;
      await pgTool('pg_dump', c.url, [
        '--format=custom',
        '--no-owner',
        '--file',
        join(dir, database),
        ...(c.schema ? ['--schema', c.schema] : []),
      ]);
    }
    await chmod(join(dir, database), 0o600);
    // Files after the database: every file a backed-up record names is already on disk.
    const files = await copyTree(config.storageDir, join(dir, FILES), config.auditCheckpointDir);
    const keyFile = c.kind === 'sqlite' ? keyFileBeside(c.file) : null;
    const generatedKey = keyFile && existsSync(keyFile) && (await readFile(keyFile, 'utf8')).trim() === config.secretKey;
    if (generatedKey) await writeFile(join(dir, KEY_FILE), config.secretKey, { mode: 0o600 });
    const manifest: BackupManifest = {
      format: 'yusr-backup/1',
      created_at: new Date().toISOString(),
      engine: c.kind,
      schema: c.kind === 'postgres' ? (c.schema ?? null) : null,
      database,
      files,
      checkpoints,
      secret_key: generatedKey ? 'file' : 'environment',
      audit_key: config.auditKey ? 'environment' : 'derived from the secret key',
    };
    // Written last: a folder without a manifest is an unfinished backup, and restore refuses it.
    await writeFile(join(dir, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
    return { dir, manifest };
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    throw err;
  }
}

/** What `yusr backup` prints: where the backup is and what it holds, and which keys must be kept apart from it. */
export function describeBackup(dir: string, m: BackupManifest): string {
  const lines = [
    `Backup written to ${dir} (folder 0700, files 0600):`,
    `  ${m.database}: the ${m.engine === 'sqlite' ? 'SQLite database (online snapshot)' : `PostgreSQL ${m.schema ? `schema ${m.schema}` : 'database'} (pg_dump custom format)`}`,
    `  ${FILES}/: ${m.files} stored files;  ${CHECKPOINTS}/: ${m.checkpoints} audit checkpoints`,
  ];
  if (m.secret_key === 'file')
    lines.push(`  ${KEY_FILE}: the generated secret key (status links, unsubscribe links and keyed hashes need it)`);
  else
    lines.push('  SECRET_KEY comes from the environment and is NOT in the backup: keep it safely apart; a restore needs the same value.');
  if (m.audit_key === 'environment')
    lines.push('  AUDIT_KEY comes from the environment and is NOT in the backup: a restore needs the same value.');
  lines.push(`Restore with: yusr restore --from ${dir}`);
  return lines.join('\n');
}

/**
 * Restores a backup into the configured installation, which must be fresh: the SQLite file must
 * not exist (PostgreSQL: the schema must not), and STORAGE_DIR must be empty.
 */
export async function restore(config: BackupConfig, from: string): Promise<{ manifest: BackupManifest; notes: string[] }> {
  const dir = resolve(from);
  let manifest: BackupManifest;
  try {
    manifest = JSON.parse(await readFile(join(dir, MANIFEST), 'utf8'));
  } catch {
    throw new BackupError(`${dir} holds no ${MANIFEST}: it is not a complete Yusr backup.`);
  }
  if (manifest.format !== 'yusr-backup/1') throw new BackupError(`${dir} is a backup in an unknown format (${manifest.format}).`);
  const c = config.database;
  if (manifest.engine !== c.kind) {
    throw new BackupError(`The backup is of a ${manifest.engine} database, but DATABASE_URL is ${c.kind}.`);
  }
  if (c.kind === 'sqlite') {
    if (c.file === ':memory:') throw new BackupError('Restore needs a database file, not sqlite::memory:.');
    if (existsSync(resolve(c.file))) {
      throw new BackupError(`${resolve(c.file)} already exists: restore into a new DATABASE_URL, or move that file away first.`);
    }
  } else {
    if ((manifest.schema ?? undefined) !== c.schema) {
      throw new BackupError(`The backup holds schema ${manifest.schema ?? '(the whole database)'}; set DATABASE_SCHEMA to match.`);
    }
    if (await pgSchemaHasTables(c.url, c.schema ?? 'public')) {
      throw new BackupError(`Schema ${c.schema ?? 'public'} already has tables: restore into a new database or schema.`);
    }
  }
  if (!(await isEmptyDir(config.storageDir))) {
    throw new BackupError(`STORAGE_DIR (${resolve(config.storageDir)}) is not empty: restore into a fresh installation.`);
  }
  const notes: string[] = [];
  if (c.kind === 'sqlite') {
    const target = resolve(c.file);
    await mkdir(dirname(target), { recursive: true, mode: 0o700 });
    await copyFile(join(dir, manifest.database), target);
    await chmod(target, 0o600);
  } else {
    await pgTool('pg_restore', c.url, ['--no-owner', '--exit-on-error', '--single-transaction', join(dir, manifest.database)]);
  }
  await copyTree(join(dir, FILES), config.storageDir);
  await copyTree(join(dir, CHECKPOINTS), config.auditCheckpointDir);
  if (manifest.secret_key === 'file') {
    const key = (await readFile(join(dir, KEY_FILE), 'utf8')).trim();
    let fromEnvironment = true;
    if (c.kind === 'sqlite') {
      // Without SECRET_KEY, loading the configuration generated a fresh key beside the new file: the backup's replaces it.
      const keyFile = keyFileBeside(c.file);
      fromEnvironment = !(existsSync(keyFile) && (await readFile(keyFile, 'utf8')).trim() === config.secretKey);
      await writeFile(keyFile, key, { mode: 0o600 });
      await chmod(keyFile, 0o600);
    }
    if (fromEnvironment && key !== config.secretKey)
      notes.push(`SECRET_KEY is set to another value: unset it so the backup's ${KEY_FILE} is used.`);
  } else {
    notes.push('Start Yusr with the same SECRET_KEY as the backed-up installation: links already sent depend on it.');
  }
  if (manifest.audit_key === 'environment')
    notes.push('Set the same AUDIT_KEY as the backed-up installation, or `yusr audit verify` fails.');
  return { manifest, notes };
}
