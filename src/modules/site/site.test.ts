import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, testApp } from '../../../test/helpers/app.ts';
import { Client, signedIn } from '../../../test/helpers/client.ts';
import { buildAgency, buildUser } from '../../../test/helpers/factories.ts';

// The pages about the service: shipped text in both languages, linked from the foot of every page;
// only the program administrator rewords them, field errors are bilingual, nothing typed becomes
// HTML, every change is audited and can be undone to the shipped text.

describe('site pages: privacy, accessibility, contact, help', () => {
  let t: TestApp;
  let office: Client;
  let reviewer: Client;
  let agencyAdmin: Client;
  const anon = () => new Client(t.app);
  const good = {
    title_ar: 'إشعار الخصوصية المحدّث',
    title_en: 'Updated privacy notice',
    body_ar: '## ما نجمعه\nنجمع بريدك الإلكتروني فقط.\n- للتحديثات\n- للرد عليك',
    body_en: '## What we collect\nOnly your email address.\n- for updates\n- to answer you',
  };

  before(async () => {
    t = await testApp();
    const a = await buildAgency(t.deps, { code: 'alpha' });
    await buildUser(t.deps, { email: 'office@program.sa', role: 'program_admin' });
    await buildUser(t.deps, { email: 'reviewer@program.sa', role: 'program_reviewer' });
    await buildUser(t.deps, { email: 'admin@a.sa', role: 'agency_admin', agencyId: a.id });
    [office, reviewer, agencyAdmin] = await Promise.all(
      ['office@program.sa', 'reviewer@program.sa', 'admin@a.sa'].map((e) => signedIn(t.app, e)),
    );
  });
  after(() => t.close());

  it('shows each page with its shipped text in both languages, linked from the foot of every page', async () => {
    for (const [path, ar, en] of [
      ['/privacy', 'إشعار الخصوصية', 'Privacy notice'],
      ['/accessibility', 'بيان إمكانية الوصول', 'Accessibility statement'],
      ['/contact', 'تواصل معنا', 'Contact'],
      ['/help', 'المساعدة', 'Help'],
    ]) {
      const a = await anon().get(`/ar${path}`);
      assert.equal(a.statusCode, 200, path);
      assert.match(a.body, new RegExp(`<h1>${ar}</h1>`));
      assert.match(a.body, /<h2>/, 'headings come through');
      const e = await anon().get(`/en${path}`);
      assert.match(e.body, new RegExp(`<h1>${en}</h1>`));
    }
    const home = await anon().get('/ar/services');
    const footer = home.body.slice(home.body.indexOf('<footer'));
    for (const link of ['/ar/help', '/ar/contact', '/ar/privacy', '/ar/accessibility']) assert.ok(footer.includes(`href="${link}"`), link);
    const console = await office.get('/en/console');
    assert.ok(console.body.slice(console.body.indexOf('<footer')).includes('href="/en/privacy"'), 'staff pages link them too');
  });

  it('lets only the program administrator reword a page, audited, and go back to the shipped text', async () => {
    for (const c of [reviewer, agencyAdmin]) {
      assert.equal((await c.get('/en/console/site')).statusCode, 403);
      assert.equal((await c.post('/en/console/site/privacy', good)).statusCode, 403);
    }
    assert.equal((await anon().get('/en/console/site/privacy')).statusCode, 303);
    assert.equal((await office.get('/en/console/site/nothing')).statusCode, 404);
    const before = await anon().get('/en/privacy');
    assert.match(before.body, /Who we are/);

    const saved = await office.post('/en/console/site/privacy', good);
    assert.equal(saved.statusCode, 303);
    assert.equal(saved.headers.location, '/en/privacy');
    const en = await anon().get('/en/privacy');
    assert.match(en.body, /<h1>Updated privacy notice<\/h1>/);
    assert.match(
      en.body,
      /<h2>What we collect<\/h2><p>Only your email address.<\/p><ul><li>for updates<\/li><li>to answer you<\/li><\/ul>/,
    );
    assert.match(en.body, /Last updated:/);
    assert.match((await anon().get('/ar/privacy')).body, /<h2>ما نجمعه<\/h2>/);
    const audit = await t.deps.db.selectFrom('audit_log').selectAll().where('action', '=', 'site.page.save').execute();
    assert.equal(audit.length, 1);
    assert.match(audit[0].before_json ?? '', /shipped/);
    assert.match((await office.get('/en/console/site')).body, /Edited|<time/);

    const reset = await office.post('/en/console/site/privacy/reset');
    assert.equal(reset.statusCode, 303);
    assert.match((await anon().get('/en/privacy')).body, /Who we are/);
    assert.equal((await t.deps.db.selectFrom('audit_log').select('seq').where('action', '=', 'site.page.reset').execute()).length, 1);
  });

  it('refuses bad wording field by field in both languages, stores nothing, and keeps typed markup inert', async () => {
    const bad = await office.post('/en/console/site/help', { ...good, title_en: '', body_ar: 'قصير' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /href="#f-title_en"/);
    assert.match(bad.body, /href="#f-body_ar"/);
    const badAr = await office.post('/ar/console/site/help', { ...good, body_en: 'x'.repeat(20_001) });
    assert.equal(badAr.statusCode, 400);
    assert.match(badAr.body, /<html lang="ar" dir="rtl">[\s\S]*href="#f-body_en"/);
    assert.equal((await t.deps.db.selectFrom('site_pages').selectAll().where('key', '=', 'help').execute()).length, 0);

    await office.post('/en/console/site/contact', { ...good, body_en: '<script>alert(1)</script> and <b>bold</b> words here' });
    const page = await anon().get('/en/contact');
    assert.ok(!page.body.includes('<script>alert(1)</script>'));
    assert.match(page.body, /&lt;script>alert\(1\)&lt;\/script>/);
  });
});
