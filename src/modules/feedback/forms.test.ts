import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, testApp } from '../../../test/helpers/app.ts';
import { buildService, buildTerms } from '../../../test/helpers/catalog.ts';
import { buildAgency } from '../../../test/helpers/factories.ts';
import { formFields, Visitor } from './feedback.fixtures.ts';

// A form shown again after a mistake must carry everything the first one carried, hidden context
// included: the person fixes the visible field and sends exactly what the page holds.
describe('feedback forms keep their context when shown again after a mistake', () => {
  let t: TestApp;
  let agencyId: number;
  let serviceId: number;

  before(async () => {
    t = await testApp();
    await buildTerms(t.deps);
    agencyId = (await buildAgency(t.deps, { code: 'gdp', name_en: 'General Directorate of Passports' })).id;
    serviceId = (await buildService(t.deps, agencyId, { identifier: 'gdp-renewal' })).id;
  });
  after(() => t.close());

  it('a complaint about a service keeps the service after a validation error', async () => {
    const v = new Visitor(t.app, '203.0.113.20');
    const first = await v.get('/ar/feedback/new?service=gdp-renewal');
    assert.equal(first.statusCode, 200);
    const fields = formFields(first.body, '/feedback/new');
    assert.equal(fields.service_id, String(serviceId), 'the first form names the service');
    assert.equal(fields.agency_id, String(agencyId));

    const mine = { contact_email: 'huda@example.com', subject: '', body: 'قدمت طلب تجديد الجواز قبل أسبوعين ولم يصلني شيء.' };
    const wrong = await v.upload('/ar/feedback/new', { ...fields, ...mine });
    assert.equal(wrong.statusCode, 400, wrong.body.slice(0, 300));
    const again = formFields(wrong.body, '/feedback/new');
    assert.equal(again.service_id, String(serviceId), 'the form shown again still names the service');
    assert.equal(again.body, mine.body, 'and keeps what the person typed');
    assert.match(wrong.body, /<a href="#f-subject">العنوان: /, 'the summary names the field it is about');
    assert.match(
      first.body,
      /<form method="post" action="\/ar\/feedback\/new"[^>]*novalidate/,
      "the page's own errors, not the browser's bubbles",
    );

    const ok = await v.upload('/ar/feedback/new', { ...again, subject: 'تأخر تجديد الجواز' });
    assert.equal(ok.statusCode, 303, ok.body.slice(0, 300));
    const stored = await t.deps.db.selectFrom('feedback_cases').select(['service_id', 'agency_id']).executeTakeFirstOrThrow();
    assert.equal(stored.service_id, serviceId);
    assert.equal(stored.agency_id, agencyId);
  });

  it('a service id that is not a published service of the chosen agency is refused, not dropped', async () => {
    const v = new Visitor(t.app, '203.0.113.21');
    const fields = formFields((await v.get('/en/feedback/new?service=gdp-renewal')).body, '/feedback/new');
    const res = await v.upload('/en/feedback/new', {
      ...fields,
      service_id: String(serviceId + 1000),
      contact_email: 'omar@example.com',
      subject: 'Renewal',
      body: 'My renewal has been waiting for two weeks.',
    });
    assert.equal(res.statusCode, 400);
    assert.equal(
      await t.deps.db.selectFrom('feedback_cases').select('id').where('contact_email', '=', 'omar@example.com').executeTakeFirst(),
      undefined,
    );
  });

  it('a rating shown again after a mistake is still about its service', async () => {
    const v = new Visitor(t.app, '203.0.113.22');
    const page = await v.get('/ar/services/gdp-renewal');
    const fields = formFields(page.body, '/feedback/rate/gdp-renewal');
    assert.ok('comment' in fields, 'the service page carries the rating form');
    const wrong = await v.post('/ar/feedback/rate/gdp-renewal', { ...fields, q_satisfied: '9' });
    assert.equal(wrong.statusCode, 400);
    assert.match(wrong.body, /action="\/ar\/feedback\/rate\/gdp-renewal"/);
    const again = formFields(wrong.body, '/feedback/rate/gdp-renewal');
    const ok = await v.post('/ar/feedback/rate/gdp-renewal', { ...again, q_satisfied: '4' });
    assert.equal(ok.statusCode, 303);
    const r = await t.deps.db.selectFrom('feedback_ratings').select('service_id').executeTakeFirstOrThrow();
    assert.equal(r.service_id, serviceId);
  });
});
