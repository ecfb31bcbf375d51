import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { inviteUser } from '../../src/modules/identity/testing.ts';
import { systemCtx } from '../../src/platform/auth/actor.ts';
import { startBrowser } from '../helpers/browser.ts';
import { buildAgency, buildUser } from '../helpers/factories.ts';
import { TestSmtp } from '../helpers/smtp.ts';

/**
 * The account forms as people use them, in Chromium: an invitation accepted from the emailed link
 * and a forgotten password reset from its link (real SMTP on loopback). The forms carry a hidden
 * `username` for password managers, which the server once refused as an unknown field.
 */
describe('activating an account and resetting a password in Chromium', () => {
  let env: Awaited<ReturnType<typeof startBrowser>>;
  const smtp = new TestSmtp();

  before(async () => {
    await smtp.start();
    env = await startBrowser({ SMTP_URL: smtp.url });
  });
  after(async () => {
    await env.close();
    await smtp.stop();
  });

  /** Runs the worker until a mail to `to` arrives, and returns the link in it (pointing at the test server). */
  async function linkMailedTo(to: string, path: string): Promise<string> {
    for (let i = 0; i < 50; i++) {
      await env.t.drain();
      const mail = smtp.to(to).at(-1);
      const link = mail && new RegExp(`http://yusr\\.test(/(ar|en)/${path}/[A-Za-z0-9_-]+)`).exec(mail.parsed.text ?? '')?.[1];
      if (link) return `${env.base}${link}`;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`no ${path} link mailed to ${to}`);
  }

  async function choosePassword(page: Page, password: string, landsOn: RegExp) {
    assert.equal(await page.locator('form.panel input[name=username]').getAttribute('type'), 'hidden');
    await page.fill('input[name=password]', password);
    await page.fill('input[name=confirm]', password);
    await page.click('form.panel button[type=submit]');
    await page.waitForURL(landsOn).catch(async () => {
      throw new Error(`${page.url()} ${await page.textContent('main')}`);
    });
  }

  it('an invited person activates the account from the emailed link and lands in the console', async () => {
    const agency = await buildAgency(env.t.deps);
    await inviteUser(env.t.deps, systemCtx(), {
      email: 'invited@example.gov.sa',
      name: 'Invited Person',
      locale: 'en',
      role: 'agency_editor',
      agency_id: agency.id,
    });
    const link = await linkMailedTo('invited@example.gov.sa', 'invitation');
    const ctx = await env.context();
    const page = await ctx.newPage();
    await page.goto(link);
    await choosePassword(page, 'my own long passphrase here', /\/en\/console$/);
    assert.match(page.url(), /\/en\/console$/);
    assert.doesNotMatch(await page.content(), /Unknown field/);
    assert.match((await page.textContent('header')) ?? '', /Invited Person/);
    await ctx.close();
  });

  it('a person who forgot the password sets a new one from the emailed link and signs in with it', async () => {
    await buildUser(env.t.deps, { email: 'forgetful@example.gov.sa', role: 'program_reviewer', locale: 'ar' });
    const ctx = await env.context();
    const page = await ctx.newPage();
    await page.goto('/ar/password/forgot');
    await page.fill('input[name=email]', 'forgetful@example.gov.sa');
    await Promise.all([page.waitForURL(/sent=1/), page.click('form.panel button[type=submit]')]);
    await page.goto(await linkMailedTo('forgetful@example.gov.sa', 'password/reset'));
    await choosePassword(page, 'a fresh remembered passphrase', /\/ar\/sign-in$/);
    assert.match(page.url(), /\/ar\/sign-in$/);
    assert.doesNotMatch(await page.content(), /حقل غير معروف|Unknown field/);
    await page.fill('input[name=email]', 'forgetful@example.gov.sa');
    await page.fill('input[name=password]', 'a fresh remembered passphrase');
    await Promise.all([page.waitForURL(/\/ar\/console/), page.click('form.panel button[type=submit]')]);
    await ctx.close();
  });
});
