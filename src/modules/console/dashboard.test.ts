import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, testApp } from '../../../test/helpers/app.ts';
import { buildService, buildTerms } from '../../../test/helpers/catalog.ts';
import { signedIn } from '../../../test/helpers/client.ts';
import { buildAgency, buildUser } from '../../../test/helpers/factories.ts';

describe('console dashboard cards', () => {
  let t: TestApp;
  before(async () => {
    t = await testApp();
    await buildTerms(t.deps);
    const a = await buildAgency(t.deps, { code: 'dash-a' });
    const b = await buildAgency(t.deps, { code: 'dash-b' });
    for (let i = 0; i < 3; i++) await buildService(t.deps, a.id);
    await buildService(t.deps, a.id, { publish: false });
    for (let i = 0; i < 5; i++) await buildService(t.deps, b.id);
    await buildUser(t.deps, { email: 'po@example.gov.sa', role: 'program_admin' });
    await buildUser(t.deps, { email: 'a@example.gov.sa', role: 'agency_editor', agencyId: a.id });
    await buildUser(t.deps, { email: 'judge@example.gov.sa', role: 'judge' });
  });
  after(() => t.close());

  const stat = (html: string, title: RegExp) => {
    const card = html.split('<li class="card">').find((c) => title.test(c));
    return card ? /<span class="stat">([^<]+)<\/span>/.exec(card)?.[1] : undefined;
  };

  it('the program office sees national figures from every module', async () => {
    const html = (await (await signedIn(t.app, 'po@example.gov.sa')).get('/en/console')).body;
    assert.equal(stat(html, /National service catalog/), '8');
    assert.match(html, /1 draft waiting to be published/);
    assert.match(html, /Launched without an announcement/);
    assert.match(html, /Feedback and complaints/);
    assert.match(html, /No measurement round is open/);
  });

  it("agency staff see their own agency's figures only", async () => {
    const html = (await (await signedIn(t.app, 'a@example.gov.sa')).get('/ar/console')).body;
    assert.equal(stat(html, /الدليل الوطني للخدمات/), '٣');
    assert.match(html, /مسودة واحدة بانتظار النشر/);
  });

  it('people without an agency or program role see no figures', async () => {
    const html = (await (await signedIn(t.app, 'judge@example.gov.sa')).get('/en/console')).body;
    assert.doesNotMatch(html, /National service catalog|Feedback and complaints|Launched without/);
  });
});
