import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { complaint, submitCase } from '../../src/modules/feedback/testing.ts';
import { freePort, startTestProvider, type TestProvider } from '../../src/modules/identity/testing.ts';
import { systemCtx } from '../../src/platform/auth/actor.ts';
import { axe, signInAs, startBrowser } from '../helpers/browser.ts';
import { buildAgency, buildUser } from '../helpers/factories.ts';

const P = 'nafath';
const words = {
  ar: { signIn: 'الدخول عبر النفاذ الوطني', items: 'ما لدينا عنك', download: 'نزّل بياناتي', save: 'حفظ القرار' },
  en: { signIn: 'Sign in with National SSO', items: 'My items', download: 'Download my data', save: 'Save the decision' },
} as const;

/**
 * The issue's journey for a beneficiary with the national provider, in Chromium without JavaScript
 * on Yusr's pages at 360 px, in Arabic and in English: they sign in at a real OpenID provider
 * (oidc-provider, its own login and consent pages), come back to My data, see their complaint among
 * their items and not another person's, download the archive holding it, ask for erasure; the
 * program office approves it in its queue, and signing in again shows nothing held about them.
 */
describe('privacy: a beneficiary signs in with the national provider, in Chromium, both languages', () => {
  let env: Awaited<ReturnType<typeof startBrowser>>;
  let op: TestProvider;
  let agencyId = 0;

  before(async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    op = await startTestProvider(base, P);
    env = await startBrowser(
      {
        BASE_URL: base,
        OIDC_PROVIDERS: P,
        OIDC_NAFATH_ISSUER: op.issuer,
        OIDC_NAFATH_CLIENT_ID: 'yusr',
        OIDC_NAFATH_CLIENT_SECRET: 'yusr-client-secret-for-tests-only-0123456789',
        OIDC_NAFATH_SCOPES: 'openid email phone',
        OIDC_NAFATH_FOR: 'beneficiaries',
        OIDC_NAFATH_NAME_AR: 'النفاذ الوطني',
        OIDC_NAFATH_NAME_EN: 'National SSO',
      },
      { port },
    );
    agencyId = (await buildAgency(env.t.deps, { code: 'sso-moh', name_ar: 'وزارة الصحة', name_en: 'Ministry of Health' })).id;
    await buildUser(env.t.deps, { email: 'office@sso.gov.sa', role: 'program_admin', name: 'ليلى' });
    // Someone else's complaint, which must never show among the person's items.
    await submitCase(
      env.t.deps,
      { ...systemCtx('browser-test'), ip: '192.0.2.9' },
      complaint(agencyId, { contact_email: 'someone.else@example.sa', subject: 'Another person entirely' }),
    );
  });
  after(async () => {
    await env?.close();
    await op?.close();
  });

  /** From My data through the provider's own login and consent pages, back to My data. */
  const signInAtProvider = async (page: Page, lang: 'ar' | 'en', account: string) => {
    await page.goto(`/${lang}/my-data`);
    await page.click(`a:has-text("${words[lang].signIn}")`);
    await page.waitForURL((u) => u.href.startsWith(op.issuer));
    await page.fill('input[name=login]', account);
    await page.fill('input[name=password]', 'any');
    await page.click('button[type=submit]');
    // The provider asks for consent the first time; its button submits the consent form.
    if (page.url().startsWith(op.issuer)) await page.click('button[type=submit]');
    await page.waitForURL(/\/my-data$/);
  };

  for (const lang of ['ar', 'en'] as const) {
    it(`signs in → sees their items → downloads → asks for erasure → the office approves, in ${lang === 'ar' ? 'Arabic' : 'English'}`, async () => {
      const w = words[lang];
      const email = `citizen.${lang}@example.sa`;
      const subject = `Road repair request ${lang} ${Date.now()}`;
      op.accounts.set(`citizen-${lang}`, { email, email_verified: true, name: 'مواطن' });
      await submitCase(
        env.t.deps,
        { ...systemCtx('browser-test'), ip: `192.0.2.${lang === 'ar' ? 1 : 2}` },
        complaint(agencyId, { contact_email: email, subject }),
      );

      // The provider's pages are its own; Yusr's pages run without JavaScript at 360 px.
      const ctx = await env.context({ javaScript: false, width: 360 });
      const person = await ctx.newPage();
      await signInAtProvider(person, lang, `citizen-${lang}`);
      const page = await person.content();
      assert.ok(page.includes(w.items), 'the items section');
      assert.ok(page.includes(email), 'signed in as their address');
      assert.ok(page.includes(subject), 'their complaint is among their items');
      assert.ok(!page.includes('Another person entirely'), "another person's complaint never shows");
      assert.equal(await person.getAttribute('html', 'dir'), lang === 'ar' ? 'rtl' : 'ltr');
      // No account and no staff session: the console still asks for a sign-in.
      assert.match((await ctx.request.get(`/${lang}/console`, { maxRedirects: 0 })).headers().location ?? '', /sign-in/);

      const [download] = await Promise.all([person.waitForEvent('download'), person.click(`button:has-text("${w.download}")`)]);
      const zip = await readFile(await download.path());
      assert.equal(zip.subarray(0, 4).toString('hex'), '504b0304', 'a ZIP archive');
      assert.ok(zip.includes(Buffer.from(subject)), 'the archive holds the complaint');
      assert.ok(!zip.includes(Buffer.from('Another person entirely')), "and nothing of another person's");

      await person.fill('[name=erasure_details]', 'Please delete everything you hold about me');
      await Promise.all([person.waitForURL(/\/my-data$/), person.click('form[action$="/my-data/erasure"] button')]);
      const request = await env.t.deps.db
        .selectFrom('privacy_requests')
        .selectAll()
        .where('email', '=', email)
        .where('kind', '=', 'erasure')
        .executeTakeFirstOrThrow();
      assert.equal(request.status, 'received');

      const office = await (await env.context({ javaScript: false, width: 360 })).newPage();
      await signInAs(office, 'office@sso.gov.sa', lang);
      await office.goto(`/${lang}/console/privacy/requests`);
      await office.click(`a[href$="/console/privacy/requests/${request.id}"]`);
      await office.selectOption('[name=action]', 'complete');
      await Promise.all([office.waitForLoadState(), office.click(`button:has-text("${w.save}")`)]);
      const done = await env.t.deps.db
        .selectFrom('privacy_requests')
        .select('status')
        .where('id', '=', request.id)
        .executeTakeFirstOrThrow();
      assert.equal(done.status, 'completed');

      // Signed in again, a fresh page holds nothing about them; the other person's complaint stays.
      const again = await (await env.context({ javaScript: false, width: 360 })).newPage();
      await signInAtProvider(again, lang, `citizen-${lang}`);
      assert.ok(!(await again.content()).includes(subject), 'the complaint is gone from their items');
      const others = await env.t.deps.db
        .selectFrom('feedback_cases')
        .select('id')
        .where('contact_email', '=', 'someone.else@example.sa')
        .execute();
      assert.equal(others.length, 1);

      // The signed-in page passes axe (scripts on, for axe itself).
      const checked = await (await env.context()).newPage();
      await signInAtProvider(checked, lang, `citizen-${lang}`);
      assert.deepEqual(await axe(checked), [], 'My data after the provider sign-in');
    });
  }
});
