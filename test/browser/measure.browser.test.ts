import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { PDF, smallFrameworkJson } from '../../src/modules/measure/testing.ts';
import { shot, signInAs, startBrowser } from '../helpers/browser.ts';
import { buildService } from '../helpers/catalog.ts';
import { buildAgency, buildUser } from '../helpers/factories.ts';

// The whole measurement round in Chromium, through the real pages: the program office imports a
// framework and opens a round; the agency answers (without JavaScript, then with autosave) and
// attaches evidence; its administrator signs off; a reviewer returns an answer; the agency
// responds and resubmits; the program office finalises and publishes; leadership reads the report.

describe('a measurement round in Chromium', () => {
  let env: Awaited<ReturnType<typeof startBrowser>>;
  const dir = mkdtempSync(join(tmpdir(), 'yusr-measure-browser-'));
  const files = { framework: join(dir, 'framework.json'), evidence: join(dir, 'sites.pdf') };
  const state = { round: 0, agency: 0 };
  const contexts: BrowserContext[] = [];

  before(async () => {
    env = await startBrowser();
    const a = await buildAgency(env.t.deps, { code: 'moh', name_ar: 'وزارة الصحة', name_en: 'Ministry of Health' });
    state.agency = a.id;
    await buildService(env.t.deps, a.id);
    await buildUser(env.t.deps, { email: 'admin@program.sa', role: 'program_admin', name: 'Noura' });
    await buildUser(env.t.deps, { email: 'reviewer@program.sa', role: 'program_reviewer', name: 'Khalid' });
    await buildUser(env.t.deps, { email: 'leader@program.sa', role: 'leadership_viewer', name: 'Leader' });
    await buildUser(env.t.deps, { email: 'editor@moh.sa', role: 'agency_editor', agencyId: a.id, name: 'Fahad' });
    await buildUser(env.t.deps, { email: 'admin@moh.sa', role: 'agency_admin', agencyId: a.id, name: 'Sara' });
    writeFileSync(files.framework, JSON.stringify(smallFrameworkJson()));
    writeFileSync(files.evidence, PDF);
  });
  after(async () => {
    for (const c of contexts) await c.close();
    await env.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A signed-in page for one person; confirmations are accepted as a person would. */
  async function as(email: string, opts: { javaScript?: boolean } = {}): Promise<Page> {
    const ctx = await env.context(opts);
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
  const sheet = () => `/en/console/measure/rounds/${state.round}/agencies/${state.agency}`;

  it('the program office imports a framework, publishes it, and opens a round', async () => {
    const page = await as('admin@program.sa');
    await page.goto('/en/console/measure/frameworks/import');
    await page.setInputFiles('#f-file', files.framework);
    await click(page, 'Validate and import');
    assert.match((await page.textContent('h1')) ?? '', /Small framework/);
    await click(page, 'Publish the framework');
    assert.match((await page.textContent('.notice')) ?? '', /Framework published/);

    await page.goto('/en/console/measure/rounds/new');
    const day = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
    await page.fill('#f-code', '1447-1448');
    await page.fill('#f-name_ar', 'قياس التحول ١٤٤٧');
    await page.fill('#f-name_en', 'Transformation measurement 1447');
    await page.fill('#f-period_from', day(-365));
    await page.fill('#f-period_to', day(-1));
    await page.fill('#f-opens_on', day(-1));
    await page.fill('#f-closes_on', day(30));
    await page.check('#f-scope-0');
    await click(page, 'Save');
    state.round = Number(/rounds\/(\d+)$/.exec(page.url())?.[1]);
    assert.ok(state.round > 0);
    await click(page, 'Open the round to agencies');
    assert.match((await page.textContent('.notice')) ?? '', /Round opened/);
  });

  it('an editor answers a section and attaches evidence without JavaScript', async () => {
    const page = await as('editor@moh.sa', { javaScript: false });
    await page.goto(`/en/console/measure/rounds/${state.round}`);
    await Promise.all([page.waitForURL(/agencies/), page.getByRole('link', { name: 'Answer the questions' }).click()]);
    await page.check('#f-a_q-yes-0');
    await page.fill('#f-a_q-pct', '80');
    await page.check('#f-na_q-na');
    await click(page, 'Save this section');
    assert.match((await page.textContent('.notice')) ?? '', /Answers saved/);
    assert.equal(await page.inputValue('#f-a_q-pct'), '80');

    await page.goto(`${sheet()}/questions/q.pct`);
    await page.setInputFiles('#f-file', files.evidence);
    await page.fill('#f-filename', 'List of sites');
    await click(page, 'Upload');
    assert.match((await page.textContent('table')) ?? '', /List of sites\.pdf/);
    await shot(page, 'measure-question');
  });

  it('the answer form saves by itself as the editor goes (script island)', async () => {
    const page = await as('editor@moh.sa');
    await page.goto(`${sheet()}?section=services`);
    await page.check('#f-a_q-level-1');
    await page.fill('#f-a_q-days', '5');
    await page.locator('#f-a_q-days').blur();
    await page.waitForFunction(() => /Saved automatically/.test(document.querySelector('.autosave-status')?.textContent ?? ''), null, {
      timeout: 10_000,
    });
    await page.reload();
    assert.equal(await page.inputValue('#f-a_q-days'), '5');
    assert.equal(await page.isChecked('#f-a_q-level-1'), true);
    await shot(page, 'measure-sheet');
  });

  it('the agency administrator signs off and submits', async () => {
    const page = await as('admin@moh.sa');
    await page.goto(`${sheet()}/submit`);
    await page.check('#f-attest-0');
    await click(page, 'Sign off and submit');
    assert.match((await page.textContent('.notice')) ?? '', /Answers submitted/);
  });

  it('a reviewer returns an answer; the agency responds and resubmits', async () => {
    const reviewer = await as('reviewer@program.sa');
    await reviewer.goto(`${sheet()}/questions/q.pct`);
    await reviewer.check('#f-decision-2');
    await reviewer.fill('#f-reason', 'The list covers the head office only');
    await click(reviewer, 'Save the decision');
    assert.match((await reviewer.textContent('.notice')) ?? '', /Review decision saved/);

    const editor = await as('editor@moh.sa', { javaScript: false });
    await editor.goto(`${sheet()}?section=infra`);
    assert.match((await editor.textContent('main')) ?? '', /The reviewer returned this answer: The list covers the head office only/);
    await editor.fill('#f-a_q-pct', '95');
    await editor.fill('#f-r_q-pct', 'All 12 sites are now listed');
    await click(editor, 'Save this section');
    assert.match((await editor.textContent('.notice')) ?? '', /Answers saved/);

    const admin = await as('admin@moh.sa');
    await admin.goto(`${sheet()}/submit`);
    await admin.check('#f-attest-0');
    await click(admin, 'Sign off and resubmit');
    assert.match((await admin.textContent('.notice')) ?? '', /Answers submitted/);

    await reviewer.goto(sheet());
    await click(reviewer, 'Accept every answer awaiting review');
    assert.match((await reviewer.textContent('.notice')) ?? '', /Answers awaiting review accepted/);
  });

  it('the program office closes, finalises and publishes; everyone sees the results', async () => {
    const page = await as('admin@program.sa');
    await page.goto(`/en/console/measure/rounds/${state.round}`);
    await click(page, 'Close the round now');
    await click(page, 'Finalise results and lock the round');
    assert.match((await page.textContent('.notice')) ?? '', /Results finalised/);
    await click(page, 'Publish the results');
    assert.match((await page.textContent('.notice')) ?? '', /Results published/);

    const editor = await as('editor@moh.sa');
    await editor.goto(`/en/console/measure/rounds/${state.round}/results/${state.agency}`);
    assert.match((await editor.textContent('h1')) ?? '', /Scorecard of Ministry of Health/);
    assert.match((await editor.textContent('main')) ?? '', /Lifted the score most/);
  });

  it('leadership reads the bilingual report and downloads it as PDF', async () => {
    const page = await as('leader@program.sa');
    await page.goto(`/ar/console/measure/rounds/${state.round}/report`);
    assert.match((await page.textContent('h1')) ?? '', /تقرير قياس التحول الرقمي الحكومي/);
    assert.match((await page.textContent('table.ranking')) ?? '', /وزارة الصحة/);
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.isVisible('.site-header'), false, 'print CSS hides the console around the report');
    await page.emulateMedia({ media: 'screen' });
    await shot(page, 'measure-report');
    const pdf = await page.request.get(`/measure/rounds/${state.round}/report.pdf?lang=ar`);
    assert.equal(pdf.status(), 200);
    assert.equal((await pdf.body()).subarray(0, 5).toString(), '%PDF-');
  });
});
