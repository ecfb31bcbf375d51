import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { axe, shot, signInAs, startBrowser } from '../helpers/browser.ts';
import { buildUser } from '../helpers/factories.ts';
import type { SampleBuilder } from './a11y/types.ts';

/**
 * Routes that answer with a file or a redirect, not a page: those named by a file extension, and
 * these (an export, stored attachments, and the beneficiary's redirect to their identity provider).
 */
const DOWNLOADS = [
  '/console/catalog/export',
  '/console/award/attachments/:id',
  '/award/entrant/attachments/:id',
  '/console/training/assignments/:id/file',
  '/my-data/sign-in/:provider',
];
const ONLY = process.env.A11Y_ONLY;
const isDownload = (path: string) => DOWNLOADS.includes(path) || /\.(csv|xlsx|pdf|ics|json|jsonld|ttl|xml|zip|docx)$/.test(path);

/**
 * Every HTML page, in Arabic and English, must have zero axe-core violations. The list of pages
 * comes from the route inventory; each module's sample file under ./a11y gives an address for its
 * pages, and a page without one fails this test.
 */
describe('accessibility of every page (axe-core)', () => {
  let env: Awaited<ReturnType<typeof startBrowser>>;
  const samples = new Map<string, string>();
  let page: Page;

  before(async () => {
    env = await startBrowser();
    const admin = await buildUser(env.t.deps, { email: 'admin@example.gov.sa', role: 'program_admin', name: 'نورة القحطاني' });
    // A11Y_ONLY=award checks one module's samples while working on it; the whole suite checks them all.
    const files = readdirSync(new URL('./a11y/', import.meta.url)).filter(
      (f) => f.endsWith('.ts') && f !== 'types.ts' && (!ONLY || f.startsWith(ONLY)),
    );
    for (const f of files.sort()) {
      const build = (await import(`./a11y/${f}`)).default as SampleBuilder;
      for (const [k, v] of Object.entries(await build({ deps: env.t.deps, adminEmail: admin.email, drain: env.t.drain })))
        samples.set(k, v);
    }
    const ctx = await env.context();
    page = await ctx.newPage();
    await signInAs(page, admin.email);
  });
  after(() => env.close());

  it('knows a sample address for every page route', { skip: ONLY ? `A11Y_ONLY=${ONLY}` : false }, () => {
    const pages = env.t.app.routeInventory
      .filter((r) => r.method === 'GET' && r.url.startsWith('/ar'))
      .map((r) => r.url.slice(3) || '/')
      .filter((p) => !isDownload(p));
    const missing = pages.filter((p) => !samples.has(p));
    assert.deepEqual(missing, [], 'add a sample URL for these new pages in test/browser/a11y/');
  });

  it('breaks no content-security-policy rule on any page (no inline script or style)', async () => {
    const strict = await (await env.context({ csp: true })).newPage();
    const refusals: string[] = [];
    strict.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) refusals.push(`${strict.url()}: ${m.text().slice(0, 200)}`);
    });
    await signInAs(strict, 'admin@example.gov.sa');
    for (const path of samples.values()) await strict.goto(`/ar${path}`);
    assert.deepEqual(refusals, []);
  });

  for (const lang of ['ar', 'en'] as const) {
    it(`has no violations on any page in ${lang === 'ar' ? 'Arabic' : 'English'}, at 1280 px and at 360 px, and reflows at 360 px`, async () => {
      const failures: string[] = [];
      for (const [route, path] of samples) {
        const url = `/${lang}${path}`;
        await page.setViewportSize({ width: 1280, height: 900 });
        const res = await page.goto(url);
        assert.ok(res && res.status() < 400, `${url} answered ${res?.status()}`);
        const v = await axe(page);
        if (v.length) failures.push(`${url} (${route}) at 1280 px: ${JSON.stringify(v, null, 1)}`);
        await shot(page, `${lang}${path.replace(/[/:?=&]+/g, '_')}`);
        // The same page on a phone: the layout reflows without a reload.
        await page.setViewportSize({ width: 360, height: 780 });
        const narrow = await axe(page);
        if (narrow.length) failures.push(`${url} (${route}) at 360 px: ${JSON.stringify(narrow, null, 1)}`);
        // WCAG 1.4.10 Reflow: no scrolling in two directions (wide tables scroll inside their own box).
        const wide = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        if (wide > 1) failures.push(`${url} (${route}) at 360 px: the page scrolls sideways by ${wide} px`);
      }
      assert.equal(failures.length, 0, failures.join('\n'));
    });

    // The error states use the catalog's and identity's samples' data: with A11Y_ONLY they are left to the whole run.
    it(`has no violations on error states in ${lang === 'ar' ? 'Arabic' : 'English'}`, {
      skip: ONLY ? `A11Y_ONLY=${ONLY}` : false,
    }, async () => {
      const failures: string[] = [];
      const check = async (p: Page, name: string) =>
        failures.push(...(await axe(p)).map((v) => `${name}: ${v.id} ${JSON.stringify(v.nodes)}`));
      await page.goto(`/${lang}/console/agencies/new`);
      await page.click('form.panel button[type=submit]');
      await check(page, 'agency form errors');
      await page.goto(`/${lang}/services?q=${encodeURIComponent('لا شيء يطابق هذا البحث')}`);
      await check(page, 'no results');
      await page.goto(`/${lang}/console/services/new`);
      await page.fill('#f-identifier', 'Bad Id');
      await page.click('form.service-form button[type=submit]');
      await check(page, 'service form errors');
      await shot(page, `${lang}-service-form-errors`);
      await page.goto(`/${lang}/no-such-page`);
      await check(page, '404');
      const anon = await (await env.context()).newPage();
      await anon.goto(`/${lang}/sign-in`);
      await anon.click('form.panel button[type=submit]');
      await check(anon, 'sign-in errors');
      assert.deepEqual(failures, []);
    });
  }
});
