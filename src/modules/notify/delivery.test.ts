import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, testApp } from '../../../test/helpers/app.ts';
import { buildService, buildTerms } from '../../../test/helpers/catalog.ts';
import { Client } from '../../../test/helpers/client.ts';
import { buildAgency, buildUser } from '../../../test/helpers/factories.ts';
import { TestSmtp } from '../../../test/helpers/smtp.ts';
import { workOnce } from '../../platform/jobs/worker.ts';
import { findAnnouncement } from './announcements.repo.ts';
import { assembleDigest } from './digests.ts';
import { fanoutStep, fanoutTexts } from './fanout.ts';
import { ctx, linkIn, oneClick, pathOf, publishNow, seedSubscribers } from './notify.testkit.ts';
import { requestManageLink, subscribe } from './subscriptions.service.ts';

const makeDue = (t: TestApp) =>
  t.deps.db
    .updateTable('messages')
    .set({ next_attempt_at: new Date(Date.now() - 1000).toISOString() })
    .where('status', '=', 'queued')
    .execute();

/** A raw message's header block, unfolded. */
const headerBlock = (raw: string) => raw.split('\r\n\r\n')[0].replace(/\r\n[ \t]+/g, ' ');

describe('notify over a real SMTP server', () => {
  let smtp: TestSmtp;
  let t: TestApp;
  let moh: Awaited<ReturnType<typeof buildAgency>>;
  let serviceId: number;
  before(async () => {
    smtp = await new TestSmtp().start();
    t = await testApp({ SMTP_URL: smtp.url, MAIL_FROM: 'Yusr <no-reply@yusr.test>' });
    await buildTerms(t.deps);
    moh = await buildAgency(t.deps, { code: 'moh', name_ar: 'وزارة الصحة', name_en: 'Ministry of Health' });
    serviceId = (await buildService(t.deps, moh.id, { identifier: 'moh-appointments', data: { categories: ['health'] } })).id;
    await t.drain();
  });
  after(async () => {
    await t.close();
    await smtp.stop();
  });

  it('double opt-in: nothing but the confirmation goes out until the address confirms, in Arabic and English', async () => {
    await subscribe(t.deps, ctx('10.0.0.1'), {
      email: 'Huda@Example.SA',
      target_type: 'agency',
      target_key: 'moh',
      frequency: 'immediate',
      locale: 'ar',
    });
    await subscribe(t.deps, ctx('10.0.0.2'), {
      email: 'john@example.sa',
      target_type: 'service',
      target_key: 'moh-appointments',
      frequency: 'immediate',
      locale: 'en',
    });
    await publishNow(t, { agency_id: moh.id, title_ar: 'قبل التأكيد', title_en: 'Before confirmation' });
    await t.drain();
    const [ar] = smtp.to('huda@example.sa');
    const [en] = smtp.to('john@example.sa');
    assert.equal(smtp.mails.length, 2, 'only the two confirmations');
    assert.equal(ar.parsed.subject, 'أكّد اشتراكك في تحديثات يُسر');
    assert.match(String(ar.parsed.html), /dir="rtl"/);
    assert.match(ar.parsed.text ?? '', /إعلانات وزارة الصحة/);
    assert.equal(en.parsed.subject, 'Confirm your Yusr updates');
    assert.match(String(en.parsed.html), /dir="ltr"/);
    assert.match(en.parsed.text ?? '', /updates about the service “Renew a passport”/);
    for (const m of [ar, en]) {
      const page = await t.app.inject(pathOf(linkIn(m.parsed.text ?? '', 'confirm')));
      assert.equal(page.statusCode, 200);
      const c = new Client(t.app);
      const res = await c.post(pathOf(linkIn(m.parsed.text ?? '', 'confirm')));
      assert.equal(res.statusCode, 303);
      assert.match(String(res.headers.location), m === ar ? /^\/ar\/subscriptions\/manage\// : /^\/en\/subscriptions\/manage\//);
    }
  });

  it('immediate delivery: one email per subscriber with one-click unsubscribe headers and a stable Message-ID', async () => {
    smtp.mails.length = 0;
    const a = await publishNow(t, {
      agency_id: moh.id,
      kind: 'downtime',
      title_ar: 'توقف مجدول لخدمة المواعيد',
      title_en: 'Planned downtime of appointments',
      service_ids: [serviceId],
      starts_at: '2026-12-04T19:00:00.000Z',
      ends_at: '2026-12-04T23:00:00.000Z',
    });
    await t.drain();
    const [ar] = smtp.to('huda@example.sa');
    const [en] = smtp.to('john@example.sa');
    assert.equal(smtp.mails.length, 2);
    assert.equal(ar.parsed.subject, 'توقف مجدول لخدمة المواعيد');
    assert.equal(en.parsed.subject, 'Planned downtime of appointments');
    assert.match(String(ar.parsed.html), /<html lang="ar" dir="rtl"/);
    assert.match(String(ar.parsed.html), /وزارة الصحة/, 'the agency is the sender shown');
    assert.match(ar.parsed.text ?? '', /١٤٤٨ هـ/, 'Hijri date');
    assert.match(en.parsed.text ?? '', /From 4 December 2026 .* to 5 December 2026/, 'Gregorian, in Riyadh time');
    assert.doesNotMatch(String(en.parsed.html), /<img[^>]+http/, 'no remote images: no tracking pixel');
    for (const m of [ar, en]) {
      const unsub = linkIn(m.parsed.text ?? '', 'unsubscribe');
      const headers = headerBlock(m.raw);
      assert.ok(headers.includes(`List-Unsubscribe: <${unsub}>`), 'List-Unsubscribe names the same link as the text');
      assert.match(headers, /List-Unsubscribe-Post: List-Unsubscribe=One-Click/);
      assert.match(headers, /List-Id: <moh\.announcements\.yusr\.test>/i);
      assert.match(String(m.parsed.html), /href="http:\/\/yusr\.test\/(ar|en)\/subscriptions\/unsubscribe\//, 'a visible unsubscribe link');
    }
    const row = await t.deps.db
      .selectFrom('messages')
      .selectAll()
      .where('message_key', '=', `notify:a:${a.id}:s:1:email`)
      .executeTakeFirstOrThrow();
    assert.equal(row.status, 'sent');
    assert.equal(row.transport, 'smtp');
    const { messageIdFor } = await import('../../platform/messaging/messaging.ts');
    assert.equal(ar.parsed.messageId, messageIdFor(row.message_key, 'Yusr <no-reply@yusr.test>'));
  });

  it('a rerun of the fan-out inserts nothing twice', async () => {
    const a = await publishNow(t, { agency_id: moh.id, title_en: 'Rerun me', title_ar: 'أعد تشغيلي' });
    await t.drain();
    const before = await t.deps.db.selectFrom('messages').select('id').where('ref_id', '=', String(a.id)).execute();
    await t.deps.db
      .updateTable('notify_fanouts')
      .set({ status: 'running', slice: 0, cursor: 0 })
      .where('announcement_id', '=', a.id)
      .execute();
    const row = await findAnnouncement(t.deps.db, a.id);
    const texts = await fanoutTexts(t.deps, row as NonNullable<typeof row>);
    while (await t.deps.db.transaction().execute((trx) => fanoutStep(trx, t.deps, row as NonNullable<typeof row>, texts, 1))) {}
    const after = await t.deps.db.selectFrom('messages').select('id').where('ref_id', '=', String(a.id)).execute();
    assert.equal(after.length, before.length);
  });

  it('a subscriber matched several ways gets one email; immediate wins over a digest', async () => {
    const ids = await seedSubscribers(t, {
      count: 3,
      prefix: 'multi',
      target: { type: 'agency', key: String(moh.id) },
      frequency: 'daily',
    });
    for (const id of ids) {
      await t.deps.db
        .insertInto('notify_subscriptions')
        .values([
          {
            subscriber_id: id,
            target_type: 'category',
            target_key: 'health',
            frequency: 'immediate',
            status: 'active',
            created_at: 'x',
            confirmed_at: 'x',
          },
          {
            subscriber_id: id,
            target_type: 'audience',
            target_key: 'citizens',
            frequency: 'weekly',
            status: 'active',
            created_at: 'x',
            confirmed_at: 'x',
          },
        ])
        .execute();
    }
    smtp.mails.length = 0;
    const a = await publishNow(t, {
      agency_id: moh.id,
      kind: 'change',
      service_ids: [serviceId],
      title_en: 'Fees change',
      title_ar: 'تغيير الرسوم',
    });
    await t.drain();
    for (let i = 0; i < 3; i++) assert.equal(smtp.to(`multi-${i}@example.sa`).length, 1);
    const items = await t.deps.db.selectFrom('notify_digest_items').selectAll().where('announcement_id', '=', a.id).execute();
    assert.deepEqual(items, [], 'no digest item for someone already emailed');
  });

  it('digests: assembled at the configured time, one email per subscriber, dated in Hijri and Gregorian, nothing twice', async () => {
    await seedSubscribers(t, {
      count: 2,
      prefix: 'daily',
      target: { type: 'agency', key: String(moh.id) },
      frequency: 'daily',
      locale: 'mixed',
    });
    await seedSubscribers(t, {
      count: 1,
      prefix: 'weekly',
      target: { type: 'agency', key: String(moh.id) },
      frequency: 'weekly',
      locale: 'en',
    });
    const first = await publishNow(t, { agency_id: moh.id, title_en: 'First of the day', title_ar: 'الأول اليوم' });
    await publishNow(t, {
      agency_id: moh.id,
      kind: 'outage',
      title_en: 'Second of the day',
      title_ar: 'الثاني اليوم',
      starts_at: new Date().toISOString(),
    });
    await t.drain();
    const { deliveryReport } = await import('./report.ts');
    const items = (await t.deps.db.selectFrom('notify_digest_items').select('id').where('announcement_id', '=', first.id).execute()).length;
    assert.ok(items >= 3);
    assert.deepEqual((await deliveryReport(t.deps, ctx(), first.id)).digests, { waiting: items, assembled: 0, sent: 0, failed: 0 });
    smtp.mails.length = 0;
    const { checkDigests } = await import('./digests.ts');
    const digestJobs = () => t.deps.db.selectFrom('jobs').select('id').where('unique_key', 'like', 'notify.digest:%:2026-11-29').execute();
    await checkDigests(t.deps, new Date('2026-11-29T04:59:00Z'));
    assert.equal((await digestJobs()).length, 0, 'not before 08:00 Riyadh');
    await checkDigests(t.deps, new Date('2026-11-29T05:00:00Z'));
    await checkDigests(t.deps, new Date('2026-11-29T05:30:00Z'));
    await t.drain();
    const [ar] = smtp.to('daily-0@example.sa');
    const [en] = smtp.to('daily-1@example.sa');
    assert.equal(smtp.to('daily-0@example.sa').length, 1);
    assert.match(ar.parsed.subject ?? '', /ملخصك اليومي — .*١٤٤٨ هـ.*٢٠٢٦م/);
    assert.match(ar.parsed.text ?? '', /الأول اليوم[\s\S]*الثاني اليوم/);
    assert.match(en.parsed.subject ?? '', /Your daily digest — .*2026 \(.*1448 AH\)/);
    assert.match(en.raw, /List-Unsubscribe-Post: List-Unsubscribe=One-Click/);
    assert.equal(smtp.to('weekly-0@example.sa').length, 1, '29 November 2026 is a Sunday: the weekly digest goes too');
    assert.deepEqual((await deliveryReport(t.deps, ctx(), first.id)).digests, { waiting: 0, assembled: 0, sent: items, failed: 0 });
    await assembleDigest(t.deps, { digestKey: 'daily:2026-11-29' });
    await t.drain();
    assert.equal(smtp.to('daily-0@example.sa').length, 1, 'a rerun sends nothing twice');
  });

  it('one-click unsubscribe (RFC 8058) works without a cookie or form token, and twice', async () => {
    const [m] = smtp.to('daily-1@example.sa');
    const path = pathOf(linkIn(m.parsed.text ?? '', 'unsubscribe'));
    for (let i = 0; i < 2; i++) {
      assert.equal((await oneClick(t.app, path)).statusCode, 200);
    }
    const s = await t.deps.db
      .selectFrom('notify_subscribers')
      .selectAll()
      .where('email', '=', 'daily-1@example.sa')
      .executeTakeFirstOrThrow();
    assert.equal(s.status, 'unsubscribed');
    assert.equal((await t.deps.db.selectFrom('notify_subscriptions').select('id').where('subscriber_id', '=', s.id).execute()).length, 0);
    smtp.mails.length = 0;
    await publishNow(t, { agency_id: moh.id });
    await t.drain();
    await assembleDigest(t.deps, { digestKey: 'daily:2026-11-30' });
    await t.drain();
    assert.equal(smtp.to('daily-1@example.sa').length, 0);
  });

  it('the confirmation and manage-link emails carry one-click unsubscribe too: it cancels a request the address never made', async () => {
    await subscribe(t.deps, ctx('10.0.3.1'), {
      email: 'victim@example.sa',
      target_type: 'agency',
      target_key: 'moh',
      frequency: 'immediate',
      locale: 'ar',
    });
    await t.drain();
    const [confirmation] = smtp.to('victim@example.sa');
    const unsubscribe = linkIn(confirmation.parsed.text ?? '', 'unsubscribe');
    assert.ok(headerBlock(confirmation.raw).includes(`List-Unsubscribe: <${unsubscribe}>`), 'the header names the visible link');
    assert.match(headerBlock(confirmation.raw), /List-Unsubscribe-Post: List-Unsubscribe=One-Click/);
    assert.match(confirmation.parsed.text ?? '', /أوقفوا كل رسائل يُسر إلى هذا العنوان/);
    assert.equal((await oneClick(t.app, pathOf(unsubscribe))).statusCode, 200);
    const confirmPage = await t.app.inject(pathOf(linkIn(confirmation.parsed.text ?? '', 'confirm')));
    assert.equal(confirmPage.statusCode, 410, 'the pending request is gone: its confirmation link no longer works');
    const victim = await t.deps.db
      .selectFrom('notify_subscribers')
      .selectAll()
      .where('email', '=', 'victim@example.sa')
      .executeTakeFirstOrThrow();
    assert.equal(victim.status, 'unsubscribed');

    await requestManageLink(t.deps, ctx('10.0.3.2'), { email: 'john@example.sa' });
    await t.drain();
    const manageMail = smtp.to('john@example.sa').find((m) => m.parsed.subject === 'Your link to manage your Yusr subscriptions');
    assert.ok(manageMail, 'the manage link went out');
    const stop = linkIn(manageMail.parsed.text ?? '', 'unsubscribe');
    assert.ok(headerBlock(manageMail.raw).includes(`List-Unsubscribe: <${stop}>`));
    assert.match(manageMail.parsed.text ?? '', /Stop every Yusr email to this address/);
  });

  it('names and subjects cannot inject headers, even when stored unchecked', async () => {
    const evil = await buildAgency(t.deps, {
      code: 'evil',
      name_en: 'Evil\r\nBcc: attacker@evil.example',
      name_ar: 'جهة\r\nBcc: attacker@evil.example',
    });
    await seedSubscribers(t, { count: 1, prefix: 'inject', target: { type: 'agency', key: String(evil.id) }, locale: 'en' });
    const a = await publishNow(t, { agency_id: evil.id, title_en: 'Clean title', title_ar: 'عنوان سليم' });
    // A title written around the validation (say, by a migration script) is still made safe.
    await t.deps.db
      .updateTable('notify_announcements')
      .set({ title_en: 'Hello\r\nBcc: attacker@evil.example' })
      .where('id', '=', a.id)
      .execute();
    const { clearTemplateCache } = await import('./delivery.ts');
    clearTemplateCache(t.deps);
    smtp.mails.length = 0;
    await t.drain();
    const [m] = smtp.to('inject-0@example.sa');
    assert.equal(m.parsed.subject, 'Hello Bcc: attacker@evil.example');
    assert.equal(m.parsed.headers.get('bcc'), undefined);
    assert.ok(!smtp.mails.some((x) => x.to.includes('attacker@evil.example')));
  });

  it('a permanent failure (5xx) suspends the address; later messages to it are cancelled, not sent', async () => {
    smtp.respond = (to) => (to === 'huda@example.sa' ? 'perm' : 'ok');
    const a = await publishNow(t, { agency_id: moh.id, title_en: 'Bounce test', title_ar: 'اختبار الارتداد' });
    await t.drain();
    smtp.respond = () => 'ok';
    const s = await t.deps.db.selectFrom('notify_subscribers').selectAll().where('email', '=', 'huda@example.sa').executeTakeFirstOrThrow();
    assert.equal(s.status, 'suspended');
    assert.match(s.suspended_reason ?? '', /550/);
    const b = await publishNow(t, { agency_id: moh.id, title_en: 'After the bounce', title_ar: 'بعد الارتداد' });
    await t.drain();
    const rows = await t.deps.db
      .selectFrom('messages')
      .select(['ref_id', 'status'])
      .where('to_address', '=', 'huda@example.sa')
      .where('ref_id', 'in', [String(a.id), String(b.id)])
      .execute();
    assert.deepEqual(rows.map((r) => r.ref_id).sort(), [String(a.id)], 'the suspended address is not matched again');
  });
});

describe('SMTP server down for a while, then back', () => {
  it('keeps every announcement email queued, then delivers each exactly once', async () => {
    const smtp = await new TestSmtp().start();
    const port = smtp.port;
    await smtp.stop();
    const t = await testApp({ SMTP_URL: `smtp://127.0.0.1:${port}?pool=false` });
    try {
      const agency = await buildAgency(t.deps);
      await seedSubscribers(t, { count: 40, prefix: 'down', target: { type: 'agency', key: String(agency.id) }, locale: 'mixed' });
      const a = await publishNow(t, { agency_id: agency.id });
      await t.drain();
      const queued = await t.deps.db.selectFrom('messages').select(['status', 'attempts']).where('ref_id', '=', String(a.id)).execute();
      assert.equal(queued.length, 40);
      assert.ok(
        queued.every((m) => m.status === 'queued' && m.attempts >= 1),
        'nothing lost, nothing sent',
      );
      await smtp.start(port);
      await makeDue(t);
      await t.drain();
      assert.equal(smtp.mails.length, 40);
      assert.equal(new Set(smtp.mails.map((m) => m.to[0])).size, 40, 'each subscriber once');
      assert.equal(new Set(smtp.mails.map((m) => m.parsed.messageId)).size, 40, 'no duplicate Message-ID');
    } finally {
      await t.close();
      await smtp.stop();
    }
  });
});

describe('a password reset requested during a large announcement', () => {
  it('is delivered before the announcement finishes: transactional mail goes first', async () => {
    const smtp = await new TestSmtp().start();
    const t = await testApp({ SMTP_URL: smtp.url });
    try {
      const agency = await buildAgency(t.deps);
      await seedSubscribers(t, { count: 400, prefix: 'crowd', target: { type: 'agency', key: String(agency.id) } });
      await buildUser(t.deps, { email: 'forgot@example.gov.sa', role: 'program_reviewer' });
      await publishNow(t, { agency_id: agency.id });
      // One pass of the worker: the fan-out queues all 400, and the first batch of them goes out.
      await workOnce(t.deps);
      const before = smtp.mails.length;
      assert.ok(before > 0 && before < 400, `the announcement is under way (${before} of 400 sent)`);
      assert.equal((await new Client(t.app).post('/en/password/forgot', { email: 'forgot@example.gov.sa' })).statusCode, 303);
      await t.drain();
      const order = smtp.mails.map((m) => m.to[0]);
      assert.equal(order.length, 401);
      assert.equal(
        order.indexOf('forgot@example.gov.sa'),
        before,
        'the reset is the next message sent, ahead of the remaining announcement emails',
      );
    } finally {
      await t.close();
      await smtp.stop();
    }
  });
});
