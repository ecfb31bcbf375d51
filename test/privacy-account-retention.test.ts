import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { runPurge } from '../src/modules/privacy/testing.ts';
import { verifyAuditTrail } from '../src/platform/audit/checkpoint.ts';
import { systemCtx } from '../src/platform/auth/actor.ts';
import { type TestApp, testApp } from './helpers/app.ts';
import { signedIn } from './helpers/client.ts';
import { buildUser } from './helpers/factories.ts';

// Retention of closed staff accounts (issue 19): an account deactivated more than the period ago
// (two years by default; the office may set another, Hijri too) is erased by the nightly purge as an
// erasure request would erase it — name and address replaced, provider links, authenticator and
// sessions gone, the row kept — and the report counts it, never naming it.

describe('privacy: retention of closed staff accounts', () => {
  let t: TestApp;
  before(async () => {
    t = await testApp();
  });
  after(() => t.close());

  const closedAt = (userId: number, iso: string) =>
    t.deps.db
      .updateTable('account_closures')
      .set({ closed_at: new Date(iso).toISOString() })
      .where('user_id', '=', userId)
      .execute();
  const user = (id: number) => t.deps.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const counts = async (id: number | null) => {
    assert.ok(id);
    const run = await t.deps.db.selectFrom('privacy_purge_runs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    assert.ok(!run.counts_json.includes('@') && !run.counts_json.includes('Closed'), 'counts, never contents');
    return {
      counts: JSON.parse(run.counts_json) as Record<string, number>,
      cutoffs: JSON.parse(run.cutoffs_json) as Record<string, string>,
    };
  };

  it('erases accounts closed before the cutoff (Gregorian, then Hijri), keeps newer and reopened ones, the audit trail and every row', async () => {
    await buildUser(t.deps, { email: 'office@retention.gov.sa', role: 'program_admin' });
    const office = await signedIn(t.app, 'office@retention.gov.sa');
    const mk = (email: string) => buildUser(t.deps, { email, name: `Closed ${email}`, role: 'program_reviewer' });
    const old = await mk('old@retention.gov.sa');
    const atCutoff = await mk('cutoff@retention.gov.sa');
    const reopened = await mk('reopened@retention.gov.sa');
    const open = await mk('open@retention.gov.sa');
    // The old account has sign-in records of every kind: a session, a provider link, an authenticator.
    await signedIn(t.app, old.email);
    const now = new Date().toISOString();
    await t.deps.db
      .insertInto('oidc_identities')
      .values({ user_id: old.id, provider: 'agency_sso', subject: 'sub-old', email: old.email, created_at: now, last_sign_in_at: now })
      .execute();
    await t.deps.db
      .insertInto('totp_factors')
      .values({ user_id: old.id, secret_enc: 'v1.x.y.z', confirmed_at: now, last_step: null, created_at: now })
      .execute();
    for (const u of [old, atCutoff, reopened])
      assert.equal((await office.post(`/en/console/users/${u.id}/deactivate`, {})).statusCode, 303);
    assert.equal((await office.post(`/en/console/users/${reopened.id}/reactivate`, {})).statusCode, 303);
    assert.equal(await t.deps.db.selectFrom('sessions').select('id').where('user_id', '=', old.id).executeTakeFirst(), undefined);
    const closures = await t.deps.db.selectFrom('account_closures').select('user_id').orderBy('user_id').execute();
    assert.deepEqual(
      closures.map((c) => c.user_id),
      [old.id, atCutoff.id],
      'closing records the time; reopening removes it',
    );
    // A session left behind (as one opened on another node might be) is removed too.
    await t.deps.db
      .insertInto('sessions')
      .values({ id: 'left-behind', user_id: old.id, created_at: now, last_seen_at: now, expires_at: now, ip: '10.0.0.1', user_agent: 'x' })
      .execute();

    // Two years before 15 June 2026 (Riyadh) is the start of 15 June 2024: 14 June 21:00 UTC.
    await closedAt(old.id, '2024-06-14T20:59:59Z');
    await closedAt(atCutoff.id, '2024-06-14T21:00:00Z');
    await t.deps.db
      .updateTable('users')
      .set({ updated_at: '2020-01-01T00:00:00.000Z' })
      .where('id', 'in', [open.id, reopened.id])
      .execute();
    const usersBefore = await t.deps.db.selectFrom('users').select('id').execute();
    const auditBefore = await t.deps.db
      .selectFrom('audit_log')
      .selectAll()
      .where('record_id', '=', String(old.id))
      .orderBy('seq')
      .execute();

    const run = await counts(
      await runPurge(t.deps, systemCtx('privacy-test'), 'schedule', new Date('2026-06-15T12:00:00Z'), 'nightly:accounts'),
    );
    assert.equal(run.cutoffs['identity.account'], '2024-06-14T21:00:00.000Z');
    assert.equal(run.counts['identity.account'], 1);
    assert.equal(run.counts['identity.sign_in'], 2, 'the provider link and the authenticator');

    const gone = await user(old.id);
    assert.equal(gone.email, `erased-${old.id}@erased.invalid`);
    assert.equal(gone.name, '[erased]');
    assert.equal(gone.password_hash, null);
    assert.equal(gone.status, 'deactivated');
    for (const table of ['sessions', 'oidc_identities', 'totp_factors', 'memberships', 'account_closures'] as const)
      assert.equal(await t.deps.db.selectFrom(table).select('user_id').where('user_id', '=', old.id).executeTakeFirst(), undefined, table);
    assert.equal((await user(atCutoff.id)).email, atCutoff.email, 'closed at the cutoff itself: kept');
    assert.equal((await user(reopened.id)).email, reopened.email, 'reopened: kept');
    assert.equal((await user(open.id)).email, open.email, 'open: kept');
    assert.equal((await t.deps.db.selectFrom('users').select('id').execute()).length, usersBefore.length, 'every row stays');
    const auditAfter = await t.deps.db.selectFrom('audit_log').selectAll().where('record_id', '=', String(old.id)).orderBy('seq').execute();
    assert.deepEqual(auditAfter.slice(0, auditBefore.length), auditBefore, 'the audit trail is not rewritten');
    assert.equal((await verifyAuditTrail(t.deps)).ok, true, 'and its chain still verifies');

    // Counted once: the next night finds nothing more.
    const again = await counts(
      await runPurge(t.deps, systemCtx('privacy-test'), 'schedule', new Date('2026-06-15T13:00:00Z'), 'nightly:accounts2'),
    );
    assert.equal(again.counts['identity.account'], 0);

    // A Hijri period: one Hijri year before 29 Dhu al-Hijjah 1447 (15 June 2026) is 29 Dhu al-Hijjah
    // 1446, 25 June 2025, which starts at 24 June 21:00 UTC in Riyadh.
    const set = await office.post('/en/console/privacy/retention/identity.account', { enabled: 'on', n: '1', unit: 'hijri_years' });
    assert.equal(set.statusCode, 303, set.body);
    await closedAt(atCutoff.id, '2025-06-24T21:00:00Z');
    const hijri1 = await counts(await runPurge(t.deps, systemCtx('privacy-test'), 'office', new Date('2026-06-15T12:00:00Z')));
    assert.equal(hijri1.cutoffs['identity.account'], '2025-06-24T21:00:00.000Z');
    assert.equal(hijri1.counts['identity.account'], 0, 'at the Hijri cutoff: kept');
    await closedAt(atCutoff.id, '2025-06-24T20:59:59Z');
    const hijri2 = await counts(await runPurge(t.deps, systemCtx('privacy-test'), 'office', new Date('2026-06-15T12:00:00Z')));
    assert.equal(hijri2.counts['identity.account'], 1);
    assert.equal((await user(atCutoff.id)).name, '[erased]');
  });

  it('shows the period in the register and on the retention page, in both languages', async () => {
    await buildUser(t.deps, { email: 'office2@retention.gov.sa', role: 'program_admin' });
    const office = await signedIn(t.app, 'office2@retention.gov.sa');
    assert.match((await office.get('/en/console/privacy/retention')).body, /Staff accounts/);
    assert.match((await t.app.inject({ url: '/en/privacy' })).body, /erased 2 years after its closure/);
    assert.match((await t.app.inject({ url: '/ar/privacy' })).body, /بعد سنتين من إغلاقه/);
  });
});
