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
import { sha256 } from '../src/platform/auth/crypto.ts';
import { translate } from '../src/platform/i18n/i18n.ts';
import { type TestApp, testApp } from './helpers/app.ts';
import { Client } from './helpers/client.ts';
import { buildAgency } from './helpers/factories.ts';
import { unzip } from './helpers/zip.ts';

// The register of consents on both engines: a subscription confirmed on the Arabic page and one on
// the English page are recorded with the exact words shown (and their version), once however often
// the link is followed; a comment by name is recorded, an anonymous one is not. The person sees
// their consents on My data and withdraws one there (the subscription ends, the comment loses the
// name); another person can neither see nor withdraw it; unsubscribing by an emailed link is a
// withdrawal too; the download holds the consents; erasure-era details are in test/personal-data.

const SARA = 'sara.consent@example.sa';
const OMAR = 'omar.consent@example.sa';
const addDays = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The archive's data.json. */
const unzipJson = async (buf: Buffer): Promise<Record<string, unknown>> =>
  JSON.parse((await unzip(buf)).get('data.json')?.toString('utf8') ?? '{}') as Record<string, unknown>;

describe('privacy: the register of consents', () => {
  let t: TestApp;
  let consultationId = 0;
  let articleId = 0;
  /** Subscriptions keep the agency's id as their target key. */
  const agencyKey: Record<string, string> = {};

  const consents = (email: string) => consentRows(t.deps, email);

  /** Subscribes the address to the agency and follows the emailed link on the page in `lang`; returns the confirm path. */
  async function subscribeAndConfirm(email: string, target: string, lang: 'ar' | 'en', ip: string) {
    await subscribe(
      t.deps,
      { ...systemCtx('consent-test'), ip },
      { email, target_type: 'agency', target_key: target, frequency: 'immediate', locale: lang },
    );
    const mail = await t.deps.db
      .selectFrom('messages')
      .select('text_body')
      .where('to_address', '=', email)
      .where('source', '=', 'notify.confirm')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    const path = pathOf(linkIn(mail.text_body ?? '', 'confirm')).replace(/^\/(ar|en)\//, `/${lang}/`);
    const c = new Client(t.app, { remoteAddress: ip });
    const page = await c.get(path);
    assert.equal(page.statusCode, 200, page.body.slice(0, 300));
    const done = await c.post(path, {});
    assert.equal(done.statusCode, 303, done.body.slice(0, 300));
    return { path, page: page.body, client: c };
  }

  /** A browser that proved the address by the emailed code. */
  async function verified(email: string, lang: 'ar' | 'en', ip: string): Promise<Client> {
    const c = new Client(t.app, { remoteAddress: ip });
    await c.get(`/${lang}/my-data`);
    const sent = await c.post(`/${lang}/my-data`, { email });
    assert.equal(sent.statusCode, 200, sent.body.slice(0, 300));
    const pending = /name="pending" value="([^"]+)"/.exec(sent.body)?.[1] ?? '';
    const mail = await t.deps.db
      .selectFrom('messages')
      .select('text_body')
      .where('to_address', '=', email)
      .where('source', '=', 'privacy.code')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    const ok = await c.post(`/${lang}/my-data/verify`, { pending, code: /\d{6}/.exec(mail.text_body ?? '')?.[0] ?? '' });
    assert.equal(ok.statusCode, 303, ok.body.slice(0, 300));
    return c;
  }

  before(async () => {
    t = await testApp();
    const agency = await buildAgency(t.deps, { code: 'consent-moh', name_ar: 'وزارة الصحة', name_en: 'Ministry of Health' });
    const moe = await buildAgency(t.deps, { code: 'consent-moe', name_ar: 'وزارة التعليم', name_en: 'Ministry of Education' });
    agencyKey['consent-moh'] = String(agency.id);
    agencyKey['consent-moe'] = String(moe.id);
    const sys = systemCtx('consent-test');
    const today = dayOf(t.deps, new Date());
    const c = await createConsultation(t.deps, sys, {
      agency_id: String(agency.id),
      title_ar: 'مسودة',
      title_en: 'Draft',
      summary_ar: 'ملخص',
      summary_en: 'Summary',
      source_format: 'text',
      source_text: 'المادة الأولى\nنص.\n\nالمادة الثانية\nنص آخر.',
      opens_on: addDays(today, -2),
      closes_on: addDays(today, 10),
    });
    await submitConsultation(t.deps, sys, c.id);
    await approveConsultation(t.deps, sys, c.id);
    await publishConsultation(t.deps, sys, c.id, new Date(`${addDays(today, -3)}T09:00:00Z`));
    consultationId = c.id;
    articleId = (
      await t.deps.db
        .selectFrom('participate_articles')
        .select('id')
        .where('consultation_id', '=', c.id)
        .orderBy('position')
        .executeTakeFirstOrThrow()
    ).id;
  });
  after(() => t.close());

  it('records a subscription consent when it is confirmed, in the words and language of the page, once', async () => {
    const ar = await subscribeAndConfirm(SARA, 'consent-moh', 'ar', '10.1.0.1');
    const en = await subscribeAndConfirm(SARA, 'consent-moe', 'en', '10.1.0.2');
    // Following the link again (the page says "open the manage page") records nothing more.
    assert.equal((await ar.client.post(ar.path, {})).statusCode, 303);
    const rows = await consents(SARA);
    assert.equal(rows.length, 2);
    const subs = await t.deps.db
      .selectFrom('notify_subscriptions as s')
      .innerJoin('notify_subscribers as r', 'r.id', 's.subscriber_id')
      .select(['s.id', 's.target_key'])
      .where('r.email', '=', SARA)
      .orderBy('s.id')
      .execute();
    for (const [row, lang, target, page] of [
      [rows[0], 'ar', 'consent-moh', ar.page],
      [rows[1], 'en', 'consent-moe', en.page],
    ] as const) {
      const sub = subs.find((s) => s.target_key === agencyKey[target]);
      assert.ok(sub);
      assert.equal(row?.purpose, 'notify.subscription');
      assert.equal(row?.kind, 'notify.subscriber');
      assert.equal(row?.ref, `notify_subscription:${sub.id}`);
      assert.equal(row?.lang, lang);
      assert.equal(row?.given_channel, 'web_form');
      assert.equal(row?.given_form, '/subscriptions/confirm');
      assert.equal(row?.withdrawn_at, null);
      // The exact words: every line was on the page that asked, and the version is their hash.
      const lines = (row?.text ?? '').split('\n');
      assert.deepEqual(lines[1], translate(lang, 'notify.confirm.submit'));
      for (const line of lines) assert.ok(page.includes(esc(line)), `the page showed: ${line}`);
      assert.equal(row?.wording_version, sha256(`${lang}\n${row?.text}`));
    }
    assert.match(rows[0]?.text ?? '', /وزارة الصحة/);
    assert.match(rows[1]?.text ?? '', /Ministry of Education/);
  });

  it('records a comment by name (not an anonymous one) in the language of the form', async () => {
    for (const [email, name, display, lang] of [
      [SARA, 'Sara Alharbi', 'name', 'ar'],
      [OMAR, 'Omar Alqahtani', 'anonymous', 'en'],
    ] as const) {
      const who = await verifiedParticipant(t.deps, systemCtx('consent-test'), email, name);
      await postComment(t.deps, { ...systemCtx('consent-test', lang), ip: '10.1.0.9' }, who.id, consultationId, {
        target: `article:${articleId}`,
        body: `A comment by ${name}`,
        display,
      });
    }
    const sara = (await consents(SARA)).filter((c) => c.purpose === 'participate.comment_by_name');
    assert.equal(sara.length, 1);
    assert.equal(sara[0]?.kind, 'participate.participant');
    assert.equal(sara[0]?.lang, 'ar');
    assert.equal(
      sara[0]?.text,
      [translate('ar', 'participate.field.display'), translate('ar', 'participate.display.name', { name: 'Sara Alharbi' })].join('\n'),
    );
    assert.equal((await consents(OMAR)).length, 0, 'an anonymous comment rests on no consent');
  });

  it('shows the consents on My data in both languages, and to nobody else', async () => {
    const ar = await verified(SARA, 'ar', '10.1.1.1');
    const page = await ar.get('/ar/my-data');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /موافقاتك/);
    assert.match(page.body, /وزارة الصحة/);
    assert.equal((page.body.match(/\/my-data\/consents\/\d+\/withdraw/g) ?? []).length, 3);
    const en = await ar.get('/en/my-data');
    assert.match(en.body, /Your consents/);
    assert.match(en.body, /Withdraw this consent/);
    const omar = await verified(OMAR, 'en', '10.1.1.2');
    const his = await omar.get('/en/my-data');
    assert.doesNotMatch(his.body, /Your consents/);
    assert.doesNotMatch(his.body, /\/my-data\/consents\//);
  });

  it('lets only the person withdraw, and withdrawing ends the subscription and hides the name', async () => {
    const rows = await consents(SARA);
    const sub = rows.find((r) => r.purpose === 'notify.subscription' && r.lang === 'ar');
    const comment = rows.find((r) => r.purpose === 'participate.comment_by_name');
    assert.ok(sub && comment);

    // Nobody verified: back to the code form; another person: 404; nothing changes.
    const anon = await new Client(t.app).post(`/en/my-data/consents/${sub.id}/withdraw`, {});
    assert.equal(anon.statusCode, 303);
    const omar = await verified(OMAR, 'en', '10.1.2.2');
    assert.equal((await omar.post(`/en/my-data/consents/${sub.id}/withdraw`, {})).statusCode, 404);
    assert.equal((await omar.post('/en/my-data/consents/not-a-number/withdraw', {})).statusCode, 404);
    assert.equal((await consents(SARA)).filter((r) => r.withdrawn_at).length, 0);

    const sara = await verified(SARA, 'en', '10.1.2.1');
    const res = await sara.post(`/en/my-data/consents/${sub.id}/withdraw`, {});
    assert.equal(res.statusCode, 303, res.body.slice(0, 300));
    const after1 = await t.deps.db.selectFrom('privacy_consents').selectAll().where('id', '=', sub.id).executeTakeFirstOrThrow();
    assert.ok(after1.withdrawn_at);
    assert.equal(after1.withdrawn_channel, 'my_data');
    assert.equal(after1.wording_version, sub.wording_version, 'the words consented to stay on record');
    const subId = Number(sub.ref.split(':')[1]);
    assert.equal(await t.deps.db.selectFrom('notify_subscriptions').select('id').where('id', '=', subId).executeTakeFirst(), undefined);
    const un = await t.deps.db.selectFrom('notify_unsubscribes').selectAll().where('method', '=', 'my_data').execute();
    assert.equal(un.length, 1);
    assert.equal(un[0]?.target_key, agencyKey['consent-moh']);
    // Her other subscription is untouched.
    const left = await t.deps.db
      .selectFrom('notify_subscriptions as s')
      .innerJoin('notify_subscribers as r', 'r.id', 's.subscriber_id')
      .select('s.target_key')
      .where('r.email', '=', SARA)
      .execute();
    assert.deepEqual(
      left.map((s) => s.target_key),
      [agencyKey['consent-moe']],
    );
    const audit = await t.deps.db.selectFrom('audit_log').selectAll().where('action', '=', 'privacy.consent_withdraw').execute();
    assert.equal(audit.length, 1);
    // Twice is a 404: it no longer stands.
    assert.equal((await sara.post(`/en/my-data/consents/${sub.id}/withdraw`, {})).statusCode, 404);

    assert.equal((await sara.post(`/ar/my-data/consents/${comment.id}/withdraw`, {})).statusCode, 303);
    const c = await t.deps.db
      .selectFrom('participate_comments')
      .select('display')
      .where('id', '=', Number(comment.ref.split(':')[1]))
      .executeTakeFirstOrThrow();
    assert.equal(c.display, 'anonymous');
    const page = await sara.get('/ar/my-data');
    assert.equal((page.body.match(/\/my-data\/consents\/\d+\/withdraw/g) ?? []).length, 1, 'only the standing consent has a button');
    assert.match(page.body, /في صفحة بياناتي/);
  });

  it('records an unsubscribe by the emailed link as a withdrawal', async () => {
    await subscribeAndConfirm(OMAR, 'consent-moh', 'en', '10.1.3.1');
    const before = await consents(OMAR);
    assert.equal(before.length, 1);
    const mail = await t.deps.db
      .selectFrom('messages')
      .select('text_body')
      .where('to_address', '=', OMAR)
      .where('source', '=', 'notify.confirm')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    const path = pathOf(linkIn(mail.text_body ?? '', 'unsubscribe'));
    const c = new Client(t.app);
    await c.get(path);
    assert.equal((await c.post(path, {})).statusCode, 303);
    const [row] = await consents(OMAR);
    assert.ok(row?.withdrawn_at);
    assert.equal(row?.withdrawn_channel, 'email_link');
  });

  it('puts the consents, with their words and withdrawal, in the download', async () => {
    const sara = await verified(SARA, 'en', '10.1.4.1');
    const res = await sara.post('/en/my-data/archive', {});
    assert.equal(res.statusCode, 200);
    const doc = (await unzipJson(res.rawPayload)) as {
      modules: { module: string; kinds: { kind: string; records: Record<string, unknown>[] }[] }[];
    };
    const kind = doc.modules.find((m) => m.module === 'privacy')?.kinds.find((k) => k.kind === 'privacy.consent');
    assert.equal(kind?.records.length, 3);
    const withdrawn = kind?.records.filter((r) => r.withdrawn_at) ?? [];
    assert.equal(withdrawn.length, 2);
    assert.ok(kind?.records.every((r) => typeof r.wording === 'string' && typeof r.wording_version === 'string'));
    assert.doesNotMatch(JSON.stringify(doc), new RegExp(OMAR.replace('.', '\\.')));
  });
});
