import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { axe, shot, signInAs, startBrowser } from '../../../test/helpers/browser.ts';
import { buildService, buildTerms } from '../../../test/helpers/catalog.ts';
import { buildAgency, buildUser } from '../../../test/helpers/factories.ts';
import { TestSmtp } from '../../../test/helpers/smtp.ts';
import { linkIn, pathOf } from './notify.testkit.ts';

const words = {
  ar: {
    subscribe: 'اشترك في تحديثات الخدمة',
    submit: 'اشترك',
    check: 'تحقق من بريدك',
    confirm: 'تأكيد الاشتراك',
    confirmed: 'تأكد اشتراكك',
    save: 'حفظ',
    saved: 'حُفظت تفضيلاتك',
    draft: 'حفظ المسودة',
    approve: 'اعتماد',
    expired: 'أرسل لي رابطاً جديداً',
  },
  en: {
    subscribe: 'Subscribe to this service',
    submit: 'Subscribe',
    check: 'Check your email',
    confirm: 'Confirm my subscription',
    confirmed: 'Your subscription is confirmed',
    save: 'Save',
    saved: 'Your preferences were saved',
    draft: 'Save the draft',
    approve: 'Approve',
    expired: 'Send me a new link',
  },
};

describe('a beneficiary’s journey in Chromium: subscribe, confirm, receive, manage, one-click unsubscribe', () => {
  let env: Awaited<ReturnType<typeof startBrowser>>;
  let smtp: TestSmtp;
  before(async () => {
    smtp = await new TestSmtp().start();
    env = await startBrowser({ SMTP_URL: smtp.url, MAIL_FROM: 'Yusr <no-reply@yusr.test>' });
    await buildTerms(env.t.deps);
    const moh = await buildAgency(env.t.deps, { code: 'moh', name_ar: 'وزارة الصحة', name_en: 'Ministry of Health' });
    await buildService(env.t.deps, moh.id, { identifier: 'moh-appointments' });
    await buildUser(env.t.deps, { email: 'admin@moh.sa', role: 'agency_admin', agencyId: moh.id, name: 'سارة' });
    await env.t.drain();
  });
  after(async () => {
    await env.close();
    await smtp.stop();
  });

  for (const lang of ['ar', 'en'] as const) {
    it(`works end to end in ${lang === 'ar' ? 'Arabic' : 'English'} on a 360 px phone`, async () => {
      const w = words[lang];
      const email = `reader-${lang}@example.sa`;
      const ctx = await env.context({ width: 360 });
      const page = await ctx.newPage();
      await page.goto(`/${lang}/services/moh-appointments`);
      await Promise.all([page.waitForURL(/\/subscribe\?service=moh-appointments/), page.click(`text=${w.subscribe}`)]);
      await page.fill('#f-email', email);
      await page.check('#f-frequency-0');
      await Promise.all([page.waitForURL(/\/subscribe\/check-email$/), page.click(`button:has-text("${w.submit}")`)]);
      assert.match((await page.textContent('h1')) ?? '', new RegExp(w.check));
      await env.t.drain();

      const [confirmation] = smtp.to(email);
      assert.ok(confirmation, 'the confirmation email arrived over SMTP');
      await page.goto(pathOf(linkIn(confirmation.parsed.text ?? '', 'confirm')));
      await Promise.all([page.waitForURL(/\/subscriptions\/manage\//), page.click(`button:has-text("${w.confirm}")`)]);
      assert.match((await page.textContent('.notice')) ?? '', new RegExp(w.confirmed));
      assert.deepEqual(await axe(page), []);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 0, `the manage page fits 360 px (overflow ${overflow})`);
      await shot(page, `notify-manage-${lang}`);

      // The agency writes and approves an announcement in the console.
      const staff = await (await env.context()).newPage();
      await signInAs(staff, 'admin@moh.sa', lang);
      await staff.goto(`/${lang}/console/announcements/new`);
      await staff.selectOption('#f-kind', 'news');
      await staff.fill('#f-title_ar', 'مواعيد إضافية في عطلة نهاية الأسبوع');
      await staff.fill('#f-title_en', 'Extra weekend appointments');
      await staff.fill('#f-body_ar', 'أضافت الوزارة مواعيد يومي الجمعة والسبت.');
      await staff.fill('#f-body_en', 'The ministry has added appointments on Fridays and Saturdays.');
      await staff.check('input[name=service_ids]');
      await Promise.all([staff.waitForURL(/\/console\/announcements\/\d+$/), staff.click(`button:has-text("${w.draft}")`)]);
      await Promise.all([
        staff.waitForURL(/\/console\/announcements\/\d+$/),
        staff.click(`form[action$="/approve"] button:has-text("${w.approve}")`),
      ]);
      await env.t.drain();

      const received = smtp.to(email).at(-1);
      assert.ok(received && received !== confirmation, 'the announcement arrived');
      assert.equal(received.parsed.subject, lang === 'ar' ? 'مواعيد إضافية في عطلة نهاية الأسبوع' : 'Extra weekend appointments');
      assert.match(String(received.parsed.html), new RegExp(`<html lang="${lang}" dir="${lang === 'ar' ? 'rtl' : 'ltr'}"`));

      // The manage link from that email, then one-click unsubscribe as a mail provider does it.
      await page.goto(pathOf(linkIn(received.parsed.text ?? '', 'manage')));
      await page.selectOption('select[name^=frequency_]', 'weekly');
      await Promise.all([page.waitForURL(/\/subscriptions\/manage\//), page.click(`form.panel button:has-text("${w.save}")`)]);
      assert.match((await page.textContent('.notice')) ?? '', new RegExp(w.saved));
      const unsubscribe = linkIn(received.parsed.text ?? '', 'unsubscribe');
      const res = await fetch(`${env.base}${pathOf(unsubscribe)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'List-Unsubscribe=One-Click',
      });
      assert.equal(res.status, 200);
      await page.goto(pathOf(linkIn(received.parsed.text ?? '', 'manage')));
      assert.match((await page.textContent('main')) ?? '', new RegExp(w.expired), 'the old manage link no longer opens anything');
      await ctx.close();
    });
  }
});
