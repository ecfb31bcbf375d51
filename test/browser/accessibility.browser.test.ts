import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { requestPasswordReset } from '../../src/modules/identity/auth.service.ts';
import { createToken } from '../../src/modules/identity/tokens.service.ts';
import { inviteUser } from '../../src/modules/identity/users.service.ts';
import { systemCtx } from '../../src/platform/auth/actor.ts';
import { axe, shot, signInAs, startBrowser } from '../helpers/browser.ts';
import { buildAgency, buildUser } from '../helpers/factories.ts';

/**
 * Every HTML page, in Arabic and English, must have zero axe-core violations. The list of pages
 * comes from the route inventory: a new page without a sample URL here fails this test.
 */
describe('accessibility of every page (axe-core)', () => {
  let env: Awaited<ReturnType<typeof startBrowser>>;
  const samples = new Map<string, string>();
  let page: Page;

  before(async () => {
    env = await startBrowser();
    const { deps } = env.t;
    const parent = await buildAgency(deps, {
      name_ar: 'وزارة الشؤون البلدية',
      name_en: 'Ministry of Municipal Affairs',
      phone: '199099',
      email: 'info@momrah.gov.sa',
    });
    const agency = await buildAgency(deps, {
      name_ar: 'أمانة منطقة الرياض',
      name_en: 'Riyadh Municipality',
      kind: 'municipality',
      parent_id: parent.id,
    });
    const admin = await buildUser(deps, { email: 'admin@example.gov.sa', role: 'program_admin', name: 'نورة القحطاني' });
    await createToken(deps, systemCtx(), agency.id, { name: 'Integration', scopes: ['services:read'] });
    const invited = await inviteUser(
      deps,
      { ...systemCtx(), actor: { kind: 'system', label: 'test' } },
      { name: 'مدعو جديد', email: 'invitee@example.gov.sa', locale: 'ar', role: 'agency_editor', agency_id: agency.id },
    );
    await requestPasswordReset(deps, { ...systemCtx(), ip: '127.0.0.1' }, { email: admin.email });
    await env.t.drain();
    const mails = await deps.db.selectFrom('messages').selectAll().execute();
    const invite = /\/invitation\/([A-Za-z0-9_-]+)/.exec(
      mails.find((m) => m.to_address === 'invitee@example.gov.sa')?.text_body ?? '',
    )?.[1];
    const reset = /\/password\/reset\/([A-Za-z0-9_-]+)/.exec(mails.find((m) => m.to_address === admin.email)?.text_body ?? '')?.[1];
    assert.ok(invite && reset);
    const fill: Record<string, string> = {
      '/': '/',
      '/sign-in': '/sign-in',
      '/password/forgot': '/password/forgot',
      '/password/reset/:token': `/password/reset/${reset}`,
      '/invitation/:token': `/invitation/${invite}`,
      '/account': '/account',
      '/api-docs': '/api-docs',
      '/console': '/console',
      '/console/agencies': '/console/agencies',
      '/console/agencies/new': '/console/agencies/new',
      '/console/agencies/:id': `/console/agencies/${agency.id}`,
      '/console/agencies/:id/edit': `/console/agencies/${agency.id}/edit`,
      '/console/agencies/:id/tokens': `/console/agencies/${agency.id}/tokens`,
      '/console/users': '/console/users',
      '/console/users/invite': '/console/users/invite',
      '/console/users/:id': `/console/users/${invited.id}`,
      '/console/audit': '/console/audit',
      '/console/outbox': '/console/outbox',
      '/console/outbox/:id': `/console/outbox/${mails[0].id}`,
      '/console/outbox/:id/html': `/console/outbox/${mails[0].id}/html`,
      '/console/jobs': '/console/jobs',
    };
    for (const [k, v] of Object.entries(fill)) samples.set(k, v);
    const ctx = await env.context();
    page = await ctx.newPage();
    await signInAs(page, admin.email);
  });
  after(() => env.close());

  it('knows a sample address for every page route', () => {
    const pages = env.t.app.routeInventory.filter((r) => r.method === 'GET' && r.url.startsWith('/ar')).map((r) => r.url.slice(3) || '/');
    const missing = pages.filter((p) => !samples.has(p));
    assert.deepEqual(missing, [], 'add a sample URL for these new pages');
  });

  for (const lang of ['ar', 'en'] as const) {
    it(`has no violations on any page in ${lang === 'ar' ? 'Arabic' : 'English'}`, async () => {
      const failures: string[] = [];
      for (const [route, path] of samples) {
        // Sign-in-less pages are checked signed in too; the token pages are checked before they are used.
        const url = `/${lang}${path === '/' ? '/' : path}`;
        const res = await page.goto(url);
        assert.ok(res && res.status() < 400, `${url} answered ${res?.status()}`);
        const v = await axe(page);
        if (v.length) failures.push(`${url} (${route}): ${JSON.stringify(v, null, 1)}`);
        await shot(page, `${lang}${path.replace(/[/:?=&]+/g, '_')}`);
      }
      assert.deepEqual(failures, []);
    });

    it(`has no violations on error states in ${lang === 'ar' ? 'Arabic' : 'English'}`, async () => {
      const failures: string[] = [];
      await page.goto(`/${lang}/console/agencies/new`);
      await page.click('form.panel button[type=submit]');
      failures.push(...(await axe(page)).map((v) => `form errors: ${v.id} ${JSON.stringify(v.nodes)}`));
      await page.goto(`/${lang}/no-such-page`);
      failures.push(...(await axe(page)).map((v) => `404: ${v.id} ${JSON.stringify(v.nodes)}`));
      const anon = await (await env.context()).newPage();
      await anon.goto(`/${lang}/sign-in`);
      await anon.click('form.panel button[type=submit]');
      failures.push(...(await axe(anon)).map((v) => `sign-in errors: ${v.id} ${JSON.stringify(v.nodes)}`));
      await shot(anon, `${lang}-sign-in-errors`);
      assert.deepEqual(failures, []);
    });
  }
});
