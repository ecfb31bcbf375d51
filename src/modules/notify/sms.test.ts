import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { type TestApp, testApp } from '../../../test/helpers/app.ts';
import { Client } from '../../../test/helpers/client.ts';
import { buildAgency } from '../../../test/helpers/factories.ts';
import { ctx, linkIn, pathOf, publishNow } from './notify.testkit.ts';
import { CODE_ATTEMPTS } from './phone.service.ts';
import { confirm, subscribe } from './subscriptions.service.ts';

/** A local HTTP receiver standing in for the SMS provider: records each POST, answers as told. */
class FakeProvider {
  readonly received: { to: string; text: string; id: string; auth?: string; key?: string }[] = [];
  answer = 200;
  private server: Server | null = null;
  url = '';
  async start() {
    this.server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => {
        body += c;
      });
      req.on('end', () => {
        const j = JSON.parse(body);
        this.received.push({ ...j, auth: req.headers.authorization, key: req.headers['idempotency-key'] as string });
        res.writeHead(this.answer, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((r) => this.server?.listen(0, '127.0.0.1', () => r()));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/sms`;
    return this;
  }
  stop() {
    return new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }
}

describe('SMS as a second channel, through the HTTP provider adapter', () => {
  let t: TestApp;
  let sms: FakeProvider;
  let agencyId: number;
  let manage: string;
  let c: Client;

  before(async () => {
    sms = await new FakeProvider().start();
    t = await testApp({ SMS_URL: sms.url, SMS_TOKEN: 'provider-token-123' });
    agencyId = (await buildAgency(t.deps, { code: 'moi', name_ar: 'وزارة الداخلية', name_en: 'Ministry of Interior' })).id;
    await subscribe(t.deps, ctx(), {
      email: 'sara@example.sa',
      target_type: 'agency',
      target_key: 'moi',
      frequency: 'weekly',
      locale: 'ar',
    });
    const [m] = await t.deps.db.selectFrom('messages').select('text_body').execute();
    const token = pathOf(linkIn(m.text_body, 'confirm')).split('/').pop() as string;
    const r = await confirm(t.deps, ctx(), token);
    manage = `/ar/subscriptions/manage/${r.manageToken}`;
    c = new Client(t.app);
  });
  after(async () => {
    await t.close();
    await sms.stop();
  });

  it('verifies the phone with a one-time code sent through the provider', async () => {
    const bad = await c.post(`${manage}/phone`, { phone: '12ab' });
    assert.equal(bad.statusCode, 400);
    const res = await c.post(`${manage}/phone`, { phone: '050 123 4567' });
    assert.equal(res.statusCode, 303);
    await t.drain();
    const [code] = sms.received;
    assert.equal(code.to, '+966501234567');
    assert.equal(code.auth, 'Bearer provider-token-123');
    assert.ok(code.key, 'an idempotency key for the provider');
    const digits = /\d{6}/.exec(code.text)?.[0] as string;
    assert.match(code.text, /رمز التحقق في يُسر/);
    const page = await c.get(manage);
    assert.match(page.body, /رمز التحقق/);
    assert.match(page.body, /050 123 4567/, 'the number as Saudis write it');
    const wrong = await c.post(`${manage}/phone/verify`, { code: digits === '000000' ? '111111' : '000000' });
    assert.equal(wrong.statusCode, 400);
    assert.match(wrong.body, /الرمز غير صحيح/);
    const ok = await c.post(`${manage}/phone/verify`, { code: digits });
    assert.equal(ok.statusCode, 303);
    const s = await t.deps.db.selectFrom('notify_subscribers').selectAll().where('email', '=', 'sara@example.sa').executeTakeFirstOrThrow();
    assert.equal(s.sms_enabled, 1);
    assert.ok(s.phone_verified_at);
    assert.equal(s.phone_code_hash, null);
  });

  it('texts every announcement at once, whatever the email frequency', async () => {
    sms.received.length = 0;
    const a = await publishNow(t, {
      agency_id: agencyId,
      title_ar: 'انقطاع في خدمة أبشر',
      title_en: 'Absher outage',
      kind: 'outage',
      starts_at: new Date().toISOString(),
    });
    await t.drain();
    assert.equal(sms.received.length, 1);
    assert.equal(sms.received[0].to, '+966501234567');
    assert.match(sms.received[0].text, /وزارة الداخلية: انقطاع في خدمة أبشر/);
    assert.match(sms.received[0].text, new RegExp(`/ar/announcements/${a.id}$`));
    const digest = await t.deps.db.selectFrom('notify_digest_items').selectAll().where('announcement_id', '=', a.id).execute();
    assert.equal(digest.length, 1, 'the email waits for the weekly digest');
  });

  it('stops texts when the provider refuses the number for good', async () => {
    sms.answer = 400;
    await publishNow(t, { agency_id: agencyId });
    await t.drain();
    sms.answer = 200;
    const s = await t.deps.db.selectFrom('notify_subscribers').selectAll().where('email', '=', 'sara@example.sa').executeTakeFirstOrThrow();
    assert.equal(s.sms_enabled, 0);
    assert.equal(s.status, 'confirmed', 'email continues');
  });

  it('a code allows a few guesses only, and a phone gets a few codes an hour', async () => {
    const s0 = await t.deps.db
      .selectFrom('notify_subscribers')
      .selectAll()
      .where('email', '=', 'sara@example.sa')
      .executeTakeFirstOrThrow();
    await c.post(`${manage}/phone`, { phone: '+966551112222' });
    for (let i = 0; i < CODE_ATTEMPTS; i++) await c.post(`${manage}/phone/verify`, { code: '999999' });
    await t.drain();
    const real = /\d{6}/.exec(sms.received.at(-1)?.text ?? '')?.[0] as string;
    const locked = await c.post(`${manage}/phone/verify`, { code: real });
    assert.equal(locked.statusCode, 400);
    assert.match(locked.body, /محاولات كثيرة/);
    let limited = false;
    for (let i = 0; i < 4; i++) if ((await c.post(`${manage}/phone`, { phone: '+966551112222' })).statusCode === 429) limited = true;
    assert.ok(limited);
    assert.ok(s0.id);
  });
});
