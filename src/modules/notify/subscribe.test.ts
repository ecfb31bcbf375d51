import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, testApp } from '../../../test/helpers/app.ts';
import { buildService, buildTerms } from '../../../test/helpers/catalog.ts';
import { Client } from '../../../test/helpers/client.ts';
import { buildAgency } from '../../../test/helpers/factories.ts';
import { signToken } from '../../platform/auth/crypto.ts';
import { makeToken } from './links.ts';
import { linkIn, oneClick, pathOf } from './notify.testkit.ts';
import { INBOX_LIMITS, SUBSCRIBE_PER_IP_PER_HOUR } from './subscriptions.service.ts';

describe('subscribing through the public pages', () => {
  let t: TestApp;
  const mails = (to: string) => t.deps.db.selectFrom('messages').selectAll().where('to_address', '=', to).orderBy('id').execute();
  const form = (over: Record<string, string> = {}) => ({
    email: 'reem@example.sa',
    target_type: 'agency',
    agency: 'mc',
    frequency: 'weekly',
    locale: 'en',
    ...over,
  });

  before(async () => {
    t = await testApp();
    await buildTerms(t.deps);
    const mc = await buildAgency(t.deps, { code: 'mc', name_ar: 'وزارة التجارة', name_en: 'Ministry of Commerce' });
    await buildService(t.deps, mc.id, { identifier: 'mc-cr', data: { audiences: ['businesses'] } });
    await t.drain();
  });
  after(() => t.close());

  it('shows the form in both languages, and the service box on the public service page', async () => {
    const ar = await t.app.inject('/ar/subscribe');
    assert.equal(ar.statusCode, 200);
    assert.match(ar.body, /اشترك في التحديثات/);
    assert.match(ar.body, /name="_csrf"/);
    // The digest's hour and zone read as people say them, not "08:00 (Asia/Riyadh)".
    assert.match(ar.body, /الساعة ٠٨:٠٠ \(توقيت المملكة العربية السعودية\)/);
    assert.doesNotMatch(ar.body, /Asia\/Riyadh/);
    const en = await t.app.inject('/en/subscribe?service=mc-cr');
    assert.match(en.body, /at 08:00 \(Saudi Arabia Time\)/);
    assert.doesNotMatch(en.body, /Asia\/Riyadh/);
    assert.match(en.body, /Updates about:<\/strong> the service “Renew a passport”/);
    assert.match(en.body, /name="target_key" value="mc-cr"/);
    const page = await t.app.inject('/en/services/mc-cr');
    assert.match(page.body, /Get updates about this service/);
    assert.match(page.body, /href="\/en\/subscribe\?service=mc-cr"/);
    assert.match(page.body, /href="\/feeds\/en\/services\/mc-cr.atom"/);
  });

  it('subscribe → check your email → confirm page → confirmed → manage page', async () => {
    const c = new Client(t.app);
    const res = await c.post('/en/subscribe', form());
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/en/subscribe/check-email');
    const [m] = await mails('reem@example.sa');
    assert.equal(m.subject, 'Confirm your Yusr updates');
    const confirmPath = pathOf(linkIn(m.text_body, 'confirm'));
    const page = await c.get(confirmPath);
    assert.match(page.body, /Confirm that you want announcements from Ministry of Commerce/);
    const s0 = await t.deps.db
      .selectFrom('notify_subscribers')
      .selectAll()
      .where('email', '=', 'reem@example.sa')
      .executeTakeFirstOrThrow();
    assert.equal(s0.status, 'pending', 'a GET (a link scanner) confirms nothing');
    const done = await c.post(confirmPath);
    assert.equal(done.statusCode, 303);
    const manage = await c.get(String(done.headers.location));
    assert.equal(manage.statusCode, 200);
    assert.match(manage.body, /Your subscription is confirmed/);
    assert.match(manage.body, /Subscriptions of <bdi dir="ltr">reem@example.sa<\/bdi>/);
    assert.match(manage.body, /everything from Ministry of Commerce/);
  });

  it('the manage page changes language and frequency, removes one subscription, and unsubscribes from everything', async () => {
    const c = new Client(t.app);
    await c.post('/en/subscribe', form({ email: 'omar@example.sa', target_type: 'audience', audience: 'businesses', agency: '' }));
    const [m] = await mails('omar@example.sa');
    const confirmed = await c.post(pathOf(linkIn(m.text_body, 'confirm')));
    const managePath = String(confirmed.headers.location);
    const token = managePath.split('/').pop() as string;
    await c.post('/en/subscribe', form({ email: 'omar@example.sa' }));
    const second = (await mails('omar@example.sa'))[1];
    assert.ok(second, 'a second subscription is confirmed by email too');
    await c.post(pathOf(linkIn(second.text_body, 'confirm')));
    const subs = await t.deps.db
      .selectFrom('notify_subscriptions')
      .selectAll()
      .where('subscriber_id', '=', Number(JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString()).s))
      .orderBy('id')
      .execute();
    assert.equal(subs.length, 2);
    const saved = await c.post(managePath, {
      locale: 'ar',
      [`frequency_${subs[0].id}`]: 'daily',
      [`frequency_${subs[1].id}`]: 'immediate',
    });
    assert.equal(saved.statusCode, 303);
    const after1 = await t.deps.db
      .selectFrom('notify_subscriptions')
      .select(['id', 'frequency'])
      .where(
        'id',
        'in',
        subs.map((s) => s.id),
      )
      .orderBy('id')
      .execute();
    assert.deepEqual(
      after1.map((s) => s.frequency),
      ['daily', 'immediate'],
    );
    assert.equal(
      (await t.deps.db.selectFrom('notify_subscribers').select('locale').where('email', '=', 'omar@example.sa').executeTakeFirstOrThrow())
        .locale,
      'ar',
    );
    const removed = await c.post(`${managePath}/remove/${subs[0].id}`);
    assert.equal(removed.statusCode, 303);
    assert.equal((await t.deps.db.selectFrom('notify_subscriptions').select('id').where('id', '=', subs[0].id).execute()).length, 0);
    const stop = await c.post(`${managePath}/unsubscribe`);
    assert.equal(stop.headers.location, '/en/subscriptions/unsubscribed');
    assert.equal(
      (await t.deps.db.selectFrom('notify_subscribers').select('status').where('email', '=', 'omar@example.sa').executeTakeFirstOrThrow())
        .status,
      'unsubscribed',
    );
    assert.equal((await c.get(managePath)).statusCode, 410, 'old links stop working');
    const events = await t.deps.db.selectFrom('notify_unsubscribes').select(['scope', 'method']).orderBy('id').execute();
    assert.deepEqual(events, [
      { scope: 'one', method: 'manage' },
      { scope: 'all', method: 'manage' },
    ]);
  });

  it('refuses expired, forged and other-purpose links with 410, and says how to get a new one', async () => {
    const secret = t.config.secretKey;
    const s = await t.deps.db.selectFrom('notify_subscribers').selectAll().where('email', '=', 'reem@example.sa').executeTakeFirstOrThrow();
    const expired = signToken(secret, 'notify.manage', { s: s.id, v: s.token_version }, new Date(Date.now() - 1000));
    const forged = signToken(
      'another-secret-0123456789abcdef0123456789',
      'notify.manage',
      { s: s.id, v: s.token_version },
      new Date(Date.now() + 86_400_000),
    );
    const otherPurpose = makeToken(secret, 'unsubscribe', { s: s.id, v: s.token_version });
    const tampered = `${Buffer.from(JSON.stringify({ s: s.id + 1, v: 1, exp: 9_999_999_999 })).toString('base64url')}.${makeToken(secret, 'manage', { s: s.id, v: 1 }).split('.')[1]}`;
    for (const token of [expired, forged, otherPurpose, tampered, 'x', `${'a'.repeat(30)}.${'b'.repeat(43)}`]) {
      const res = await t.app.inject(`/en/subscriptions/manage/${token}`);
      assert.equal(res.statusCode, 410, token);
      assert.match(res.body, /Send me a new link/);
      const post = await new Client(t.app).post(`/en/subscriptions/manage/${token}/unsubscribe`);
      assert.equal(post.statusCode, 410);
    }
    assert.equal((await oneClick(t.app, `/en/subscriptions/unsubscribe/${forged}`)).statusCode, 410);
    assert.equal(
      (await t.deps.db.selectFrom('notify_subscribers').select('status').where('id', '=', s.id).executeTakeFirstOrThrow()).status,
      'confirmed',
    );
  });

  it('refuses malformed and disposable addresses, and header injection, field by field', async () => {
    const c = new Client(t.app);
    const before = (await t.deps.db.selectFrom('notify_subscribers').select('id').execute()).length;
    for (const [email, message] of [
      ['not-an-address', /Enter an email address like/],
      ['someone@mailinator.com', /temporary address/],
      ['x@temp-mail.io', /temporary address/],
      ['victim@example.sa\r\nBcc: attacker@evil.example', /Enter an email address like/],
      ['"a b"@example.sa', /Enter an email address like/],
      ['a@localhost', /Enter an email address like/],
      ['a@example.test', /Enter an email address like/],
    ] as const) {
      const res = await c.post('/en/subscribe', form({ email }));
      assert.equal(res.statusCode, 400, email);
      assert.match(res.body, message, email);
      assert.equal(res.body.match(/href="#f-email"/g)?.length, 1, 'one message per field');
    }
    const ar = await c.post('/ar/subscribe', form({ email: 'x@yopmail.com', locale: 'ar' }));
    assert.match(ar.body, /يبدو هذا بريداً مؤقتاً/);
    const target = await c.post('/en/subscribe', form({ email: 'ok@example.sa', agency: 'no-such-agency' }));
    assert.equal(target.statusCode, 400);
    assert.match(target.body, /href="#f-agency"/);
    assert.equal((await t.deps.db.selectFrom('notify_subscribers').select('id').execute()).length, before, 'nothing saved');
    const api = await t.app.inject({
      method: 'POST',
      url: '/api/v1/subscriptions',
      payload: { email: 'a@b.sa\nBcc: x@y.sa', target_type: 'new_services', target_key: '*', locale: 'en' },
    });
    assert.equal(api.statusCode, 400);
    assert.equal(api.json().errors[0].field, 'email');
  });

  it('a robot filling the hidden field is told the same as everyone, and nothing happens', async () => {
    const res = await new Client(t.app).post('/en/subscribe', form({ email: 'robot@example.sa', website: 'http://spam.example' }));
    assert.equal(res.statusCode, 303);
    assert.equal((await mails('robot@example.sa')).length, 0);
  });

  it('repeated requests never bomb an inbox, and one source is rate limited', async () => {
    const victim = 'victim@example.sa';
    for (let i = 0; i < 8; i++) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/subscriptions',
        payload: { email: victim, target_type: 'new_services', target_key: '*', locale: 'en' },
        headers: { 'x-forwarded-for': `10.9.0.${i}` },
      });
      assert.equal(res.statusCode, 202);
    }
    assert.equal((await mails(victim)).length, INBOX_LIMITS[0].limit, 'a few confirmation emails, however often they are asked for');
    let limited = 0;
    for (let i = 0; i < SUBSCRIBE_PER_IP_PER_HOUR + 2; i++) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/subscriptions',
        payload: { email: `p${i}@example.sa`, target_type: 'new_services', target_key: '*', locale: 'ar' },
      });
      if (res.statusCode === 429) {
        limited++;
        assert.ok(Number(res.headers['retry-after']) > 0);
      }
    }
    assert.ok(limited >= 2, 'the same source is told to wait');
    const statuses = [];
    for (let i = 0; i < SUBSCRIBE_PER_IP_PER_HOUR + 1; i++)
      statuses.push((await new Client(t.app).post('/en/subscriptions/manage', { email: 'reem@example.sa' })).statusCode);
    assert.equal(statuses.at(-1), 429, 'so is the manage-link form');
    assert.ok((await mails('reem@example.sa')).length <= 1 + INBOX_LIMITS[1].limit, 'and its inbox is not bombed either');
  });

  it('a new manage link is emailed to a known address only, with the same answer either way', async () => {
    const other = await testApp();
    try {
      await other.deps.db
        .insertInto('notify_subscribers')
        .values({
          email: 'known@example.sa',
          locale: 'ar',
          status: 'confirmed',
          token_version: 1,
          phone: null,
          phone_verified_at: null,
          sms_enabled: 0,
          phone_code_hash: null,
          phone_code_expires_at: null,
          phone_code_attempts: 0,
          confirmed_at: 'x',
          suspended_at: null,
          suspended_reason: null,
          unsubscribed_at: null,
          created_at: 'x',
          updated_at: 'x',
        })
        .execute();
      const c = new Client(other.app);
      const a = await c.post('/en/subscriptions/manage', { email: 'known@example.sa' });
      const b = await c.post('/en/subscriptions/manage', { email: 'unknown@example.sa' });
      assert.equal(a.statusCode, 303);
      assert.equal(b.statusCode, 303);
      assert.equal(a.headers.location, b.headers.location);
      const sent = await other.deps.db.selectFrom('messages').select(['to_address', 'locale', 'text_body']).execute();
      assert.deepEqual(
        sent.map((m) => m.to_address),
        ['known@example.sa'],
      );
      assert.match(sent[0].text_body, /\/ar\/subscriptions\/manage\//);
    } finally {
      await other.close();
    }
  });
});
