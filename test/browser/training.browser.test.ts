import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import {
  addQuestion,
  addSession,
  addTrainer,
  createOffering,
  createProgramme,
  setOfferingStatus,
  setProgrammePublished,
} from '../../src/modules/training/testing.ts';
import { systemCtx } from '../../src/platform/auth/actor.ts';
import { isoDay, localDayNumber } from '../../src/platform/i18n/dates.ts';
import { signInAs, startBrowser } from '../helpers/browser.ts';
import { buildAgency, buildUser } from '../helpers/factories.ts';

const TZ = 'Asia/Riyadh';
const words = {
  ar: { waiting: 'بانتظار', completed: 'أتمّ البرنامج', valid: 'صالحة' },
  en: { waiting: 'Waiting for approval', completed: 'Completed', valid: 'Valid' },
} as const;

/**
 * A learner's whole path in Chromium without JavaScript, at 360 px, in Arabic and in English, each
 * step by the person whose job it is, through the pages' own links and forms: an employee finds the
 * programme in the console and asks to enrol; their agency's administrator approves; the offering's
 * trainer (from another agency) marks the session's attendance; the employee takes the assessment and
 * passes, and their record links the certificate; a visitor with no account types the
 * serial into the public verification page and reads that it is valid, and downloads its PDF. Axe
 * cannot run without JavaScript; the accessibility suite checks these pages.
 */
describe('training end to end in Chromium, both languages', () => {
  let env: Awaited<ReturnType<typeof startBrowser>>;

  before(async () => {
    env = await startBrowser();
    const alpha = await buildAgency(env.t.deps, { code: 'alpha', name_ar: 'هيئة ألفا', name_en: 'Alpha Authority' });
    const beta = await buildAgency(env.t.deps, { code: 'beta', name_ar: 'وزارة بيتا', name_en: 'Beta Ministry' });
    await buildUser(env.t.deps, { email: 'admin@alpha.gov.sa', role: 'agency_admin', agencyId: alpha.id, name: 'سعد المدير' });
    await buildUser(env.t.deps, { email: 'trainer@beta.gov.sa', role: 'agency_editor', agencyId: beta.id, name: 'Trainer Tariq' });
    for (const lang of ['ar', 'en'] as const)
      await buildUser(env.t.deps, {
        email: `learner-${lang}@alpha.gov.sa`,
        role: 'agency_editor',
        agencyId: alpha.id,
        name: lang === 'ar' ? 'هدى العتيبي' : 'Huda Alotaibi',
      });
  });
  after(() => env.close());

  const staffPage = async (email: string, lang: 'ar' | 'en'): Promise<Page> => {
    const page = await (await env.context({ javaScript: false, width: 360 })).newPage();
    await signInAs(page, email, lang);
    return page;
  };
  /** Clicks and waits for the page the server answers with, which must not be an error. */
  const go = async (page: Page, selector: string) => {
    const [res] = await Promise.all([page.waitForNavigation(), page.click(selector)]);
    assert.ok(res && res.status() < 400, `${selector} → ${res?.status()} at ${page.url()}`);
  };

  for (const lang of ['ar', 'en'] as const) {
    it(`enrol → approve → attend → pass → certificate → verify, in ${lang === 'ar' ? 'Arabic' : 'English'}`, async () => {
      const w = words[lang];
      const ctx = systemCtx('test', lang);
      const deps = env.t.deps;
      const today = localDayNumber(TZ, Date.now());
      const title = lang === 'ar' ? 'أساسيات تصميم الخدمات' : 'Service design basics';

      // The office's catalogue: a programme with one question, an offering that began yesterday, its trainer.
      const programme = await createProgramme(deps, ctx, {
        code: `SD-${lang.toUpperCase()}`,
        title_ar: lang === 'ar' ? title : 'أساسيات تصميم الخدمات (إنجليزي)',
        title_en: lang === 'en' ? title : 'Service design basics (Arabic run)',
        description_ar: 'رحلة المستفيد من أول خطوة',
        description_en: 'The user’s journey from the first step',
        audience: 'employees',
        track: 'service_design',
        hours: '3',
        delivery_mode: 'online',
        min_attendance_pct: '100',
        pass_mark_pct: '100',
        max_attempts: '2',
        questions_per_attempt: '1',
      });
      const question = await addQuestion(deps, ctx, programme.id, {
        text_ar: 'بمن يبدأ تصميم الخدمة؟',
        text_en: 'Whom does service design start with?',
        option_1_ar: 'بالنظام',
        option_1_en: 'The system',
        option_2_ar: 'بالمستفيد',
        option_2_en: 'The user',
        correct: '2',
      });
      await setProgrammePublished(deps, ctx, programme.id, true);
      const offering = await createOffering(deps, ctx, programme.id, {
        starts_on: isoDay(today - 1),
        ends_on: isoDay(today + 1),
        online_url: 'https://meet.example.gov.sa/sd',
        capacity: '10',
      });
      await addSession(deps, ctx, offering.id, {
        starts_at: new Date(Date.now() - 3 * 3600_000).toISOString(),
        ends_at: new Date(Date.now() - 3600_000).toISOString(),
      });
      await addTrainer(deps, ctx, offering.id, { email: 'trainer@beta.gov.sa' });
      await setOfferingStatus(deps, ctx, offering.id, { status: 'open' });

      // The employee finds the programme in the console, opens the offering and asks to enrol.
      const learner = await staffPage(`learner-${lang}@alpha.gov.sa`, lang);
      await learner.goto(`/${lang}/console/training`);
      await go(learner, `a[href$="/console/training/programmes/${programme.id}"]`);
      assert.ok((await learner.textContent('h1'))?.includes(title));
      await go(learner, `a[href$="/console/training/offerings/${offering.id}"]`);
      await go(learner, `form[action$="/offerings/${offering.id}/enrol"] button[type=submit]`);
      assert.ok((await learner.textContent('main'))?.includes(w.waiting), (await learner.textContent('main')) ?? '');
      const enrolment = await deps.db
        .selectFrom('training_enrolments')
        .selectAll()
        .where('offering_id', '=', offering.id)
        .executeTakeFirstOrThrow();
      assert.equal(enrolment.status, 'requested');

      // Their agency's administrator approves on the offering's page.
      const admin = await staffPage('admin@alpha.gov.sa', lang);
      await admin.goto(`/${lang}/console/training/offerings/${offering.id}`);
      await go(admin, `form[action$="/enrolments/${enrolment.id}/approve"] button`);
      const approved = await deps.db
        .selectFrom('training_enrolments')
        .select('status')
        .where('id', '=', enrolment.id)
        .executeTakeFirstOrThrow();
      assert.equal(approved.status, 'enrolled');

      // The trainer opens the session's sheet from the offering and marks the employee present.
      const trainer = await staffPage('trainer@beta.gov.sa', lang);
      await trainer.goto(`/${lang}/console/training/offerings/${offering.id}`);
      await go(trainer, 'a[href*="/console/training/sessions/"][href$="/attendance"]');
      await trainer.check(`input[name=present][value="${enrolment.id}"]`);
      await go(trainer, 'form[action$="/attendance"] button[type=submit]');
      assert.ok(await trainer.isChecked(`input[name=present][value="${enrolment.id}"]`), 'the sheet shows the mark saved');

      // The employee takes the assessment from the offering and passes.
      await learner.goto(`/${lang}/console/training/offerings/${offering.id}`);
      await go(learner, `a[href$="/enrolments/${enrolment.id}/assessment"]`);
      await go(learner, 'form[action$="/assessment/start"] button');
      assert.ok((await learner.textContent('main'))?.includes(lang === 'ar' ? 'بمن يبدأ تصميم الخدمة' : 'Whom does service design'));
      await learner.check(`input[name=q_${question.id}][value="1"]`);
      await go(learner, `form[action$="/enrolments/${enrolment.id}/assessment"] button[type=submit]`);

      // The record shows the completion and links the certificate.
      await learner.goto(`/${lang}/console/training`);
      await go(learner, 'a[href$="/console/training/record"]');
      const record = (await learner.textContent('main')) ?? '';
      assert.ok(record.includes(w.completed), record);
      const link = await learner.getAttribute('a[href*="/verify/"]', 'href');
      const serial = /\/verify\/([^/?#]+)/.exec(link ?? '')?.[1] ?? '';
      assert.ok(serial, String(link));
      const stored = await deps.db.selectFrom('credentials').selectAll().where('serial', '=', serial).executeTakeFirstOrThrow();
      assert.equal(stored.source, 'training');
      assert.equal(stored.recipient_name, lang === 'ar' ? 'هدى العتيبي' : 'Huda Alotaibi');

      // A visitor without an account types the serial into the public verification page.
      const visitor = await (await env.context({ javaScript: false, width: 360 })).newPage();
      await visitor.goto(`/${lang}/verify`);
      await visitor.fill('form[method=get] [name=serial]', serial.toLowerCase());
      await go(visitor, 'form[method=get] button[type=submit]');
      assert.ok(new URL(visitor.url()).pathname.endsWith(`/${lang}/verify/${serial}`), visitor.url());
      const verified = (await visitor.textContent('main')) ?? '';
      assert.ok(verified.includes(w.valid), verified);
      assert.ok(verified.includes(title), verified);
      assert.ok(verified.includes(stored.recipient_name), verified);
      const pdf = await visitor.request.get(`/${lang}/verify/${serial}/certificate.pdf`);
      assert.equal(pdf.status(), 200);
      assert.equal((await pdf.body()).subarray(0, 5).toString(), '%PDF-');
    });
  }
});
