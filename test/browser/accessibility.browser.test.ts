import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { addSynonymGroup } from '../../src/modules/catalog/vocabulary.service.ts';
import { requestPasswordReset } from '../../src/modules/identity/auth.service.ts';
import { createToken } from '../../src/modules/identity/tokens.service.ts';
import { inviteUser } from '../../src/modules/identity/users.service.ts';
import { systemCtx } from '../../src/platform/auth/actor.ts';
import { axe, shot, signInAs, startBrowser } from '../helpers/browser.ts';
import { buildService, buildTerms } from '../helpers/catalog.ts';
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
    await buildTerms(deps);
    const service = await buildService(deps, agency.id, { identifier: 'riyadh-building-permit' });
    await buildService(deps, agency.id, { identifier: 'riyadh-retired', data: { status: 'retired', fees: [] } });
    await addSynonymGroup(deps, systemCtx(), 'هوية\nبطاقة الأحوال');
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
      '/services': '/services?q=جواز&category=identity-residency',
      '/services/:identifier': '/services/riyadh-building-permit',
      '/agencies': '/agencies',
      '/agencies/:code': `/agencies/${agency.code}`,
      '/console/services': '/console/services',
      '/console/services/new': '/console/services/new',
      '/console/services/:id': `/console/services/${service.id}`,
      '/console/services/:id/edit': `/console/services/${service.id}/edit`,
      '/console/services/:id/compare': `/console/services/${service.id}/compare?a=1&b=1`,
      '/console/taxonomies': '/console/taxonomies',
      '/console/synonyms': '/console/synonyms',
      '/console/catalog/io': '/console/catalog/io',
    };
    for (const [k, v] of Object.entries(fill)) samples.set(k, v);
    const ctx = await env.context();
    page = await ctx.newPage();
    await signInAs(page, admin.email);
  });
  after(() => env.close());

  it('knows a sample address for every page route', () => {
    const downloads = ['/console/catalog/export'];
    const pages = env.t.app.routeInventory
      .filter((r) => r.method === 'GET' && r.url.startsWith('/ar'))
      .map((r) => r.url.slice(3) || '/')
      .filter((p) => !downloads.includes(p));
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
      await page.goto(`/${lang}/services?q=${encodeURIComponent('لا شيء يطابق هذا البحث')}`);
      failures.push(...(await axe(page)).map((v) => `no results: ${v.id} ${JSON.stringify(v.nodes)}`));
      await page.goto(`/${lang}/console/services/new`);
      await page.fill('#f-identifier', 'Bad Id');
      await page.click('form.service-form button[type=submit]');
      failures.push(...(await axe(page)).map((v) => `service form errors: ${v.id} ${JSON.stringify(v.nodes)}`));
      await shot(page, `${lang}-service-form-errors`);
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
