import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after } from 'node:test';
import { fileURLToPath } from 'node:url';
import SQLite from 'better-sqlite3';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import pino from 'pino';
import { type App, buildApp, createDeps } from '../../src/app.ts';
import { type Config, loadConfig } from '../../src/config.ts';
import { catalogSearch } from '../../src/modules/catalog/testing.ts';
import { migrations } from '../../src/modules.ts';
import { sqliteDatabase } from '../../src/platform/db/database.ts';
import { migrateToLatest } from '../../src/platform/db/migrate.ts';
import { drain } from '../../src/platform/jobs/worker.ts';

/** Which engine this run of the suite uses: `TEST_DB=postgres` (set by scripts/test.mjs) or SQLite. */
export const testEngine = process.env.TEST_DB === 'postgres' ? 'postgres' : 'sqlite';
export const PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TestApp {
  app: FastifyInstance;
  deps: App;
  config: Config;
  /** Runs every due job and sends every queued message. */
  drain(): Promise<void>;
  close(): Promise<void>;
}

/**
 * On PostgreSQL each test file (one process) gets a database of its own, and each test app a fresh
 * schema inside it. A database per process keeps Kysely's migrator from introspecting schemas that
 * other test processes are dropping at the same moment.
 */
const processDatabase = `yusr_t_${process.pid}`;
let databaseReady: Promise<void> | null = null;
const adminUrl = () => PG_URL;
const withDatabase = (url: string, name: string) => {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
};

/** Creates this process's test database on PostgreSQL (testApp does it; tests that only need an environment call it). */
export async function ensureProcessDatabase(): Promise<void> {
  databaseReady ??= (async () => {
    const client = new pg.Client({ connectionString: adminUrl() });
    await client.connect();
    try {
      await client.query(`DROP DATABASE IF EXISTS "${processDatabase}" WITH (FORCE)`);
      await client.query(`CREATE DATABASE "${processDatabase}"`);
    } finally {
      await client.end();
    }
  })();
  return databaseReady;
}

// Registered when this helper is imported, i.e. on the test file's root: runs once, at the very end.
after(async () => {
  if (!databaseReady) return;
  const c = new pg.Client({ connectionString: adminUrl() });
  await c.connect();
  try {
    // A closed app's pool says it has ended once it has asked each connection to close, before the
    // server has seen them go: forcing the drop then would terminate one mid-close, and its client
    // would throw that error into the process. Give them a moment to leave first.
    for (let i = 0; i < 100; i++) {
      const r = await c.query('SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1', [processDatabase]);
      if (r.rows[0].n === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await c.query(`DROP DATABASE IF EXISTS "${processDatabase}" WITH (FORCE)`);
  } finally {
    await c.end();
  }
});

/** Environment for a fresh, isolated database: SQLite in memory, or a new PostgreSQL schema. */
export function testEnv(extra: Record<string, string> = {}): Record<string, string> {
  const base: Record<string, string> = {
    SECRET_KEY: 'test-secret-key-0123456789abcdef0123456789',
    LOG_LEVEL: 'silent',
    WORKER: 'off',
    DEMO_DATA: 'off',
    STORAGE_DIR: mkdtempSync(join(tmpdir(), 'yusr-files-')),
    BASE_URL: 'http://yusr.test',
    TIME_ZONE: 'Asia/Riyadh',
    // Tests sign program administrators in with a password alone; the second factor's own tests turn it on.
    SECOND_FACTOR_REQUIRED: 'none',
    // No demo fake service for probes unless a test starts one (it would take a fixed port).
    DEMO_SERVICE_PORT: 'off',
  };
  if (testEngine === 'postgres') {
    base.DATABASE_URL = withDatabase(PG_URL, processDatabase);
    base.DATABASE_SCHEMA = `t_${process.pid}_${randomBytes(4).toString('hex')}`;
  } else {
    base.DATABASE_URL = 'sqlite::memory:';
  }
  return { ...base, ...extra };
}

/** Drops a test schema on PostgreSQL (SQLite memory databases vanish by themselves). */
export async function dropSchema(config: Config): Promise<void> {
  if (config.database.kind !== 'postgres' || !config.database.schema) return;
  const client = new pg.Client({ connectionString: config.database.url });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${config.database.schema}" CASCADE`);
  } finally {
    await client.end();
  }
}

/**
 * SQLite in memory: every test app opens a copy of a migrated image, built once and kept in
 * node_modules/.cache/yusr-test/ under a hash of the application's source (migrations, the word
 * lists they load, everything under src/ but tests), so a change to any of them makes a new one and
 * a stale image is never used (each test file migrated its own before). createDeps still runs the
 * migrator on the copy, which finds nothing to apply. PostgreSQL migrates a new schema per test app.
 */
const cacheDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'node_modules', '.cache', 'yusr-test');
let sourceKey: string | null = null;
function schemaKey(): string {
  if (sourceKey) return sourceKey;
  const hash = createHash('sha256');
  const srcDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'src');
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (!/\.test\.tsx?$/.test(e.name)) files.push(p);
    }
  };
  walk(srcDir);
  for (const f of files.sort()) hash.update(f.slice(srcDir.length)).update('\0').update(readFileSync(f)).update('\0');
  sourceKey = hash.digest('hex').slice(0, 24);
  return sourceKey;
}

/** Writes a cache file whole or not at all (processes of one run race to write the same file). */
function writeCache(name: string, data: Buffer | string): void {
  mkdirSync(cacheDir, { recursive: true });
  const tmp = join(cacheDir, `${name}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  writeFileSync(tmp, data);
  renameSync(tmp, join(cacheDir, name));
}

function readCache(name: string): Buffer | null {
  try {
    return readFileSync(join(cacheDir, name));
  } catch {
    return null;
  }
}

let sqliteImage: Promise<Buffer> | null = null;
function migratedSqliteImage(): Promise<Buffer> {
  sqliteImage ??= (async () => {
    const name = `sqlite-${schemaKey()}.db`;
    const cached = readCache(name);
    if (cached) return cached;
    const d = sqliteDatabase(new SQLite(':memory:'));
    await migrateToLatest(d.db, migrations);
    const image = d.sqlite?.serialize() as Buffer;
    await d.close();
    writeCache(name, image);
    return image;
  })();
  return sqliteImage;
}

/** A migrated database and the whole application, for `app.inject` tests. */
export async function testApp(env: Record<string, string> = {}): Promise<TestApp> {
  if (testEngine === 'postgres') await ensureProcessDatabase();
  const config = loadConfig(testEnv(env));
  const inMemory = config.database.kind === 'sqlite' && config.database.file === ':memory:';
  const database = inMemory ? sqliteDatabase(new SQLite(await migratedSqliteImage())) : undefined;
  const deps = await createDeps(config, { log: pino({ level: 'silent' }), database });
  const app = await buildApp(deps);
  await app.ready();
  await catalogSearch(deps).start(); // ready as /readyz means it: the search index is built
  return {
    app,
    deps,
    config,
    drain: () => drain(deps),
    async close() {
      await app.close();
      await deps.close();
      await dropSchema(config);
    },
  };
}

/** Two web nodes (app instances in this process) sharing one database: one PostgreSQL schema, or one SQLite file. */
export async function twoNodes(): Promise<[TestApp, TestApp]> {
  const shared: Record<string, string> =
    testEngine === 'sqlite' ? { DATABASE_URL: `sqlite:${join(mkdtempSync(join(tmpdir(), 'yusr-nodes-')), 'yusr.db')}` } : {};
  const a = await testApp(shared);
  const b = await testApp(a.config.database.kind === 'postgres' ? { DATABASE_SCHEMA: a.config.database.schema ?? '' } : shared);
  return [a, b];
}

/**
 * Brings web nodes up to date the way their once-a-second poll does, and waits for a snapshot one
 * began writing: nodes in one thread share it, so one node's write must not overlap another's.
 */
export async function catchUpNodes(...nodes: TestApp[]): Promise<void> {
  await Promise.all(nodes.map((n) => catalogSearch(n.deps).sync()));
  await Promise.all(nodes.map((n) => catalogSearch(n.deps).snapshotWritten()));
}
