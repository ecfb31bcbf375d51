import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { axe, shot, signInAs, startBrowser } from '../helpers/browser.ts';
import { buildService, buildTerms } from '../helpers/catalog.ts';
import { buildAgency, buildUser } from '../helpers/factories.ts';
import { type ReceivedMail, TestSmtp } from '../helpers/smtp.ts';

const words = {
  ar: {
    rated: 'شكراً لك، سُجّل تقييمك',
    sent: 'أُرسل طلبك',
    reply: 'ردت',
    survey: 'كيف عالجت',
    thanks: 'شكراً لإجابتك',
    replied: 'أُرسل ردك',
    fromAgency: 'من الجهة',
  },
  en: {
    rated: 'Thank you: your rating was recorded',
    sent: 'Sent. Keep your tracking number',
    reply: 'replied',
    survey: 'How did',
    thanks: 'Thank you for your answer',
    replied: 'Your reply was sent',
    fromAgency: 'from the agency',
  },
} as const;

/**
 * The whole loop in Chromium, in Arabic and in English: a beneficiary rates a service and files a
 * complaint with a file; the agency replies; the beneficiary is emailed (real SMTP on loopback),
 * answers from the emailed link; the agency closes the case; the survey arrives and is answered.
 */
describe('feedback end to end in Chromium, both languages', () => {
  let env: Awaited<ReturnType<typeof startBrowser>>;
  const smtp = new TestSmtp();
  let agencyId: number;

  before(async () => {
    await smtp.start();
    env = await startBrowser({ SMTP_URL: smtp.url });
    await buildTerms(env.t.deps);
    agencyId = (await buildAgency(env.t.deps, { code: 'moh', name_ar: 'وزارة الصحة', name_en: 'Ministry of Health' })).id;
    await buildService(env.t.deps, agencyId, {
      identifier: 'moh-appointment',
      data: { name: { ar: 'حجز موعد طبي', en: 'Book a medical appointment' } },
    });
    await buildUser(env.t.deps, { email: 'officer@moh.gov.sa', role: 'agency_editor', agencyId, name: 'مريم' });
  });
  after(async () => {
    await env.close();
    await smtp.stop();
  });

  /** Runs the worker until a mail to `to` whose subject matches arrives, and returns the link in it. */
  async function mailTo(to: string, subject: RegExp): Promise<{ mail: ReceivedMail; link: string }> {
    for (let i = 0; i < 50; i++) {
      await env.t.drain();
      const mail = smtp.to(to).find((m) => subject.test(m.parsed.subject ?? ''));
      if (mail) {
        const link = /(http:\/\/yusr\.test\/[^\s"<>]+)/.exec(mail.parsed.text ?? '')?.[1];
        assert.ok(link, 'the email carries a link');
        return { mail, link: link.replace('http://yusr.test', env.base) };
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`no mail to ${to} matching ${subject}`);
  }

  const noViolations = async (page: Page, where: string) => assert.deepEqual(await axe(page), [], where);

  for (const lang of ['ar', 'en'] as const) {
    it(`rates, complains, gets replies by email, answers, and is surveyed — in ${lang === 'ar' ? 'Arabic' : 'English'}`, async () => {
      const w = words[lang];
      const email = `beneficiary.${lang}@example.com`;
      const person = await (await env.context()).newPage();

      await person.goto(`/${lang}/services/moh-appointment`);
      await person.click('section[aria-labelledby=fb-h] details summary');
      await person.check('#f-q_satisfied-1');
      assert.equal(await person.isVisible('#f-q_easy-0'), false, 'one question first, the rest on request');
      await person.click('details.more-questions summary');
      await person.check('#f-q_easy-0');
      await person.fill('#f-comment', lang === 'ar' ? 'الحجز سهل' : 'Booking was easy');
      await Promise.all([
        person.waitForURL(`**/${lang}/services/moh-appointment`),
        person.click('section[aria-labelledby=fb-h] form button[type=submit]'),
      ]);
      assert.match((await person.textContent('.notice')) ?? '', new RegExp(w.rated));

      await Promise.all([
        person.waitForURL(/\/feedback\/new\?service=moh-appointment/),
        person.click('a[href$="/feedback/new?service=moh-appointment"]'),
      ]);
      await noViolations(person, 'complaint form');
      await person.fill('#f-subject', lang === 'ar' ? 'إلغاء الموعد دون إبلاغ' : 'Appointment cancelled without notice');
      await person.fill(
        '#f-body',
        lang === 'ar' ? 'أُلغي موعدي صباح اليوم ولم يصلني أي إشعار بذلك.' : 'My appointment was cancelled this morning and nobody told me.',
      );
      await person.fill('#f-contact_email', email);
      await person.setInputFiles('#f-attachment', {
        name: 'letter.pdf',
        mimeType: 'application/pdf',
        buffer: Buffer.from('%PDF-1.4\n%%EOF\n'),
      });
      await Promise.all([
        person.waitForURL(/\/feedback\/cases\/YSR-\d{4}-\d{6}\?t=/),
        person.click('form[enctype="multipart/form-data"] button[type=submit]'),
      ]);
      assert.match((await person.textContent('.notice')) ?? '', new RegExp(w.sent));
      const tracking = /YSR-\d{4}-\d{6}/.exec(person.url())?.[0] as string;
      assert.match((await person.textContent('h1')) ?? '', new RegExp(tracking));
      await noViolations(person, 'status page');
      await shot(person, `${lang}-feedback-status`);
      const receipt = await mailTo(email, new RegExp(tracking));
      assert.equal(new URL(receipt.link).pathname, new URL(person.url()).pathname, 'the emailed link opens this page');

      // On a phone the inbox reads as cards: no column squeezed to a few letters.
      const phone = await (await env.context({ width: 360 })).newPage();
      await signInAs(phone, 'officer@moh.gov.sa', lang);
      await phone.goto(`/${lang}/console/feedback`);
      const cells = await phone.locator('table.stack tbody td').evaluateAll((tds) => tds.map((td) => td.getBoundingClientRect().width));
      assert.ok(cells.length > 0 && cells.every((w) => w > 250), `inbox cells at 360 px: ${cells.join(', ')}`);
      await phone.close();

      const officer = await (await env.context()).newPage();
      await signInAs(officer, 'officer@moh.gov.sa', lang);
      await officer.goto(`/${lang}/console/feedback`);
      await Promise.all([officer.waitForURL(/\/console\/feedback\/cases\/\d+$/), officer.click(`a:text("${tracking}")`)]);
      assert.match(await officer.content(), new RegExp(email.replace('.', '\\.')));
      await noViolations(officer, 'case page');
      const agencyReply = lang === 'ar' ? 'نعتذر، حُجز لك موعد جديد يوم الأحد.' : 'We are sorry; a new appointment is booked for Sunday.';
      await officer.fill('#f-reply_body', agencyReply);
      await officer.setInputFiles('#f-attachment', {
        name: 'appointment.pdf',
        mimeType: 'application/pdf',
        buffer: Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n'),
      });
      await Promise.all([
        officer.waitForURL(/\/console\/feedback\/cases\/\d+$/),
        officer.click('#reply-h ~ form[action*="/reply"] button[type=submit]'),
      ]);

      const replied = await mailTo(email, new RegExp(w.reply));
      assert.ok((replied.mail.parsed.text ?? '').includes(agencyReply), 'the reply is in the email');
      assert.equal(replied.mail.parsed.headers.get('message-id') !== undefined, true);
      await person.goto(replied.link);
      assert.ok((await person.content()).includes(agencyReply));
      const fromAgency = person.locator('#att-h + ul li', { hasText: w.fromAgency });
      assert.equal(await fromAgency.count(), 1, 'the file the agency sent is listed');
      const file = await person.request.get(String(await fromAgency.locator('a').getAttribute('href')));
      assert.equal(file.headers()['content-type'], 'application/pdf');
      await person.fill('#f-body', lang === 'ar' ? 'شكراً، الأحد مناسب.' : 'Thank you, Sunday suits me.');
      await Promise.all([person.waitForURL(/\/feedback\/cases\/YSR-/), person.click('form[action*="/reply?"] button[type=submit]')]);
      assert.match((await person.textContent('.notice')) ?? '', new RegExp(w.replied));

      await officer.reload();
      await officer.selectOption('#f-code', 'resolved');
      await officer.fill('#f-resolution_body', lang === 'ar' ? 'حُجز الموعد الجديد.' : 'The new appointment is booked.');
      await Promise.all([
        officer.waitForURL(/\/console\/feedback\/cases\/\d+$/),
        officer.click('form[action$="/resolve"] button[type=submit]'),
      ]);

      const survey = await mailTo(email, new RegExp(w.survey));
      assert.match(survey.link, /\/survey\?t=/);
      await person.goto(survey.link);
      await noViolations(person, 'survey');
      await person.check('#f-score-0');
      await Promise.all([person.waitForURL(/\/feedback\/cases\/YSR-[^/]+\?t=/), person.click('form button[type=submit]')]);
      assert.match((await person.textContent('.notice')) ?? '', new RegExp(w.thanks));
      const row = await env.t.deps.db
        .selectFrom('feedback_cases')
        .selectAll()
        .where('tracking_no', '=', tracking)
        .executeTakeFirstOrThrow();
      assert.deepEqual([row.status, row.survey_score, row.lang], ['resolved', 5, lang]);
      await person.context().close();
      await officer.context().close();
    });
  }
});
