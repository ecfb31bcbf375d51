import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { runPurge } from '../src/modules/privacy/testing.ts';
import { systemCtx } from '../src/platform/auth/actor.ts';
import { type ConsentGiven, recordConsent, withdrawConsent } from '../src/platform/personal-data.ts';
import { type TestApp, testApp } from './helpers/app.ts';

// Retention of the register of consents (issue 19): a withdrawn consent is kept as proof of what
// rested on it for the kind's period (three years by default), then the nightly purge deletes it;
// a standing consent stays however old, and a wording goes only when no remaining consent was shown it.

const given = (email: string, ref: string, wording: string): ConsentGiven => ({
  purpose: 'notify.subscription',
  kind: 'notify.subscriber',
  ref,
  email,
  lang: 'en',
  wording,
  channel: 'email_link',
  form: '/subscriptions/confirm',
});

describe('privacy: retention of withdrawn consents', () => {
  let t: TestApp;
  before(async () => {
    t = await testApp();
  });
  after(() => t.close());

  it('deletes consents withdrawn more than three years ago, keeps newer withdrawals and standing consents, and wordings still shown', async () => {
    const now = new Date('2026-06-15T12:00:00Z');
    const at = (iso: string) => new Date(iso).toISOString();
    const shared = 'Send me news of this agency (shared wording)';
    await t.deps.db.transaction().execute(async (trx) => {
      await recordConsent(trx, t.deps, given('old.withdrawn@example.sa', 'notify_subscription:1', 'Only the old one saw this'));
      await recordConsent(trx, t.deps, given('old.shared@example.sa', 'notify_subscription:2', shared));
      await recordConsent(trx, t.deps, given('recent.withdrawn@example.sa', 'notify_subscription:3', shared));
      await recordConsent(trx, t.deps, given('standing@example.sa', 'notify_subscription:4', shared));
      for (const email of ['old.withdrawn@example.sa', 'old.shared@example.sa', 'recent.withdrawn@example.sa'])
        await withdrawConsent(trx, t.deps, { purpose: 'notify.subscription', email, channel: 'one_click' });
    });
    const setDates = (email: string, givenAt: string, withdrawnAt: string | null) =>
      t.deps.db
        .updateTable('privacy_consents')
        .set({ given_at: at(givenAt), withdrawn_at: withdrawnAt ? at(withdrawnAt) : null })
        .where('email', '=', email)
        .execute();
    // Three years before 15 June 2026 (Riyadh) is the start of 15 June 2023, 14 June 21:00 UTC.
    await setDates('old.withdrawn@example.sa', '2019-01-01T00:00:00Z', '2023-06-14T20:59:59Z');
    await setDates('old.shared@example.sa', '2019-01-01T00:00:00Z', '2022-01-01T00:00:00Z');
    await setDates('recent.withdrawn@example.sa', '2019-01-01T00:00:00Z', '2023-06-14T21:00:00Z');
    await setDates('standing@example.sa', '2015-01-01T00:00:00Z', null);

    const id = await runPurge(t.deps, systemCtx('privacy-test'), 'schedule', now, 'nightly:consents');
    assert.ok(id);
    const run = await t.deps.db.selectFrom('privacy_purge_runs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal((JSON.parse(run.counts_json) as Record<string, number>)['privacy.consent'], 2);
    assert.equal((JSON.parse(run.cutoffs_json) as Record<string, string>)['privacy.consent'], '2023-06-14T21:00:00.000Z');
    assert.ok(!run.counts_json.includes('@'), 'the report holds counts, never addresses');

    const left = await t.deps.db.selectFrom('privacy_consents').select('email').orderBy('email').execute();
    assert.deepEqual(
      left.map((r) => r.email),
      ['recent.withdrawn@example.sa', 'standing@example.sa'],
    );
    const wordings = await t.deps.db.selectFrom('privacy_consent_wordings').select('text').orderBy('text').execute();
    assert.deepEqual(
      wordings.map((w) => w.text),
      [shared],
      'the wording only the purged consent was shown goes; the shared one stays',
    );
  });
});
