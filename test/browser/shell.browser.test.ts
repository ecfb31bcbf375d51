import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { shot, signInAs, startBrowser } from '../helpers/browser.ts';
import { buildAgency, buildUser } from '../helpers/factories.ts';

describe('the shell in Chromium', () => {
  let env: Awaited<ReturnType<typeof startBrowser>>;
  before(async () => {
    env = await startBrowser();
    const agency = await buildAgency(env.t.deps, { name_ar: 'وزارة الصحة', name_en: 'Ministry of Health' });
    await buildUser(env.t.deps, { email: 'admin@example.gov.sa', role: 'program_admin', name: 'نورة' });
    await buildUser(env.t.deps, { email: 'editor@example.gov.sa', role: 'agency_editor', agencyId: agency.id });
  });
  after(() => env.close());

  it('signs in, switches language and stays on the same page', async () => {
    const ctx = await env.context();
    const page = await ctx.newPage();
    await signInAs(page, 'admin@example.gov.sa', 'ar');
    await page.goto('/ar/console/agencies?kind=ministry');
    assert.equal(await page.getAttribute('html', 'dir'), 'rtl');
    await Promise.all([page.waitForURL('**/en/console/agencies?kind=ministry'), page.click('a[hreflang=en]')]);
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    assert.equal(await page.getAttribute('html', 'dir'), 'ltr');
    assert.match((await page.textContent('h1')) ?? '', /Government agencies/);
    await Promise.all([page.waitForURL('**/ar/console/agencies?kind=ministry'), page.click('a[hreflang=ar]')]);
    assert.match((await page.textContent('h1')) ?? '', /الجهات الحكومية/);
    await ctx.close();
  });

  it('lays Arabic pages out right to left from the same CSS', async () => {
    const ctx = await env.context();
    const page = await ctx.newPage();
    await page.goto('/ar/sign-in');
    const dir = await page.evaluate(() => getComputedStyle(document.body).direction);
    assert.equal(dir, 'rtl');
    const brand = await page.locator('.brand').boundingBox();
    const lang = await page.locator('a[hreflang=en]').boundingBox();
    assert.ok(brand && lang && brand.x > lang.x, 'the brand starts on the right in Arabic');
    await shot(page, 'sign-in-ar');
    await page.goto('/en/sign-in');
    const brandEn = await page.locator('.brand').boundingBox();
    const langAr = await page.locator('a[hreflang=ar]').boundingBox();
    assert.ok(brandEn && langAr && brandEn.x < langAr.x, 'and on the left in English');
    await ctx.close();
  });

  it('can be used with the keyboard alone', async () => {
    const ctx = await env.context();
    const page = await ctx.newPage();
    await page.goto('/en/sign-in');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.className), 'skip-link');
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'main');
    // From the main landmark, tab to the email field, type, tab to the password, type, press Enter.
    for (let i = 0; i < 10 && (await page.evaluate(() => (document.activeElement as HTMLInputElement)?.name)) !== 'email'; i++)
      await page.keyboard.press('Tab');
    await page.keyboard.type('admin@example.gov.sa');
    await page.keyboard.press('Tab');
    await page.keyboard.type('correct-horse-battery-staple');
    await Promise.all([page.waitForURL(/\/en\/console$/), page.keyboard.press('Enter')]);
    assert.match((await page.textContent('h1')) ?? '', /Console/);
    await ctx.close();
  });

  it('shows a visible focus indicator', async () => {
    const ctx = await env.context();
    const page = await ctx.newPage();
    await page.goto('/en/sign-in');
    await page.focus('input[name=email]');
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement as Element).outlineStyle);
    assert.equal(outline, 'solid');
    await ctx.close();
  });

  it('works without JavaScript: sign in and submit a form', async () => {
    const ctx = await env.context({ javaScript: false });
    const page = await ctx.newPage();
    await signInAs(page, 'admin@example.gov.sa');
    await page.goto('/en/console/agencies/new');
    await page.click('form.panel button[type=submit]');
    assert.match((await page.textContent('.error-summary')) ?? '', /There is a problem/);
    await page.fill('#f-name_ar', 'هيئة تجريبية');
    await page.fill('#f-name_en', 'Trial Authority');
    await page.fill('#f-code', 'trial');
    await Promise.all([page.waitForURL(/\/en\/console\/agencies\/\d+$/), page.click('form.panel button[type=submit]')]);
    assert.match((await page.textContent('h1')) ?? '', /Trial Authority/);
    await ctx.close();
  });

  it('fits a 360 px phone screen without sideways scrolling', async () => {
    const ctx = await env.context({ width: 360 });
    const page = await ctx.newPage();
    await signInAs(page, 'admin@example.gov.sa', 'ar');
    for (const url of [
      '/ar/',
      '/ar/sign-in',
      '/ar/console',
      '/ar/console/agencies',
      '/ar/console/users',
      '/ar/console/audit',
      '/en/console/agencies/new',
    ]) {
      await page.goto(url);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 0, `${url} overflows by ${overflow}px at 360px`);
    }
    await shot(page, 'agency-form-360');
    await ctx.close();
  });
});
