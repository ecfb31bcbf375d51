import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { type TestApp, testApp, testEngine } from '../../../test/helpers/app.ts';
import { systemCtx } from '../auth/actor.ts';
import { recordAudit, verifyAuditChain } from './audit.ts';

async function append(t: TestApp, n: number) {
  for (let i = 0; i < n; i++) {
    await t.deps.db
      .transaction()
      .execute((trx) =>
        recordAudit(trx, systemCtx('test'), { action: 'test.write', recordType: 'thing', recordId: i, after: { i, password: 'hunter2' } }),
      );
  }
}

async function dropAppendOnlyGuards(t: TestApp) {
  if (testEngine === 'postgres') await sql`DROP TRIGGER audit_log_no_change ON audit_log`.execute(t.deps.db);
  else {
    await sql`DROP TRIGGER audit_log_no_update`.execute(t.deps.db);
    await sql`DROP TRIGGER audit_log_no_delete`.execute(t.deps.db);
  }
}

describe('audit trail', () => {
  let t: TestApp;
  before(async () => {
    t = await testApp();
  });
  after(() => t.close());

  it('chains records and verifies them', async () => {
    await append(t, 25);
    const r = await verifyAuditChain(t.deps.db, 7);
    assert.deepEqual(r, { ok: true, rows: 25 });
  });

  it('never stores secrets', async () => {
    const row = await t.deps.db.selectFrom('audit_log').select('after_json').where('action', '=', 'test.write').executeTakeFirstOrThrow();
    assert.ok(!row.after_json?.includes('hunter2'));
    assert.match(row.after_json ?? '', /redacted/);
  });

  it('is append-only in the database itself', async () => {
    await assert.rejects(sql`UPDATE audit_log SET action = 'x' WHERE seq = 3`.execute(t.deps.db), /append-only/);
    await assert.rejects(sql`DELETE FROM audit_log WHERE seq = 3`.execute(t.deps.db), /append-only/);
  });

  it('concurrent writers never fork the chain', async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        t.deps.db
          .transaction()
          .execute((trx) => recordAudit(trx, systemCtx('test'), { action: 'test.concurrent', recordType: 'thing', recordId: i })),
      ),
    );
    assert.equal((await verifyAuditChain(t.deps.db)).ok, true);
  });
});

describe('audit verification finds tampering', () => {
  it('reports the first altered record', async () => {
    const t = await testApp();
    try {
      await append(t, 10);
      await dropAppendOnlyGuards(t);
      await sql`UPDATE audit_log SET after_json = '{"i":999}' WHERE seq = 6`.execute(t.deps.db);
      assert.deepEqual(await verifyAuditChain(t.deps.db), { ok: false, rows: 5, brokenAt: 6, reason: 'hash' });
    } finally {
      await t.close();
    }
  });

  it('reports a deleted record as a gap', async () => {
    const t = await testApp();
    try {
      await append(t, 10);
      await dropAppendOnlyGuards(t);
      await sql`DELETE FROM audit_log WHERE seq = 4`.execute(t.deps.db);
      assert.deepEqual(await verifyAuditChain(t.deps.db), { ok: false, rows: 3, brokenAt: 4, reason: 'gap' });
    } finally {
      await t.close();
    }
  });

  it('reports records cut from the end', async () => {
    const t = await testApp();
    try {
      await append(t, 10);
      await dropAppendOnlyGuards(t);
      await sql`DELETE FROM audit_log WHERE seq > 8`.execute(t.deps.db);
      const r = await verifyAuditChain(t.deps.db);
      assert.equal(r.ok, false);
      assert.equal(!r.ok && r.reason, 'head');
    } finally {
      await t.close();
    }
  });

  it('`yusr audit verify` exits 1 and names the broken record', async () => {
    // The CLI is another process, so SQLite needs a file here rather than memory.
    const file = join(mkdtempSync(join(tmpdir(), 'yusr-audit-')), 'yusr.db');
    const t = await testApp(testEngine === 'sqlite' ? { DATABASE_URL: `sqlite:${file}` } : {});
    try {
      await append(t, 5);
      const db = t.config.database;
      const env = {
        ...process.env,
        DATABASE_URL: db.kind === 'postgres' ? db.url : `sqlite:${file}`,
        DATABASE_SCHEMA: db.kind === 'postgres' ? (db.schema ?? '') : '',
        LOG_LEVEL: 'silent',
        SECRET_KEY: 'x'.repeat(40),
      };
      const ok = spawnSync('bin/yusr', ['audit', 'verify'], { env, encoding: 'utf8' });
      assert.equal(ok.status, 0, ok.stderr);
      assert.match(ok.stdout, /intact: 5 records/);
      await dropAppendOnlyGuards(t);
      await sql`UPDATE audit_log SET actor_label = 'someone else' WHERE seq = 2`.execute(t.deps.db);
      const r = spawnSync('bin/yusr', ['audit', 'verify'], { env, encoding: 'utf8' });
      assert.equal(r.status, 1, r.stderr);
      assert.match(r.stdout, /BROKEN at record 2/);
    } finally {
      await t.close();
    }
  });
});
