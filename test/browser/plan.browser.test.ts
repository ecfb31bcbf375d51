import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import {
  addMilestone,
  addPeriod,
  addTrack,
  createInitiative,
  createPlan,
  setPlanStatus,
  setPublished,
} from '../../src/modules/plan/testing.ts';
import { systemCtx } from '../../src/platform/auth/actor.ts';
import { signInAs, startBrowser } from '../helpers/browser.ts';
import { buildAgency, buildUser } from '../helpers/factories.ts';

// A period report's maker-checker in Chromium, through the real pages and in both languages: the
// agency's editor drafts it in Arabic, its administrator submits it, the program office returns it
// in English with a comment, the editor corrects it, it is resubmitted and accepted, and the public
// initiative page shows it in its history.

describe('a period report in Chromium, in Arabic and English', () => {
  let env: Awaited<ReturnType<typeof startBrowser>>;
  const ids = { initiative: 0, q1: 0, milestone: 0, report: 0 };
  const contexts: BrowserContext[] = [];

  before(async () => {
    env = await startBrowser();
    const deps = env.t.deps;
    const a = await buildAgency(deps, { code: 'dga', name_ar: 'هيئة الحكومة الرقمية', name_en: 'Digital Government Authority' });
    await buildUser(deps, { email: 'reviewer@program.sa', role: 'program_reviewer', name: 'Khalid' });
    await buildUser(deps, { email: 'editor@dga.sa', role: 'agency_editor', agencyId: a.id, name: 'Fahad' });
    await buildUser(deps, { email: 'admin@dga.sa', role: 'agency_admin', agencyId: a.id, name: 'Sara' });
    const sys = systemCtx('test');
    const plan = await createPlan(deps, sys, {
      code: 'ep2',
      name_ar: 'الخطة التنفيذية الثانية',
      name_en: 'Second executive plan',
      period_from: '2025-01-01',
      period_to: '2026-12-31',
    });
    const track = await addTrack(deps, sys, plan.id, { name_ar: 'البنية التحتية', name_en: 'Infrastructure', weight: '1' });
    ids.q1 = (
      await addPeriod(deps, sys, plan.id, { code: '2025-Q1', starts_on: '2025-01-01', ends_on: '2025-03-31', due_on: '2025-04-21' })
    ).id;
    ids.initiative = (
      await createInitiative(deps, sys, plan.id, {
        code: 'INF-01',
        name_ar: 'الشبكة الحكومية الآمنة',
        name_en: 'Secure government network',
        objective_ar: 'ربط الجهات',
        objective_en: 'Connect the agencies',
        track_id: String(track.id),
        owner_agency_id: String(a.id),
        weight: '1',
        planned_start: '2025-01-01',
        planned_end: '2025-12-31',
        budget_sar: '5000000',
      })
    ).id;
    ids.milestone = (
      await addMilestone(deps, sys, ids.initiative, {
        name_ar: 'المتطلبات',
        name_en: 'Requirements',
        weight: '1',
        planned_date: '2025-02-15',
      })
    ).id;
    await setPlanStatus(deps, sys, plan.id, { status: 'approved' });
    await setPlanStatus(deps, sys, plan.id, { status: 'active' });
    await setPublished(deps, sys, 'plan', plan.id, true);
    await setPublished(deps, sys, 'initiative', ids.initiative, true);
  });
  after(async () => {
    for (const c of contexts) await c.close();
    await env.close();
  });

  async function as(email: string): Promise<Page> {
    const ctx = await env.context();
    contexts.push(ctx);
    const page = await ctx.newPage();
    page.on('dialog', (d) => void d.accept());
    await signInAs(page, email);
    return page;
  }
  const click = async (page: Page, name: string | RegExp) => {
    await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name }).first().click()]);
    await page.waitForLoadState('load');
  };
  const reportUrl = (lang: string) => `/${lang}/console/plans/initiatives/${ids.initiative}/reports/${ids.q1}`;
  const status = async () =>
    (await env.t.deps.db
      .selectFrom('plan_reports')
      .select(['id', 'status'])
      .where('initiative_id', '=', ids.initiative)
      .executeTakeFirst()) ?? {
      id: 0,
      status: 'missing',
    };

  it('the editor drafts in Arabic and the administrator submits', async () => {
    const editor = await as('editor@dga.sa');
    await editor.goto(reportUrl('ar'));
    assert.equal(await editor.getAttribute('html', 'dir'), 'rtl');
    await editor.fill('#f-narrative', 'اكتمل جمع المتطلبات.');
    await editor.fill(`#f-ms_${ids.milestone}_actual`, '2025-02-10');
    await click(editor, 'حفظ المسودة');
    assert.equal((await status()).status, 'draft');
    const admin = await as('admin@dga.sa');
    await admin.goto(reportUrl('ar'));
    await click(admin, 'الرفع إلى مكتب البرنامج');
    assert.equal((await status()).status, 'submitted');
  });

  it('the office returns it in English with a comment; the editor corrects it and it is resubmitted', async () => {
    const reviewer = await as('reviewer@program.sa');
    await reviewer.goto(reportUrl('en'));
    await reviewer.locator(`form[action$="/return"] textarea[name=comment]`).fill('Attach the sign-off of the requirements.');
    await click(reviewer, 'Return to the agency');
    assert.equal((await status()).status, 'returned');
    const editor = await as('editor@dga.sa');
    await editor.goto(reportUrl('en'));
    assert.match((await editor.locator('main').textContent()) ?? '', /Attach the sign-off of the requirements\./);
    await editor.fill('#f-narrative', 'Requirements gathered; sign-off attached.');
    await click(editor, 'Save the draft');
    const admin = await as('admin@dga.sa');
    await admin.goto(reportUrl('en'));
    await click(admin, 'Submit to the program office');
    assert.equal((await status()).status, 'submitted');
  });

  it('the office accepts it and the public page shows it in both languages', async () => {
    const reviewer = await as('reviewer@program.sa');
    await reviewer.goto(reportUrl('ar'));
    await click(reviewer, 'القبول والقفل');
    assert.equal((await status()).status, 'accepted');
    const visitor = await (await env.context()).newPage();
    await visitor.goto(`/ar/plans/initiatives/${ids.initiative}`);
    assert.match((await visitor.locator('main').textContent()) ?? '', /قُبل التقرير الدوري/);
    await visitor.goto(`/en/plans/initiatives/${ids.initiative}`);
    const text = (await visitor.locator('main').textContent()) ?? '';
    assert.match(text, /Period report accepted/);
    assert.doesNotMatch(text, /Attach the sign-off/, 'review comments stay off the public page');
  });
});
