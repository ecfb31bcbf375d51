import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { type TestApp, testApp, testEngine } from '../../../test/helpers/app.ts';
import { systemCtx } from '../auth/actor.ts';
import { auditHash, auditKeyOf, legacyAuditHash, recordAudit, verifyAuditChain } from './audit.ts';
import { readCheckpoints, verifyAuditTrail, writeAuditCheckpoint } from './checkpoint.ts';

async function append(t: TestApp, n: number) {
  for (let i = 0; i < n; i++) {
    await t.deps.db
      .transaction()
      .execute((trx) =>
        recordAudit(trx, systemCtx('test'), { action: 'test.write', recordType: 'thing', recordId: i, after: { i, password: 'hunter2' } }),
      );
  }
}

const verify = (t: TestApp) => verifyAuditTrail(t.deps);
const checkpoint = (t: TestApp) => writeAuditCheckpoint(t.deps.db, auditKeyOf(t.config), t.config.auditCheckpointDir);

type Hasher = (prev: string, row: Parameters<typeof legacyAuditHash>[1]) => string;

/** What someone with write access to the database but not the key does: rewrite records from `fromSeq` on, then the head. */
async function recompute(t: TestApp, fromSeq: number, hasher: Hasher, change: (seq: number) => Record<string, string> = () => ({})) {
  const rows = await t.deps.db.selectFrom('audit_log').selectAll().orderBy('seq').execute();
  let prev = '0'.repeat(64);
  for (const r of rows) {
    const seq = Number(r.seq);
    if (seq < fromSeq) {
      prev = r.hash;
      continue;
    }
    const { hash: _h, prev_hash: _p, ...rest } = r;
    const row = { ...rest, ...change(seq), seq };
    const hash = hasher(prev, row);
    await t.deps.db
      .updateTable('audit_log')
      .set({ ...change(seq), prev_hash: prev, hash })
      .where('seq', '=', seq)
      .execute();
    prev = hash;
  }
  await t.deps.db.updateTable('audit_head').set({ seq: rows.length, hash: prev }).where('id', '=', 1).execute();
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
    const r = await verifyAuditChain(t.deps.db, auditKeyOf(t.config), [], 7);
    assert.deepEqual(r, { ok: true, rows: 25, unkeyed: 0, checkpoints: 0 });
    const row = await t.deps.db.selectFrom('audit_log').select('hash').where('seq', '=', 1).executeTakeFirstOrThrow();
    assert.match(row.hash, /^hmac:[0-9a-f]{64}$/);
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
    assert.equal((await verify(t)).ok, true);
  });
});

describe('audit verification finds tampering', () => {
  it('reports the first altered record', async () => {
    const t = await testApp();
    try {
      await append(t, 10);
      await dropAppendOnlyGuards(t);
      await sql`UPDATE audit_log SET after_json = '{"i":999}' WHERE seq = 6`.execute(t.deps.db);
      assert.deepEqual(await verify(t), { ok: false, rows: 5, brokenAt: 6, reason: 'hash' });
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
      assert.deepEqual(await verify(t), { ok: false, rows: 3, brokenAt: 4, reason: 'gap' });
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
      assert.deepEqual(await verify(t), { ok: false, rows: 8, brokenAt: 9, reason: 'head' });
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
        SECRET_KEY: t.config.secretKey,
        STORAGE_DIR: t.config.storageDir,
      };
      const yusr = (...args: string[]) => spawnSync('bin/yusr', args, { env, encoding: 'utf8' });
      const ok = yusr('audit', 'verify');
      assert.equal(ok.status, 0, ok.stderr);
      assert.match(ok.stdout, /intact: 5 records, every link verified; 0 checkpoints agree/);
      const anchored = yusr('audit', 'checkpoint');
      assert.equal(anchored.status, 0, anchored.stderr);
      assert.match(anchored.stdout, /anchored at record 5/);
      assert.match(yusr('audit', 'verify').stdout, /intact: 5 records, every link verified; 1 checkpoints agree/);
      const otherKey = spawnSync('bin/yusr', ['audit', 'verify'], { env: { ...env, SECRET_KEY: 'y'.repeat(40) }, encoding: 'utf8' });
      assert.equal(otherKey.status, 1, 'another key verifies nothing');
      await dropAppendOnlyGuards(t);
      await sql`UPDATE audit_log SET actor_label = 'someone else' WHERE seq = 2`.execute(t.deps.db);
      const r = yusr('audit', 'verify');
      assert.equal(r.status, 1, r.stderr);
      assert.match(r.stdout, /BROKEN at record 2/);
      await sql`DELETE FROM audit_log WHERE seq >= 2`.execute(t.deps.db);
      const first = await t.deps.db.selectFrom('audit_log').select('hash').where('seq', '=', 1).executeTakeFirstOrThrow();
      await t.deps.db.updateTable('audit_head').set({ seq: 1, hash: first.hash }).where('id', '=', 1).execute();
      const cut = yusr('audit', 'verify');
      assert.equal(cut.status, 1, cut.stderr);
      assert.match(cut.stdout, /BROKEN at record 2 \(truncated\)/);
      const behind = yusr('audit', 'checkpoint');
      assert.equal(behind.status, 1);
      assert.match(behind.stdout, /head \(record 1\) is behind the last checkpoint \(record 5\)/);
    } finally {
      await t.close();
    }
  });
});

describe('the keyed chain resists someone who can write to the database but lacks the key', () => {
  it('a record changed and every later hash recomputed with plain SHA-256 fails verification', async () => {
    const t = await testApp();
    try {
      await append(t, 10);
      await dropAppendOnlyGuards(t);
      await recompute(t, 6, legacyAuditHash, () => ({ after_json: '{"i":999}' }));
      assert.deepEqual(await verify(t), { ok: false, rows: 5, brokenAt: 6, reason: 'unkeyed' });
    } finally {
      await t.close();
    }
  });

  it('a chain recomputed with a guessed key fails verification', async () => {
    const t = await testApp();
    try {
      await append(t, 10);
      await dropAppendOnlyGuards(t);
      await recompute(
        t,
        6,
        (prev, row) => auditHash('a guess at the key, 32 characters or more', prev, row),
        () => ({ actor_label: 'x' }),
      );
      assert.deepEqual(await verify(t), { ok: false, rows: 5, brokenAt: 6, reason: 'hash' });
    } finally {
      await t.close();
    }
  });

  it('records cut from the end with the head moved back fail against the last checkpoint', async () => {
    const t = await testApp();
    try {
      await append(t, 10);
      assert.deepEqual(await checkpoint(t), { status: 'written', seq: 10 });
      await dropAppendOnlyGuards(t);
      await sql`DELETE FROM audit_log WHERE seq > 8`.execute(t.deps.db);
      const last = await t.deps.db.selectFrom('audit_log').select('hash').where('seq', '=', 8).executeTakeFirstOrThrow();
      await t.deps.db.updateTable('audit_head').set({ seq: 8, hash: last.hash }).where('id', '=', 1).execute();
      assert.deepEqual(await verify(t), { ok: false, rows: 8, brokenAt: 9, reason: 'truncated' });
      assert.deepEqual(await checkpoint(t), { status: 'behind', seq: 8, lastCheckpoint: 10 });
    } finally {
      await t.close();
    }
  });

  it('records cut and then overwritten by new, honestly keyed ones disagree with the checkpoint', async () => {
    const t = await testApp();
    try {
      await append(t, 10);
      await checkpoint(t);
      await dropAppendOnlyGuards(t);
      await sql`DELETE FROM audit_log WHERE seq > 7`.execute(t.deps.db);
      const last = await t.deps.db.selectFrom('audit_log').select('hash').where('seq', '=', 7).executeTakeFirstOrThrow();
      await t.deps.db.updateTable('audit_head').set({ seq: 7, hash: last.hash }).where('id', '=', 1).execute();
      await append(t, 5);
      assert.deepEqual(await verify(t), { ok: false, rows: 9, brokenAt: 10, reason: 'checkpoint' });
    } finally {
      await t.close();
    }
  });

  it('an untampered chain passes with its checkpoints, and the scheduled job writes them (0600 in a 0700 folder)', async () => {
    const t = await testApp();
    try {
      // The head as it stands: scheduled jobs that the drain runs (a nightly retention run, say) audit too.
      const head = async () => Number((await t.deps.db.selectFrom('audit_head').select('seq').executeTakeFirstOrThrow()).seq);
      await append(t, 4);
      await t.drain();
      const drained = await head();
      assert.ok(drained >= 4);
      await append(t, 3);
      const key = auditKeyOf(t.config);
      const { valid, forged } = await readCheckpoints(t.config.auditCheckpointDir, key);
      assert.equal(valid.length, 1, 'the scheduled job wrote one checkpoint');
      assert.ok(valid[0].seq >= 4 && valid[0].seq <= drained);
      assert.deepEqual(forged, []);
      const rows = await head();
      assert.equal(rows, drained + 3);
      assert.deepEqual(await checkpoint(t), { status: 'written', seq: rows });
      assert.deepEqual(await checkpoint(t), { status: 'unchanged', seq: rows });
      assert.deepEqual(await verify(t), { ok: true, rows, unkeyed: 0, checkpoints: 2 });
      const dir = t.config.auditCheckpointDir;
      assert.equal(statSync(dir).mode & 0o777, 0o700);
      for (const name of readdirSync(dir)) assert.equal(statSync(join(dir, name)).mode & 0o777, 0o600, name);
    } finally {
      await t.close();
    }
  });

  it('a checkpoint file not signed with the key fails verification', async () => {
    const t = await testApp();
    try {
      await append(t, 3);
      await checkpoint(t);
      const dir = t.config.auditCheckpointDir;
      const [name] = readdirSync(dir);
      const c = JSON.parse(readFileSync(join(dir, name), 'utf8'));
      writeFileSync(join(dir, name), JSON.stringify({ ...c, seq: 2 }));
      assert.deepEqual(await verify(t), { ok: false, forged: [name] });
    } finally {
      await t.close();
    }
  });

  it('records written before the chain was keyed verify as a plain SHA-256 prefix, sealed by the first keyed record', async () => {
    const t = await testApp();
    try {
      // An installation upgraded from the unkeyed chain: its old records stay as they were written.
      await append(t, 6);
      await dropAppendOnlyGuards(t);
      await recompute(t, 1, legacyAuditHash);
      await append(t, 4);
      assert.deepEqual(await verify(t), { ok: true, rows: 10, unkeyed: 6, checkpoints: 0 });
      // Rewriting an old record and recomputing the old part breaks the first keyed record's link.
      const rows = await t.deps.db.selectFrom('audit_log').selectAll().where('seq', '<=', 6).orderBy('seq').execute();
      let prev = '0'.repeat(64);
      for (const r of rows) {
        const { hash: _h, prev_hash: _p, ...rest } = r;
        const row = { ...rest, seq: Number(r.seq), ...(r.seq === 3 ? { after_json: '{"i":"rewritten"}' } : {}) };
        const hash = legacyAuditHash(prev, row);
        await t.deps.db
          .updateTable('audit_log')
          .set({ after_json: row.after_json, prev_hash: prev, hash })
          .where('seq', '=', r.seq)
          .execute();
        prev = hash;
      }
      assert.deepEqual(await verify(t), { ok: false, rows: 6, brokenAt: 7, reason: 'link' });
    } finally {
      await t.close();
    }
  });
});
