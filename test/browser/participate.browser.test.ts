import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { dayOf } from '../../src/modules/participate/testing.ts';
import { signInAs, startBrowser } from '../helpers/browser.ts';
import { buildAgency, buildUser } from '../helpers/factories.ts';
import { TestSmtp } from '../helpers/smtp.ts';

const addDays = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const words = {
  ar: { publish: 'نشر الاستطلاع', join: 'شارك', commented: 'أُضيفت ملاحظتك', accepted: 'مقبولة جزئيًا', complete: 'اعتماد الاكتمال' },
  en: {
    publish: 'Publish the consultation',
    join: 'Take part',
    commented: 'Your comment was added',
    accepted: 'Accepted in part',
    complete: 'Mark complete',
  },
} as const;

/**
 * A consultation's whole life in Chromium without JavaScript, at 360 px, in Arabic and in English:
 * the agency's editor drafts it and submits it, the program office approves it, its administrator publishes it; a member of the public verifies an
 * address with the code emailed (real SMTP on loopback, through the outbox and the worker), disagrees
 * with an article and comments on it; the period ends; the editor answers the comment and sets the
 * final text, the administrator completes it; the report compares the texts. (Without JavaScript axe
 * cannot run here; the accessibility suite checks these pages.)
 */
describe('participate end to end in Chromium, both languages', () => {
  let env: Awaited<ReturnType<typeof startBrowser>>;
  const smtp = new TestSmtp();

  before(async () => {
    await smtp.start();
    env = await startBrowser({ SMTP_URL: smtp.url });
    const agency = await buildAgency(env.t.deps, { code: 'dga', name_ar: 'هيئة الحكومة الرقمية', name_en: 'Digital Government Authority' });
    await buildUser(env.t.deps, { email: 'editor@dga.gov.sa', role: 'agency_editor', agencyId: agency.id, name: 'مريم' });
    await buildUser(env.t.deps, { email: 'admin@dga.gov.sa', role: 'agency_admin', agencyId: agency.id, name: 'سعد' });
    await buildUser(env.t.deps, { email: 'office@program.gov.sa', role: 'program_reviewer', name: 'ليلى' });
  });
  after(async () => {
    await env.close();
    await smtp.stop();
  });

  async function codeFor(to: string): Promise<string> {
    for (let i = 0; i < 50; i++) {
      await env.t.drain();
      const mail = smtp.to(to).at(-1);
      const code = /\b(\d{6})\b/.exec(mail?.parsed.text ?? '')?.[1];
      if (code) return code;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`no code mailed to ${to}`);
  }
  const staffPage = async (email: string, lang: 'ar' | 'en') => {
    const page = await (await env.context({ javaScript: false, width: 360 })).newPage();
    await signInAs(page, email, lang);
    return page;
  };

  for (const lang of ['ar', 'en'] as const) {
    it(`publish → comment per article → close → dispositions → report with the comparison, in ${lang === 'ar' ? 'Arabic' : 'English'}`, async () => {
      const w = words[lang];
      const today = dayOf(env.t.deps, new Date());
      const title = `Fees ${lang}`;

      const editor = await staffPage('editor@dga.gov.sa', lang);
      await editor.goto(`/${lang}/console/consultations/new`);
      await editor.fill('[name=title_ar]', `مسودة الرسوم ${lang}`);
      await editor.fill('[name=title_en]', title);
      await editor.fill('[name=summary_ar]', 'ملخص');
      await editor.fill('[name=summary_en]', 'Summary');
      await editor.fill('[name=source_text]', '# Article 1\nScope of the rules.\n\n# Article 2\nThe fee is 100 riyals.');
      await editor.fill('[name=opens_on]', addDays(today, -1));
      await editor.fill('[name=closes_on]', addDays(today, 10));
      await Promise.all([editor.waitForURL(/\/console\/consultations\/\d+$/), editor.click('form.panel button[type=submit]')]);
      const id = Number(/(\d+)$/.exec(editor.url())?.[1]);

      await Promise.all([editor.waitForLoadState(), editor.click(`form[action$="/submit"] button`)]);
      const office = await staffPage('office@program.gov.sa', lang);
      await office.goto(`/${lang}/console/consultations/${id}`);
      await Promise.all([office.waitForLoadState(), office.click(`form[action$="/approve"] button`)]);

      const admin = await staffPage('admin@dga.gov.sa', lang);
      await admin.goto(`/${lang}/console/consultations/${id}`);
      await Promise.all([admin.waitForLoadState(), admin.click(`form[action$="/publish"] button`)]);
      assert.equal(
        (await env.t.deps.db.selectFrom('participate_consultations').select('status').where('id', '=', id).executeTakeFirstOrThrow())
          .status,
        'published',
      );

      const person = await (await env.context({ javaScript: false, width: 360 })).newPage();
      const email = `citizen.${lang}@example.sa`;
      await person.goto(`/${lang}/consultations/${id}`);
      await person.click(`a.button:has-text("${w.join}")`);
      await person.fill('[name=email]', email);
      await person.fill('[name=name]', 'Huda');
      await person.click('form.panel button[type=submit]');
      await person.fill('[name=code]', await codeFor(email));
      await Promise.all([person.waitForURL(new RegExp(`/consultations/${id}$`)), person.click('form.panel button[type=submit]')]);
      await person.click('#article-2 form:has(input[value=disagree]) button');
      await person.selectOption('[name=target]', { label: 'Article 2' });
      await person.fill('[name=body]', 'Lower the fee to 50 riyals.');
      await person.check('input[name=display][value=name]');
      await person.click('form[action$="/comments"] button[type=submit]');
      assert.match(await person.content(), new RegExp(w.commented));
      assert.match((await person.textContent('#article-2')) ?? '', /Lower the fee to 50 riyals\./);
      assert.equal(
        await person.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1),
        true,
        'no sideways scrolling at 360 px',
      );

      // The period ends.
      await env.t.deps.db
        .updateTable('participate_consultations')
        .set({ opens_on: addDays(today, -20), closes_on: addDays(today, -1) })
        .where('id', '=', id)
        .execute();
      const comment = await env.t.deps.db
        .selectFrom('participate_comments')
        .select('id')
        .where('consultation_id', '=', id)
        .executeTakeFirstOrThrow();

      await editor.goto(`/${lang}/console/consultations/${id}/comments`);
      await editor.selectOption(`[name="c${comment.id}-d-disposition"]`, 'accepted_in_part');
      await editor.fill(`[name="c${comment.id}-d-reason"]`, 'Lowered to 50 for individuals.');
      await editor.click(`form[action$="/comments/${comment.id}/disposition"] button`);
      await editor.goto(`/${lang}/console/consultations/${id}`);
      await editor.fill('[name=final_text]', '# Article 1\nScope of the rules.\n\n# Article 2\nThe fee is 50 riyals.');
      await editor.fill('[name=report_ar]', 'خُفض الرسم.');
      await editor.fill('[name=report_en]', 'The fee was lowered.');
      await editor.click('form[action$="/final"] button');

      await admin.goto(`/${lang}/console/consultations/${id}`);
      await admin.click(`form[action$="/complete"] button`);
      assert.equal(
        (await env.t.deps.db.selectFrom('participate_consultations').select('status').where('id', '=', id).executeTakeFirstOrThrow())
          .status,
        'completed',
      );

      await person.goto(`/${lang}/consultations/${id}/report`);
      const report = await person.content();
      assert.match(report, /<del>.*100<\/del>/s);
      assert.match(report, /<ins>.*50<\/ins>/s);
      assert.match(report, new RegExp(w.accepted));
      assert.match(report, /Lowered to 50 for individuals\./);
    });
  }
});
