import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import pg from 'pg';
import { type TestApp, testApp, testEngine, testEnv } from '../../../test/helpers/app.ts';
import { buildTerms } from '../../../test/helpers/catalog.ts';
import { buildAgency } from '../../../test/helpers/factories.ts';
import { loadConfig } from '../../config.ts';
import { complaint, files, parseStatusUrl, Visitor } from '../../modules/feedback/testing.ts';
import { auditKeyOf } from '../audit/audit.ts';
import { verifyAuditTrail, writeAuditCheckpoint } from '../audit/checkpoint.ts';
import { BackupError, backup, restore } from './backup.ts';

/** Every folder under `dir` (and itself) must be 0700 and every file 0600. */
function assertPrivate(dir: string): number {
  assert.equal(statSync(dir).mode & 0o777, 0o700, dir);
  let n = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) n += assertPrivate(p);
    else {
      assert.equal(statSync(p).mode & 0o777, 0o600, p);
      n++;
    }
  }
  return n;
}

/** A fresh installation's environment: its own database (a SQLite file, or a new PostgreSQL database) and an empty STORAGE_DIR. */
function installation(extra: Record<string, string> = {}): Record<string, string> {
  const dir = mkdtempSync(join(tmpdir(), 'yusr-install-'));
  return testEnv({
    STORAGE_DIR: join(dir, 'files'),
    // SQLite: no SECRET_KEY, so Yusr generates one beside the file and the backup must carry it.
    ...(testEngine === 'sqlite' ? { DATABASE_URL: `sqlite:${join(dir, 'data', 'yusr.db')}`, SECRET_KEY: '' } : {}),
    ...extra,
  });
}

async function adminQuery(url: string, text: string) {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(text);
  } finally {
    await admin.end();
  }
}

describe('backup and the restore drill', () => {
  const cleanups: (() => Promise<void>)[] = [];
  after(async () => {
    for (const c of cleanups.reverse()) await c();
  });

  it('restores a backup into a fresh installation: the case, its signed status link and its attachment all answer', async () => {
    const original = await testApp(installation());
    cleanups.push(() => original.close());
    await buildTerms(original.deps);
    const agencyId = (await buildAgency(original.deps, { code: 'gdp', name_ar: 'الجوازات', name_en: 'Passports' })).id;
    const visitor = new Visitor(original.app);
    const pdf = files.pdf();
    const filed = await visitor.upload('/ar/feedback/new', complaint(agencyId), {
      field: 'attachment',
      filename: 'receipt.pdf',
      type: 'application/pdf',
      data: pdf,
    });
    assert.equal(filed.statusCode, 303, filed.body.slice(0, 300));
    const status = parseStatusUrl(String(filed.headers.location));
    const statusPath = `/ar/feedback/cases/${status.tracking}?t=${encodeURIComponent(status.token)}`;
    const attachmentPath = `/feedback/cases/${status.tracking}/attachments/1?t=${encodeURIComponent(status.token)}`;
    assert.equal((await visitor.get(statusPath)).statusCode, 200);
    await writeAuditCheckpoint(original.deps.db, auditKeyOf(original.config), original.config.auditCheckpointDir);

    const out = join(mkdtempSync(join(tmpdir(), 'yusr-backups-')), 'nightly');
    const { dir, manifest } = await backup(original.config, out);
    assert.equal(dir, out);
    assert.equal(manifest.engine, testEngine);
    assert.equal(manifest.files, 1, 'the attachment');
    assert.equal(manifest.checkpoints, 1);
    assert.equal(manifest.secret_key, testEngine === 'sqlite' ? 'file' : 'environment');
    assert.ok(existsSync(join(dir, manifest.database)));
    assert.equal(
      existsSync(join(dir, 'secret.key')),
      testEngine === 'sqlite',
      'a generated key is backed up; one from the environment is not',
    );
    assert.equal(assertPrivate(dir), testEngine === 'sqlite' ? 5 : 4);
    await assert.rejects(backup(original.config, out), /is not empty/);

    // The fresh installation: another database, another folder; on PostgreSQL the same schema name in a new database.
    let fresh: Record<string, string>;
    if (original.config.database.kind === 'postgres') {
      const adminUrl = original.config.database.url;
      const url = new URL(adminUrl);
      const name = `${url.pathname.slice(1)}_restored`;
      await adminQuery(adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await adminQuery(adminUrl, `CREATE DATABASE "${name}"`);
      cleanups.unshift(() => adminQuery(adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
      url.pathname = `/${name}`;
      fresh = installation({ DATABASE_URL: url.toString(), DATABASE_SCHEMA: original.config.database.schema ?? '' });
    } else {
      fresh = installation();
    }
    const restored = await restore(loadConfig(fresh), dir);
    assert.equal(restored.manifest.created_at, manifest.created_at);
    await assert.rejects(restore(loadConfig(fresh), dir), BackupError, 'never over an installation');

    const again: TestApp = await testApp(fresh);
    cleanups.push(() => again.close());
    if (testEngine === 'sqlite') assert.equal(again.config.secretKey, original.config.secretKey, 'the key came back with the backup');
    const row = await again.deps.db
      .selectFrom('feedback_cases')
      .selectAll()
      .where('tracking_no', '=', status.tracking)
      .executeTakeFirstOrThrow();
    assert.equal(row.agency_id, agencyId);
    const stranger = new Visitor(again.app);
    const page = await stranger.get(statusPath);
    assert.equal(page.statusCode, 200, 'the status link emailed before the backup still opens');
    assert.match(page.body, /قدمت طلب تجديد الجواز/);
    const file = await stranger.get(attachmentPath);
    assert.equal(file.statusCode, 200);
    assert.deepEqual(file.rawPayload, pdf);
    const verified = await verifyAuditTrail(again.deps);
    assert.ok(verified.ok && verified.checkpoints === 1, JSON.stringify(verified));
  });

  it('refuses an unfinished backup and an in-memory database', async () => {
    await assert.rejects(restore(loadConfig(installation()), mkdtempSync(join(tmpdir(), 'yusr-empty-'))), /not a complete Yusr backup/);
    if (testEngine === 'sqlite') await assert.rejects(backup(loadConfig(testEnv())), /in-memory database cannot be backed up/);
  });
});
