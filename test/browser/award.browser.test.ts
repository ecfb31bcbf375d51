import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { addBranch, createCycle } from '../../src/modules/award/testing.ts';
import { systemCtx } from '../../src/platform/auth/actor.ts';
import { isoDay, localDayNumber } from '../../src/platform/i18n/dates.ts';
import { signInAs, startBrowser } from '../helpers/browser.ts';
import { buildService } from '../helpers/catalog.ts';
import { buildAgency, buildUser } from '../helpers/factories.ts';
import { TestSmtp } from '../helpers/smtp.ts';

const TZ = 'Asia/Riyadh';
const words = {
  ar: { submitted: 'مقدَّم', winner: 'الفائز', valid: 'صالحة', won: 'فاز' },
  en: { submitted: 'Submitted', winner: 'Winner', valid: 'Valid', won: 'has won' },
} as const;

/**
 * An edition's whole life in Chromium without JavaScript, at 360 px, in Arabic and in English, each
 * step by the person whose job it is: the agency's administrator nominates its live service and
 * submits; the program office screens it eligible, seats a judge and runs the assignment; the judge
 * scores it; a reviewer proposes it as the branch's winner with a citation, the program administrator
 * approves and publishes; anyone reads the public results and verifies the signed certificate (and
 * downloads its PDF); the agency's administrator is emailed in the language they chose (real SMTP on loopback through the outbox). Axe cannot run
 * without JavaScript; the accessibility suite checks these pages.
 */
describe('award end to end in Chromium, both languages', () => {
  let env: Awaited<ReturnType<typeof startBrowser>>;
  const smtp = new TestSmtp();
  let service = '';
  let judgeId = 0;

  before(async () => {
    await smtp.start();
    env = await startBrowser({ SMTP_URL: smtp.url });
    const agency = await buildAgency(env.t.deps, { code: 'alpha', name_ar: 'هيئة ألفا', name_en: 'Alpha Authority' });
    service = (await buildService(env.t.deps, agency.id, { identifier: 'alpha-permits' })).identifier;
    await buildUser(env.t.deps, { email: 'admin@alpha.gov.sa', role: 'agency_admin', agencyId: agency.id, name: 'سعد' });
    await buildUser(env.t.deps, { email: 'office@program.sa', role: 'program_admin', name: 'Office Admin' });
    await buildUser(env.t.deps, { email: 'reviewer@program.sa', role: 'program_reviewer', name: 'Reviewer' });
    judgeId = (await buildUser(env.t.deps, { email: 'judge@program.sa', role: 'judge', name: 'Judge One' })).id;
  });
  after(async () => {
    await env.close();
    await smtp.stop();
  });

  const staffPage = async (email: string, lang: 'ar' | 'en'): Promise<Page> => {
    const page = await (await env.context({ javaScript: false, width: 360 })).newPage();
    await signInAs(page, email, lang);
    return page;
  };
  /** Clicks a form's submit button and waits for the page the server answers with. */
  const submit = async (page: Page, selector: string) => {
    const [res] = await Promise.all([page.waitForNavigation(), page.click(selector)]);
    assert.ok(res && res.status() < 400, `${selector} → ${res?.status()} at ${page.url()}`);
  };

  for (const [i, lang] of (['ar', 'en'] as const).entries()) {
    it(`nominate → screen → assign → score → decide → publish → certificate, in ${lang === 'ar' ? 'Arabic' : 'English'}`, async () => {
      const w = words[lang];
      const number = 10 + i;
      const today = localDayNumber(TZ, Date.now());
      const ctx = systemCtx('test', lang);
      const cycle = await createCycle(env.t.deps, ctx, {
        number: String(number),
        name_ar: `الدورة ${number}`,
        name_en: `Edition ${number}`,
        rules_ar: 'الشروط',
        rules_en: 'The rules',
        announced_on: isoDay(today - 30),
        nominations_open_at: `${isoDay(today - 20)}T00:00`,
        nominations_close_at: `${isoDay(today + 20)}T23:59:59`,
        screening_ends_on: isoDay(today + 30),
        judging_ends_on: isoDay(today + 50),
        results_on: isoDay(today + 60),
        judges_per_nomination: '1',
      });
      const branch = await addBranch(env.t.deps, ctx, cycle.id, {
        code: `e-service-${lang}`,
        name_ar: 'أفضل خدمة إلكترونية',
        name_en: 'Best e-service',
        description_ar: 'خدمة حيّة في الدليل',
        description_en: 'A live service in the catalog',
        nominee_kind: 'agency',
        requires_live_service: 'on',
        scale_max: '5',
        c1_name_ar: 'الأثر',
        c1_name_en: 'Impact',
        c1_weight: '3',
        c2_name_ar: 'الابتكار',
        c2_name_en: 'Innovation',
        c2_weight: '1',
      });
      const title = lang === 'ar' ? 'تصاريح ألفا في دقائق' : 'Alpha permits in minutes';

      // The agency's administrator (who reads email in this language) nominates the live service and submits.
      const agency = await staffPage('admin@alpha.gov.sa', lang);
      await agency.goto(`/${lang}/account`);
      await agency.selectOption('form[action$="/account/profile"] [name=locale]', lang);
      await submit(agency, 'form[action$="/account/profile"] button[type=submit]');
      await agency.goto(`/${lang}/console/award/${cycle.id}/nominations/new`);
      await agency.selectOption('[name=branch_id]', String(branch.id));
      await agency.fill('[name=title_ar]', title);
      await agency.fill('[name=title_en]', `${title} (en)`);
      await agency.fill('[name=summary]', 'Permits issued in minutes instead of weeks.');
      await agency.fill('[name=service]', service);
      await submit(agency, `form[action$="/nominations/new"] button[type=submit]`);
      const nomination = Number(/nominations\/(\d+)$/.exec(new URL(agency.url()).pathname)?.[1]);
      assert.ok(nomination > 0, agency.url());
      await submit(agency, 'form[action$="/submit"] button');
      assert.ok((await agency.textContent('main'))?.includes(w.submitted));

      // The office screens it eligible, seats the judge and runs the assignment.
      const office = await staffPage('office@program.sa', lang);
      await office.goto(`/${lang}/console/award/nominations/${nomination}`);
      await office.selectOption('[name=decision]', 'eligible');
      await submit(office, 'form[action$="/screen"] button[type=submit]');
      await office.goto(`/${lang}/console/award/${cycle.id}/panel`);
      await office.selectOption(`form[action$="/judges"] [name=user_id]`, String(judgeId));
      await submit(office, 'form[action$="/judges"] button[type=submit]');
      await submit(office, `form[action$="/${cycle.id}/assign"] button`);
      assert.ok((await office.textContent('main'))?.includes('Judge One'));

      // The judge finds it in their list and scores it.
      const judge = await staffPage('judge@program.sa', lang);
      await judge.goto(`/${lang}/console/award/${cycle.id}/judging`);
      await Promise.all([judge.waitForNavigation(), judge.click(`a[href$="/console/award/nominations/${nomination}"]`)]);
      await judge.fill('[name=score_c1]', lang === 'ar' ? '٥' : '5');
      await judge.fill('[name=score_c2]', '4');
      await judge.fill('[name=comment]', 'Clear impact.');
      await submit(judge, 'form[action$="/review"] button[value=submit]');
      const review = await env.t.deps.db
        .selectFrom('award_reviews')
        .select(['status', 'scores_json'])
        .where('nomination_id', '=', nomination)
        .executeTakeFirstOrThrow();
      assert.equal(review.status, 'submitted');
      assert.equal(JSON.parse(review.scores_json).c1.score, 5, 'Arabic-Indic digits read as numbers');

      // A reviewer proposes the winner with a citation; the program administrator approves and publishes.
      const reviewer = await staffPage('reviewer@program.sa', lang);
      await reviewer.goto(`/${lang}/console/award/${cycle.id}/results`);
      await reviewer.selectOption(`[name=outcome_${nomination}]`, 'winner');
      await reviewer.fill(`[name=citation_ar_${nomination}]`, 'لأنها اختصرت أسابيع في دقائق.');
      await reviewer.fill(`[name=citation_en_${nomination}]`, 'For turning weeks into minutes.');
      await submit(reviewer, `form[action$="/branches/${branch.id}/decision"] button[type=submit]`);
      await office.goto(`/${lang}/console/award/${cycle.id}/results`);
      await submit(office, `form[action$="/branches/${branch.id}/approve"] button`);
      await submit(office, `form[action$="/${cycle.id}/publish"] button`);

      // Anyone reads the results and verifies the certificate.
      const visitor = await (await env.context({ javaScript: false, width: 360 })).newPage();
      await visitor.goto(`/${lang}/award/${number}`);
      const results = (await visitor.textContent('main')) ?? '';
      assert.ok(results.includes(title), results);
      assert.ok(results.includes(w.winner), results);
      assert.ok(results.includes(lang === 'ar' ? 'اختصرت أسابيع' : 'turning weeks into minutes'), results);
      await Promise.all([visitor.waitForNavigation(), visitor.click('a[href*="/verify/"]')]);
      const verified = (await visitor.textContent('main')) ?? '';
      assert.ok(verified.includes(w.valid), verified);
      const pdf = await visitor.request.get(`${new URL(visitor.url()).pathname}/certificate.pdf`);
      assert.equal(pdf.status(), 200);
      assert.equal((await pdf.body()).subarray(0, 5).toString(), '%PDF-');

      // The nominating agency hears it won, in its administrator's language.
      let told = false;
      for (let n = 0; n < 50 && !told; n++) {
        await env.t.drain();
        told = smtp.to('admin@alpha.gov.sa').some((m) => (m.parsed.subject ?? '').includes(w.won));
        if (!told) await new Promise((r) => setTimeout(r, 100));
      }
      assert.ok(
        told,
        smtp
          .to('admin@alpha.gov.sa')
          .map((m) => m.parsed.subject)
          .join(' | '),
      );
    });
  }
});
