import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { linkIn, pathOf, subscribe } from '../src/modules/notify/testing.ts';
import {
  approveConsultation,
  createConsultation,
  dayOf,
  postComment,
  publishConsultation,
  submitConsultation,
  verifiedParticipant,
} from '../src/modules/participate/testing.ts';
import { consentRows } from '../src/modules/privacy/testing.ts';
import { systemCtx } from '../src/platform/auth/actor.ts';
import { translate } from '../src/platform/i18n/i18n.ts';
import { type TestApp, testApp } from './helpers/app.ts';
import { Client, signedIn } from './helpers/client.ts';
import { buildAgency, buildUser } from './helpers/factories.ts';

// Consents given before the register of consents existed (issue 19): subscriptions confirmed and
// comments posted by name before it have no record there. The office's run (and the nightly job)
// records each as "recorded before the register", at the subscription's confirmation time or the
// comment's, with a wording that says the words shown then were not kept; once, however often it
// runs; shown as such on My data and to the office, and withdrawn like any other.

const SARA = 'sara.prior@example.sa';
const OMAR = 'omar.prior@example.sa';
const PENDING = 'pending.prior@example.sa';
const addDays = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

describe('privacy: consents given before the register', () => {
  let t: TestApp;
  let office: Client;
  let agencyId = 0;
  const consents = (email: string) => consentRows(t.deps, email);

  async function subscribeAndConfirm(email: string, lang: 'ar' | 'en', ip: string, confirm = true) {
    await subscribe(
      t.deps,
      { ...systemCtx('prior-test'), ip },
      { email, target_type: 'agency', target_key: 'prior-moh', frequency: 'immediate', locale: lang },
    );
    if (!confirm) return;
    const mail = await t.deps.db
      .selectFrom('messages')
      .select('text_body')
      .where('to_address', '=', email)
      .where('source', '=', 'notify.confirm')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    const path = pathOf(linkIn(mail.text_body ?? '', 'confirm')).replace(/^\/(ar|en)\//, `/${lang}/`);
    assert.equal((await new Client(t.app, { remoteAddress: ip }).post(path, {})).statusCode, 303);
  }

  async function verified(email: string, lang: 'ar' | 'en', ip: string): Promise<Client> {
    const c = new Client(t.app, { remoteAddress: ip });
    await c.get(`/${lang}/my-data`);
    const sent = await c.post(`/${lang}/my-data`, { email });
    const pending = /name="pending" value="([^"]+)"/.exec(sent.body)?.[1] ?? '';
    const mail = await t.deps.db
      .selectFrom('messages')
      .select('text_body')
      .where('to_address', '=', email)
      .where('source', '=', 'privacy.code')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    assert.equal(
      (await c.post(`/${lang}/my-data/verify`, { pending, code: /\d{6}/.exec(mail.text_body ?? '')?.[0] ?? '' })).statusCode,
      303,
    );
    return c;
  }

  before(async () => {
    t = await testApp();
    agencyId = (await buildAgency(t.deps, { code: 'prior-moh', name_ar: 'وزارة الصحة', name_en: 'Ministry of Health' })).id;
    await buildUser(t.deps, { email: 'office@prior.gov.sa', role: 'program_admin' });
    office = await signedIn(t.app, 'office@prior.gov.sa');
    const sys = systemCtx('prior-test');
    const today = dayOf(t.deps, new Date());
    const c = await createConsultation(t.deps, sys, {
      agency_id: String(agencyId),
      title_ar: 'مسودة',
      title_en: 'Draft',
      summary_ar: 'ملخص',
      summary_en: 'Summary',
      source_format: 'text',
      source_text: 'المادة الأولى\nنص.',
      opens_on: addDays(today, -2),
      closes_on: addDays(today, 10),
    });
    await submitConsultation(t.deps, sys, c.id);
    await approveConsultation(t.deps, sys, c.id);
    await publishConsultation(t.deps, sys, c.id, new Date(`${addDays(today, -3)}T09:00:00Z`));
    const article = await t.deps.db
      .selectFrom('participate_articles')
      .select('id')
      .where('consultation_id', '=', c.id)
      .executeTakeFirstOrThrow();
    await subscribeAndConfirm(SARA, 'en', '10.2.0.1');
    await subscribeAndConfirm(OMAR, 'ar', '10.2.0.2');
    await subscribeAndConfirm(PENDING, 'en', '10.2.0.3', false);
    for (const [email, name, display] of [
      [SARA, 'Sara Alharbi', 'name'],
      [OMAR, 'Omar Alqahtani', 'anonymous'],
    ] as const) {
      const who = await verifiedParticipant(t.deps, sys, email, name);
      await postComment(t.deps, { ...systemCtx('prior-test', 'ar'), ip: '10.2.0.9' }, who.id, c.id, {
        target: `article:${article.id}`,
        body: `A comment by ${name}`,
        display,
      });
    }
    // As before the register existed: no consent on record; the subscriptions were confirmed on a known day.
    await t.deps.db.deleteFrom('privacy_consents').execute();
    await t.deps.db.deleteFrom('privacy_consent_wordings').execute();
    await t.deps.db
      .updateTable('notify_subscriptions')
      .set({ confirmed_at: '2024-03-01T08:00:00.000Z' })
      .where('status', '=', 'active')
      .execute();
    await t.deps.db.updateTable('participate_comments').set({ created_at: '2024-04-02T10:30:00.000Z' }).execute();
  });
  after(() => t.close());

  it('records each as recorded before the register, at the record’s own time, once however often it runs', async () => {
    for (let i = 0; i < 2; i++) assert.equal((await office.post('/en/console/privacy/retention/run', {})).statusCode, 303);
    const sara = await consents(SARA);
    assert.equal(sara.length, 2, 'her subscription and her comment by name, once');
    const sub = sara.find((c) => c.purpose === 'notify.subscription');
    const comment = sara.find((c) => c.purpose === 'participate.comment_by_name');
    assert.ok(sub && comment);
    assert.equal(sub.given_channel, 'before_register');
    assert.equal(sub.given_at, '2024-03-01T08:00:00.000Z', 'the confirmation time');
    assert.equal(sub.kind, 'notify.subscriber');
    assert.match(sub.ref, /^notify_subscription:\d+$/);
    assert.equal(sub.lang, 'en', 'in the subscriber’s language');
    assert.equal(sub.text, translate('en', 'notify.consent.before_register'));
    assert.match(sub.text, /before Yusr kept the words shown/);
    assert.equal(comment.given_channel, 'before_register');
    assert.equal(comment.given_at, '2024-04-02T10:30:00.000Z');
    assert.equal(comment.kind, 'participate.participant');
    assert.equal(comment.text, translate('en', 'participate.consent.before_register'), 'in the participant’s language');
    const omar = await consents(OMAR);
    assert.equal(omar.length, 1, 'his subscription; his anonymous comment rests on no consent');
    assert.equal(omar[0]?.lang, 'ar');
    assert.equal(omar[0]?.text, translate('ar', 'notify.consent.before_register'));
    assert.equal((await consents(PENDING)).length, 0, 'an unconfirmed subscription rests on no consent');
    const audits = await t.deps.db.selectFrom('audit_log').selectAll().where('action', '=', 'privacy.consent_backfill').execute();
    assert.equal(audits.length, 1, 'the second run found nothing to record');
    assert.deepEqual(JSON.parse(audits[0]?.after_json ?? '{}').counts, { 'notify.subscription': 2, 'participate.comment_by_name': 1 });
    assert.ok(!(audits[0]?.after_json ?? '').includes('@'), 'counts only');
  });

  it('shows them as such to the person and the office, in both languages, and lets the person withdraw one', async () => {
    const en = await verified(SARA, 'en', '10.2.1.1');
    const page = await en.get('/en/my-data');
    assert.match(page.body, /Recorded before the register \(the words you were shown then were not kept\)/);
    assert.match(page.body, /recorded later: given before Yusr kept a register of consents/);
    const ar = await en.get('/ar/my-data');
    assert.match(ar.body, /سُجلت قبل السجل/);
    assert.match(ar.body, /سُجلت لاحقًا: أُعطيت قبل أن يحتفظ يُسر بسجل الموافقات/);
    const reg = await office.get('/en/console/privacy');
    assert.match(reg.body, /Consents given before the register existed[^<]*: 3 standing, none withdrawn/);
    assert.match((await office.get('/ar/console/privacy')).body, /موافقات أُعطيت قبل وجود السجل/);

    const sub = (await consents(SARA)).find((c) => c.purpose === 'notify.subscription');
    assert.ok(sub);
    const res = await en.post(`/en/my-data/consents/${sub.id}/withdraw`, {});
    assert.equal(res.statusCode, 303);
    const after1 = await t.deps.db.selectFrom('privacy_consents').selectAll().where('id', '=', sub.id).executeTakeFirstOrThrow();
    assert.equal(after1.withdrawn_channel, 'my_data');
    const subId = Number(sub.ref.split(':')[1]);
    assert.equal(
      await t.deps.db.selectFrom('notify_subscriptions').select('id').where('id', '=', subId).executeTakeFirst(),
      undefined,
      'the subscription ended',
    );
    // A later run records nothing again for it.
    assert.equal((await office.post('/en/console/privacy/retention/run', {})).statusCode, 303);
    assert.equal((await consents(SARA)).filter((c) => c.ref === sub.ref).length, 1);
    assert.match((await office.get('/en/console/privacy')).body, /2 standing, 1 withdrawn/);
  });
});
