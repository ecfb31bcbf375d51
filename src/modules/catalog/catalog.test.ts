import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, testApp } from '../../../test/helpers/app.ts';
import { buildService, buildTerms, sampleService } from '../../../test/helpers/catalog.ts';
import { type Client, signedIn } from '../../../test/helpers/client.ts';
import { buildAgency, buildUser } from '../../../test/helpers/factories.ts';
import { systemCtx } from '../../platform/auth/actor.ts';
import { createToken } from '../identity/testing.ts';
import { serviceDataToForm } from './service-form.ts';

const formOf = (overrides: Record<string, unknown> = {}) => {
  const v = serviceDataToForm(sampleService());
  return Object.fromEntries(
    Object.entries({ ...v, ...overrides }).map(([k, x]) => [k, Array.isArray(x) ? x.map(String) : String(x)]),
  ) as Record<string, string | string[]>;
};

describe('catalog: drafts, publication and versions', () => {
  let t: TestApp;
  let gdp: Awaited<ReturnType<typeof buildAgency>>;
  let editor: Client;
  let admin: Client;
  let id: number;
  before(async () => {
    t = await testApp();
    await buildTerms(t.deps);
    gdp = await buildAgency(t.deps, { code: 'gdp', name_ar: 'المديرية العامة للجوازات', name_en: 'General Directorate of Passports' });
    await buildUser(t.deps, { email: 'editor@gdp.gov.sa', role: 'agency_editor', agencyId: gdp.id });
    await buildUser(t.deps, { email: 'admin@gdp.gov.sa', role: 'agency_admin', agencyId: gdp.id });
    editor = await signedIn(t.app, 'editor@gdp.gov.sa');
    admin = await signedIn(t.app, 'admin@gdp.gov.sa');
  });
  after(() => t.close());

  it('an editor creates a service as a draft that beneficiaries cannot see yet', async () => {
    const res = await editor.post('/en/console/services/new', {
      ...formOf(),
      identifier: 'gdp-passport-renewal',
      agency_id: String(gdp.id),
    });
    assert.equal(res.statusCode, 303);
    id = Number(/\/console\/services\/(\d+)$/.exec(String(res.headers.location))?.[1]);
    assert.ok(id > 0);
    assert.equal((await t.app.inject('/ar/services/gdp-passport-renewal')).statusCode, 404);
    assert.equal((await t.app.inject('/api/v1/services/gdp-passport-renewal')).statusCode, 404);
  });

  it('an editor cannot publish; the agency administrator can', async () => {
    const denied = await editor.post(`/en/console/services/${id}/publish`, { note: 'first' });
    assert.equal(denied.statusCode, 403);
    const ok = await admin.post(`/en/console/services/${id}/publish`, { note: 'first version' });
    assert.equal(ok.statusCode, 303);
    const page = await t.app.inject('/ar/services/gdp-passport-renewal');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /تجديد جواز السفر/);
    assert.match(page.body, /ابدأ الخدمة/);
    assert.match(page.body, /href="https:\/\/www.gdp.gov.sa\/passport-renewal"/);
    assert.match(page.body, /"@type":"GovernmentService"/);
    const history = await t.deps.db.selectFrom('service_status_history').selectAll().where('service_id', '=', id).execute();
    assert.deepEqual(
      history.map((h) => [h.from_status, h.to_status]),
      [[null, 'live']],
    );
    const jobs = await t.deps.db.selectFrom('jobs').select('kind').execute();
    assert.ok(jobs.every((j) => !j.kind.startsWith('event:catalog') || j.kind.includes('service_published')));
    const audit = await t.deps.db.selectFrom('audit_log').select('action').where('record_type', '=', 'service').execute();
    assert.deepEqual(
      audit.map((a) => a.action),
      ['service.create', 'service.publish'],
    );
  });

  it('a new draft leaves the published page alone until it is published', async () => {
    const res = await editor.post(`/en/console/services/${id}/edit`, formOf({ name_en: 'Renew your passport', fee_0_amount: '350' }));
    assert.equal(res.statusCode, 303);
    assert.doesNotMatch((await t.app.inject('/en/services/gdp-passport-renewal')).body, /Renew your passport/);
    const cmp = await admin.get(`/en/console/services/${id}/compare?a=1&b=draft`);
    // Field by field in the page's language: names people read, values as text (never JSON keys).
    assert.match(cmp.body, /<h2>Name<\/h2>/);
    assert.match(cmp.body, /<h2>Fees<\/h2>/);
    assert.doesNotMatch(cmp.body, /<h2>Channels<\/h2>/, 'unchanged parts are left out');
    assert.match(cmp.body, /<del><span class="visually-hidden">Removed: <\/span><span dir="auto">Renew a passport<\/span>/);
    assert.match(cmp.body, /<ins><span class="visually-hidden">Added: <\/span><span dir="auto">Renew your passport<\/span>/);
    assert.match(cmp.body, /<ins><span class="visually-hidden">Added: <\/span><span dir="auto">SAR\s?350\.00/);
    assert.doesNotMatch(cmp.body, /"amount"|"currency"|\{"ar"/);
    const ar = await admin.get(`/ar/console/services/${id}/compare?a=1&b=draft`);
    assert.match(ar.body, /<h2>الرسوم<\/h2>/);
    assert.match(ar.body, /<h3>الإصدار ١<\/h3>/);
    await admin.post(`/en/console/services/${id}/publish`, { note: 'new fee' });
    const page = await t.app.inject('/en/services/gdp-passport-renewal');
    assert.match(page.body, /Renew your passport/);
    assert.match(page.body, /SAR\s?350/);
  });

  it('any version can be compared and restored into the draft', async () => {
    const overview = await admin.get(`/en/console/services/${id}`);
    assert.match(overview.body, /Version 2/);
    const restore = await editor.post(`/en/console/services/${id}/restore`, { version: '1' });
    assert.equal(restore.statusCode, 303);
    const cmp = await admin.get(`/en/console/services/${id}/compare?a=1&b=draft`);
    assert.match(cmp.body, /The two versions are the same/);
  });

  it('refuses bad form input field by field and saves nothing', async () => {
    const before = await t.deps.db.selectFrom('services').select(['draft_json']).where('id', '=', id).executeTakeFirstOrThrow();
    const res = await editor.post(
      `/ar/console/services/${id}/edit`,
      formOf({ processing_time_amount: 'ثلاثة', channel_0_url: 'not a url', requirements_en: '', name_ar: '', fee_0_amount: 'free' }),
    );
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /أدخل عددًا صحيحًا من ٠ إلى ٩٩٩٩/);
    assert.match(res.body, /أدخل رابطاً كاملاً/);
    assert.match(res.body, /عدد الأسطر بالعربية لا يساوي عددها بالإنجليزية/);
    assert.match(res.body, /هذا الحقل مطلوب/);
    assert.match(res.body, /href="#f-processing_time_amount"/);
    const after = await t.deps.db.selectFrom('services').select(['draft_json']).where('id', '=', id).executeTakeFirstOrThrow();
    assert.deepEqual(after, before);
  });

  it('takes a duration as a number and a unit, in either digits, and shows it back the same way', async () => {
    const draft = async () =>
      JSON.parse(
        (await t.deps.db.selectFrom('services').select('draft_json').where('id', '=', id).executeTakeFirstOrThrow()).draft_json ?? '{}',
      );
    const saved = await editor.post(
      `/ar/console/services/${id}/edit`,
      formOf({ processing_time_amount: '٣', processing_time_unit: 'days', sla_target_amount: '4', sla_target_unit: 'hours' }),
    );
    assert.equal(saved.statusCode, 303);
    assert.equal((await draft()).processing_time, 'P3D');
    assert.equal((await draft()).sla_target, 'PT4H');
    const form = (await editor.get(`/en/console/services/${id}/edit`)).body;
    assert.match(form, /name="processing_time_amount"[^>]*value="3"/);
    assert.match(form, /<option value="hours" selected>hours<\/option>/);
    assert.doesNotMatch(form, /P3D|PT4H|ISO 8601/);
    const emptied = await editor.post(`/en/console/services/${id}/edit`, formOf({ sla_target_amount: '' }));
    assert.equal(emptied.statusCode, 303);
    assert.equal((await draft()).sla_target, undefined, 'an empty number removes the duration');
    const badUnit = await editor.post(`/en/console/services/${id}/edit`, formOf({ sla_target_amount: '2', sla_target_unit: 'fortnights' }));
    assert.equal(badUnit.statusCode, 400);
    assert.match(badUnit.body, /Choose minutes, hours, working days, weeks, months or years/);
  });

  it('keeps a duration of several units (from an import) until a number replaces it', async () => {
    const form = serviceDataToForm({ ...sampleService(), processing_time: 'P1M2D' });
    assert.equal(form.processing_time, 'P1M2D');
    assert.equal(form.processing_time_amount, undefined);
    const kept = await editor.post(`/en/console/services/${id}/edit`, formOf({ processing_time: 'P1M2D', processing_time_amount: '' }));
    assert.equal(kept.statusCode, 303);
    const page = (await editor.get(`/en/console/services/${id}/edit`)).body;
    assert.match(page, /Now: 1 month and 2 working days\. Enter a number and a unit to replace it\./);
    assert.match(page, /<input type="hidden" name="processing_time" value="P1M2D"/);
  });

  it('refuses a taken or malformed identifier', async () => {
    const taken = await editor.post('/en/console/services/new', {
      ...formOf(),
      identifier: 'gdp-passport-renewal',
      agency_id: String(gdp.id),
    });
    assert.equal(taken.statusCode, 409);
    assert.match(taken.body, /Another service already uses this identifier/);
    const bad = await editor.post('/en/console/services/new', { ...formOf(), identifier: 'Bad Identifier', agency_id: String(gdp.id) });
    assert.equal(bad.statusCode, 400);
  });
});

describe('catalog: an editor submits a draft for review; administrators preview and publish it', () => {
  let t: TestApp;
  let id: number;
  let editor: Client;
  let admin: Client;
  let outsider: Client;
  before(async () => {
    t = await testApp();
    await buildTerms(t.deps);
    const gdp = await buildAgency(t.deps, { code: 'gdp' });
    const other = await buildAgency(t.deps, { code: 'other' });
    id = (await buildService(t.deps, gdp.id, { identifier: 'gdp-renewal' })).id;
    await buildUser(t.deps, { email: 'editor@gdp.gov.sa', role: 'agency_editor', agencyId: gdp.id });
    await buildUser(t.deps, { email: 'admin@gdp.gov.sa', role: 'agency_admin', agencyId: gdp.id, locale: 'ar' });
    await buildUser(t.deps, { email: 'editor@other.gov.sa', role: 'agency_editor', agencyId: other.id });
    editor = await signedIn(t.app, 'editor@gdp.gov.sa');
    admin = await signedIn(t.app, 'admin@gdp.gov.sa');
    outsider = await signedIn(t.app, 'editor@other.gov.sa');
  });
  after(() => t.close());

  it('refuses a review with nothing to review, a note too long, or from another agency, and stores nothing', async () => {
    assert.equal((await editor.post(`/en/console/services/${id}/review`, { note: 'x' })).statusCode, 409);
    await editor.post(`/en/console/services/${id}/edit`, formOf({ name_en: 'Renew your passport online' }));
    const long = await editor.post(`/ar/console/services/${id}/review`, { note: 'ن'.repeat(1001) });
    assert.equal(long.statusCode, 400);
    assert.match(long.body, /href="#f-note"/);
    assert.equal((await outsider.post(`/en/console/services/${id}/review`, { note: 'x' })).statusCode, 403);
    assert.equal((await outsider.get(`/en/console/services/${id}/preview`)).statusCode, 403);
    const row = await t.deps.db.selectFrom('services').select('review_requested_at').where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(row.review_requested_at, null);
  });

  it('a request emails the administrators in their language, shows on the service and in the list', async () => {
    const res = await editor.post(`/en/console/services/${id}/review`, { note: 'New fee from Muharram' });
    assert.equal(res.statusCode, 303);
    const mail = await t.deps.db
      .selectFrom('messages')
      .select(['to_address', 'subject', 'text_body'])
      .where('source', '=', 'catalog')
      .where('ref_id', '=', String(id))
      .execute();
    assert.deepEqual(
      mail.map((m) => m.to_address),
      ['admin@gdp.gov.sa'],
    );
    assert.match(mail[0].subject ?? '', /مسودة خدمة بانتظار مراجعتك/);
    assert.match(mail[0].text_body, /New fee from Muharram/);
    assert.match(mail[0].text_body, new RegExp(`/ar/console/services/${id}`));
    const audit = await t.deps.db.selectFrom('audit_log').select('action').where('action', '=', 'service.review_request').execute();
    assert.equal(audit.length, 1);
    const overview = await admin.get(`/ar/console/services/${id}`);
    assert.match(overview.body, /طلب Test Person &lt;editor@gdp\.gov\.sa> مراجعة هذه المسودة في/);
    assert.match(overview.body, /New fee from Muharram/);
    const list = await admin.get('/en/console/services?state=review');
    assert.match(list.body, /Waiting for review/);
    assert.match(list.body, /gdp-renewal/);
  });

  it('the preview shows the draft as beneficiaries will see it, in both languages, while the public page keeps the published one', async () => {
    const en = await admin.get(`/en/console/services/${id}/preview`);
    assert.equal(en.statusCode, 200);
    assert.match(en.body, /<h1>Renew your passport online<\/h1>/);
    assert.match(en.body, /Preview of the draft/);
    assert.doesNotMatch(en.body, /application\/ld\+json/);
    const ar = await editor.get(`/ar/console/services/${id}/preview`);
    assert.match(ar.body, /معاينة المسودة: هكذا ستبدو الصفحة بعد النشر/);
    assert.doesNotMatch((await t.app.inject('/en/services/gdp-renewal')).body, /Renew your passport online/);
  });

  it('publishing clears the request', async () => {
    assert.equal((await admin.post(`/en/console/services/${id}/publish`, { note: '' })).statusCode, 303);
    const row = await t.deps.db
      .selectFrom('services')
      .select(['review_requested_at', 'review_note'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    assert.deepEqual(row, { review_requested_at: null, review_note: null });
    assert.doesNotMatch((await admin.get('/en/console/services?state=review')).body, /gdp-renewal/);
  });
});

describe('catalog: isolation between agencies', () => {
  let t: TestApp;
  let serviceId: number;
  let bToken: string;
  before(async () => {
    t = await testApp();
    await buildTerms(t.deps);
    const a = await buildAgency(t.deps, { code: 'agency-a' });
    const b = await buildAgency(t.deps, { code: 'agency-b' });
    serviceId = (await buildService(t.deps, a.id, { identifier: 'a-service' })).id;
    await buildService(t.deps, a.id, { identifier: 'a-draft', publish: false });
    await buildUser(t.deps, { email: 'b.editor@example.gov.sa', role: 'agency_editor', agencyId: b.id });
    await buildUser(t.deps, { email: 'b.admin@example.gov.sa', role: 'agency_admin', agencyId: b.id });
    bToken = (
      await createToken(t.deps, systemCtx(), b.id, {
        name: 'agency b system',
        scopes: ['services:write', 'services:publish', 'services:read'],
      })
    ).token;
  });
  after(() => t.close());

  for (const who of ['b.editor@example.gov.sa', 'b.admin@example.gov.sa']) {
    it(`${who.split('@')[0]} can neither see agency A's drafts nor change its services`, async () => {
      const c = await signedIn(t.app, who);
      const before = await t.deps.db.selectFrom('services').selectAll().execute();
      for (const [name, res] of [
        ['overview', await c.get(`/en/console/services/${serviceId}`)],
        ['edit form', await c.get(`/en/console/services/${serviceId}/edit`)],
        ['save', await c.post(`/en/console/services/${serviceId}/edit`, formOf())],
        ['publish', await c.post(`/en/console/services/${serviceId}/publish`, {})],
        ['restore', await c.post(`/en/console/services/${serviceId}/restore`, { version: '1' })],
        ['compare', await c.get(`/en/console/services/${serviceId}/compare?a=1&b=1`)],
        ['create in A', await c.post('/en/console/services/new', { ...formOf(), identifier: 'sneaky', agency_id: String(serviceId) })],
      ] as const) {
        assert.ok([400, 403, 404].includes(res.statusCode), `${name}: ${res.statusCode}`);
      }
      const list = await c.get('/en/console/services');
      assert.doesNotMatch(list.body, /a-draft|a-service/);
      assert.deepEqual(await t.deps.db.selectFrom('services').selectAll().execute(), before);
    });
  }

  it("agency B's token cannot write agency A's services through the API", async () => {
    const auth = { authorization: `Bearer ${bToken}`, 'content-type': 'application/json' };
    const put = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/services/a-service/draft',
      headers: auth,
      payload: JSON.stringify(sampleService()),
    });
    assert.equal(put.statusCode, 403);
    const pub = await t.app.inject({ method: 'POST', url: '/api/v1/services/a-service/publish', headers: auth, payload: '{}' });
    assert.equal(pub.statusCode, 403);
    const versions = await t.app.inject({ url: '/api/v1/services/a-draft/versions', headers: auth });
    assert.equal(versions.statusCode, 403);
    const create = await t.app.inject({
      method: 'POST',
      url: '/api/v1/services',
      headers: auth,
      payload: JSON.stringify({ identifier: 'b-into-a', agency_id: 1, data: sampleService() }),
    });
    assert.equal(create.statusCode, 403);
  });

  it('the token writes and publishes its own agency’s services', async () => {
    const auth = { authorization: `Bearer ${bToken}`, 'content-type': 'application/json' };
    const agencyB = await t.deps.db.selectFrom('agencies').select('id').where('code', '=', 'agency-b').executeTakeFirstOrThrow();
    const create = await t.app.inject({
      method: 'POST',
      url: '/api/v1/services',
      headers: auth,
      payload: JSON.stringify({ identifier: 'b-own', agency_id: agencyB.id, data: sampleService() }),
    });
    assert.equal(create.statusCode, 201);
    const pub = await t.app.inject({
      method: 'POST',
      url: '/api/v1/services/b-own/publish',
      headers: auth,
      payload: JSON.stringify({ note: 'from our system' }),
    });
    assert.equal(pub.statusCode, 200);
    assert.equal(pub.json().version, 1);
    const bad = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/services/b-own/draft',
      headers: auth,
      payload: JSON.stringify({ ...sampleService(), channels: [], processing_time: '3 days' }),
    });
    assert.equal(bad.statusCode, 400);
    assert.deepEqual(
      bad
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
      ['channels', 'processing_time'],
    );
  });
});
