import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, testApp } from '../../../test/helpers/app.ts';
import { buildService, buildTerms } from '../../../test/helpers/catalog.ts';
import { type Client, signedIn } from '../../../test/helpers/client.ts';
import { buildAgency, buildUser } from '../../../test/helpers/factories.ts';
import { systemCtx } from '../../platform/auth/actor.ts';
import { identityModule } from '../identity/index.ts';
import { loadPlanDemo } from './plan.demo.ts';
import { listSystems } from './systems.service.ts';
import { addTrack, createInitiative, createPlan } from './testing.ts';

// Issue 14's sixth track: the shared national systems as a list the program administrator keeps, that
// initiatives (on their own form, by code) and catalog services (by identifier, on the system's page)
// link to, so the office sees which services reuse which national platform. Agency staff read it; only
// the program administrator changes it (403); bad input is a field error in both languages with
// nothing written; every change is audited.

describe('plan: shared national systems', () => {
  let t: TestApp;
  let office: Client;
  let reviewer: Client;
  let aEditor: Client;
  const ids = { a: 0, b: 0, plan: 0, track: 0, i1: 0, i2: 0, sso: 0, bus: 0 };
  const db = () => t.deps.db;
  const audits = (prefix: string) =>
    db().selectFrom('audit_log').select(['action', 'record_id']).where('action', 'like', `${prefix}%`).orderBy('seq').execute();
  const systemForm = (over: Record<string, string> = {}) => ({
    code: 'national-sso',
    name_ar: 'النفاذ الوطني الموحد',
    name_en: 'National single sign-on',
    description_ar: 'دخول موحد لكل الخدمات الحكومية',
    description_en: 'One sign-in for every government service',
    owner_agency_id: String(ids.a),
    status: 'in_service',
    ...over,
  });
  const initiativeForm = (code: string, agency: number, systems: string) => ({
    code,
    name_ar: `مبادرة ${code}`,
    name_en: `Initiative ${code}`,
    objective_ar: 'هدف',
    objective_en: 'Objective',
    weight: '1',
    planned_start: '2026-01-01',
    planned_end: '2026-12-31',
    budget_sar: '0',
    track_id: String(ids.track),
    owner_agency_id: String(agency),
    systems,
  });
  const systemCount = async () => (await db().selectFrom('plan_systems').select('id').execute()).length;

  before(async () => {
    t = await testApp();
    await buildTerms(t.deps);
    ids.a = (await buildAgency(t.deps, { code: 'alpha', name_en: 'Alpha Authority', name_ar: 'هيئة ألفا' })).id;
    ids.b = (await buildAgency(t.deps, { code: 'beta', name_en: 'Beta Ministry', name_ar: 'وزارة بيتا' })).id;
    await buildUser(t.deps, { email: 'office@program.sa', role: 'program_admin' });
    await buildUser(t.deps, { email: 'reviewer@program.sa', role: 'program_reviewer' });
    await buildUser(t.deps, { email: 'editor@a.sa', role: 'agency_editor', agencyId: ids.a });
    [office, reviewer, aEditor] = await Promise.all(
      ['office@program.sa', 'reviewer@program.sa', 'editor@a.sa'].map((e) => signedIn(t.app, e)),
    );
    await buildService(t.deps, ids.a, { identifier: 'alpha-permit', data: { name: { ar: 'تصريح ألفا', en: 'Alpha permit' } } });
    await buildService(t.deps, ids.b, { identifier: 'beta-licence', data: { name: { ar: 'رخصة بيتا', en: 'Beta licence' } } });
    const sys = systemCtx('test');
    ids.plan = (
      await createPlan(t.deps, sys, { code: 'ep-sys', name_ar: 'خطة', name_en: 'Plan', period_from: '2026-01-01', period_to: '2026-12-31' })
    ).id;
    ids.track = (await addTrack(t.deps, sys, ids.plan, { name_ar: 'مسار', name_en: 'Track', weight: '1' })).id;
    ids.i1 = (await createInitiative(t.deps, sys, ids.plan, initiativeForm('ET-01', ids.a, ''))).id;
    ids.i2 = (await createInitiative(t.deps, sys, ids.plan, initiativeForm('ET-02', ids.b, ''))).id;
  });
  after(() => t.close());

  it('the program administrator adds and edits a system; audited', async () => {
    const created = await office.post('/en/console/plans/systems', systemForm());
    assert.equal(created.statusCode, 303);
    const sso = await db().selectFrom('plan_systems').selectAll().where('code', '=', 'national-sso').executeTakeFirstOrThrow();
    ids.sso = sso.id;
    assert.equal(created.headers.location, `/en/console/plans/systems/${sso.id}`);
    assert.deepEqual([sso.name_en, sso.owner_agency_id, sso.status], ['National single sign-on', ids.a, 'in_service']);
    assert.equal(
      (
        await office.post(
          '/en/console/plans/systems',
          systemForm({ code: 'gsb', name_en: 'Government service bus', status: 'being_built' }),
        )
      ).statusCode,
      303,
    );
    ids.bus = (await db().selectFrom('plan_systems').select('id').where('code', '=', 'gsb').executeTakeFirstOrThrow()).id;
    const edited = await office.post(
      `/en/console/plans/systems/${ids.bus}`,
      systemForm({ code: 'gsb', name_en: 'Service bus', owner_agency_id: String(ids.b) }),
    );
    assert.equal(edited.statusCode, 303);
    const bus = await db().selectFrom('plan_systems').selectAll().where('id', '=', ids.bus).executeTakeFirstOrThrow();
    assert.deepEqual([bus.name_en, bus.owner_agency_id, bus.status], ['Service bus', ids.b, 'in_service']);
    assert.deepEqual(await audits('plan.system.'), [
      { action: 'plan.system.create', record_id: String(ids.sso) },
      { action: 'plan.system.create', record_id: String(ids.bus) },
      { action: 'plan.system.update', record_id: String(ids.bus) },
    ]);
  });

  it('refuses a duplicate code, an unknown agency, missing names or a bad code beside the field, in both languages, nothing written', async () => {
    const before = await systemCount();
    const dup = await office.post('/ar/console/plans/systems', systemForm());
    assert.equal(dup.statusCode, 400);
    assert.match(dup.body, /يوجد نظام آخر بهذا الرمز/);
    const dupEn = await office.post(`/en/console/plans/systems/${ids.bus}`, systemForm());
    assert.equal(dupEn.statusCode, 400);
    assert.match(dupEn.body, /Another system already has this code/);
    const agency = await office.post('/en/console/plans/systems', systemForm({ code: 'nafath-x', owner_agency_id: '99999' }));
    assert.equal(agency.statusCode, 400);
    assert.match(agency.body, /f-owner_agency_id/);
    const names = await office.post('/ar/console/plans/systems', systemForm({ code: 'pay', name_ar: '', name_en: '' }));
    assert.equal(names.statusCode, 400);
    assert.match(names.body, /f-name_ar/);
    assert.match(names.body, /f-name_en/);
    const slug = await office.post('/en/console/plans/systems', systemForm({ code: 'National SSO' }));
    assert.equal(slug.statusCode, 400);
    assert.match(slug.body, /lower-case letters, digits and hyphens/);
    assert.equal(await systemCount(), before);
    const bus = await db().selectFrom('plan_systems').select('code').where('id', '=', ids.bus).executeTakeFirstOrThrow();
    assert.equal(bus.code, 'gsb', 'the refused edit changed nothing');
    assert.equal((await audits('plan.system.')).length, 3);
  });

  it('only the program administrator changes the list (403); agency staff and the office read it', async () => {
    assert.equal((await aEditor.post('/en/console/plans/systems', systemForm({ code: 'x1' }))).statusCode, 403);
    assert.equal((await reviewer.post('/en/console/plans/systems', systemForm({ code: 'x2' }))).statusCode, 403);
    assert.equal((await aEditor.post(`/en/console/plans/systems/${ids.sso}`, systemForm())).statusCode, 403);
    assert.equal((await aEditor.post(`/en/console/plans/systems/${ids.sso}/services`, { service: 'alpha-permit' })).statusCode, 403);
    assert.equal((await aEditor.get('/en/console/plans/systems')).statusCode, 200);
    const page = await aEditor.get(`/en/console/plans/systems/${ids.sso}`);
    assert.equal(page.statusCode, 200);
    assert.doesNotMatch(page.body, /Link a catalog service/, 'no forms for readers');
    assert.equal((await office.get('/en/console/plans/systems/99999')).statusCode, 404);
  });

  it('the office links catalog services by identifier; an unknown one is refused; links are audited and removable', async () => {
    const unknown = await office.post(`/ar/console/plans/systems/${ids.sso}/services`, { service: 'no-such-service' });
    assert.equal(unknown.statusCode, 400);
    assert.match(unknown.body, /لا توجد في الدليل خدمة بالمعرّف no-such-service/);
    for (const service of ['ALPHA-PERMIT', 'beta-licence'])
      assert.equal((await office.post(`/en/console/plans/systems/${ids.sso}/services`, { service })).statusCode, 303);
    assert.equal((await office.post(`/en/console/plans/systems/${ids.bus}/services`, { service: 'beta-licence' })).statusCode, 303);
    const again = await office.post(`/en/console/plans/systems/${ids.sso}/services`, { service: 'beta-licence' });
    assert.equal(again.statusCode, 400);
    assert.match(again.body, /already linked/);
    const links = await db()
      .selectFrom('plan_system_services')
      .select(['system_id', 'service_identifier'])
      .orderBy('system_id')
      .orderBy('service_identifier')
      .execute();
    assert.deepEqual(links, [
      { system_id: ids.sso, service_identifier: 'alpha-permit' },
      { system_id: ids.sso, service_identifier: 'beta-licence' },
      { system_id: ids.bus, service_identifier: 'beta-licence' },
    ]);
    assert.equal((await office.post(`/en/console/plans/systems/${ids.bus}/services/remove`, { service: 'beta-licence' })).statusCode, 303);
    assert.equal((await office.post(`/en/console/plans/systems/${ids.bus}/services/remove`, { service: 'beta-licence' })).statusCode, 404);
    assert.deepEqual(
      (await audits('plan.system.service')).map((a) => a.action),
      ['plan.system.service_add', 'plan.system.service_add', 'plan.system.service_add', 'plan.system.service_remove'],
    );
  });

  it('an initiative names the systems it builds on; an unknown code is refused beside the field; the change is audited', async () => {
    const form = initiativeForm('ET-01', ids.a, 'national-sso\ngsb');
    const wrong = await office.post(`/ar/console/plans/initiatives/${ids.i1}/edit`, { ...form, systems: 'national-sso\nno-such' });
    assert.equal(wrong.statusCode, 400);
    assert.match(wrong.body, /لا يوجد نظام وطني مشترك بالرمز no-such/);
    assert.equal((await db().selectFrom('plan_system_initiatives').selectAll().execute()).length, 0, 'nothing written');
    assert.equal((await office.post(`/en/console/plans/initiatives/${ids.i1}/edit`, form)).statusCode, 303);
    assert.equal(
      (await office.post(`/en/console/plans/initiatives/${ids.i2}/edit`, initiativeForm('ET-02', ids.b, 'NATIONAL-SSO'))).statusCode,
      303,
    );
    const links = await db().selectFrom('plan_system_initiatives').selectAll().orderBy('system_id').orderBy('initiative_id').execute();
    assert.deepEqual(links, [
      { system_id: ids.sso, initiative_id: ids.i1 },
      { system_id: ids.sso, initiative_id: ids.i2 },
      { system_id: ids.bus, initiative_id: ids.i1 },
    ]);
    const audit = await db()
      .selectFrom('audit_log')
      .select('after_json')
      .where('action', '=', 'plan.initiative.update')
      .where('record_id', '=', String(ids.i1))
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    assert.deepEqual(JSON.parse(String(audit.after_json)).systems, ['gsb', 'national-sso']);
    const editPage = await office.get(`/en/console/plans/initiatives/${ids.i1}/edit`);
    assert.match(editPage.body, /gsb\nnational-sso<\/textarea>/, 'the form shows its systems, one a line');
  });

  it('the system page lists what reuses it (linked where the reader may open it); the list counts them', async () => {
    const page = await office.get(`/en/console/plans/systems/${ids.sso}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, new RegExp(`href="/en/console/plans/initiatives/${ids.i1}"`));
    assert.match(page.body, new RegExp(`href="/en/console/plans/initiatives/${ids.i2}"`));
    assert.match(page.body, /<a href="\/en\/services\/alpha-permit">Alpha permit<\/a>/);
    assert.match(page.body, /Beta licence/);
    const staff = await aEditor.get(`/ar/console/plans/systems/${ids.sso}`);
    assert.match(staff.body, new RegExp(`href="/ar/console/plans/initiatives/${ids.i1}"`), 'its own agency’s initiative is a link');
    assert.doesNotMatch(staff.body, new RegExp(`href="/ar/console/plans/initiatives/${ids.i2}"`), 'another agency’s is named only');
    assert.match(staff.body, /مبادرة ET-02/);
    const list = await office.get('/en/console/plans/systems');
    const row = (code: string) => list.body.slice(list.body.indexOf(`>${code}</td>`)).split('</tr>')[0];
    assert.match(row('national-sso'), /<td class="num">2<\/td><td class="num">2<\/td>/);
    assert.match(row('gsb'), /<td class="num">1<\/td><td class="num">0<\/td>/);
    const ar = await office.get('/ar/console/plans/systems');
    assert.match(ar.body, /نظامان وطنيان مشتركان/);
    assert.match(ar.body, /<td class="num">٢<\/td>/);
  });
});

describe('plan: the demo’s shared national systems and the services that reuse them', () => {
  let t: TestApp;
  before(async () => {
    t = await testApp();
    await buildTerms(t.deps);
    await identityModule.demo?.(t.deps, systemCtx('demo'), {});
    const agency = async (code: string) =>
      (await t.deps.db.selectFrom('agencies').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
    await buildService(t.deps, await agency('moj'), { identifier: 'moj-power-of-attorney' });
    await buildService(t.deps, await agency('moj'), { identifier: 'moj-draft', publish: false });
    await buildService(t.deps, await agency('mc'), { identifier: 'mc-commercial-register' });
    await loadPlanDemo(t.deps, systemCtx('demo'));
  });
  after(() => t.close());

  it('links the published services of the agencies that reuse each system, never a draft', async () => {
    const links = await t.deps.db
      .selectFrom('plan_system_services as l')
      .innerJoin('plan_systems as s', 's.id', 'l.system_id')
      .select(['s.code', 'l.service_identifier'])
      .orderBy('s.code')
      .orderBy('l.service_identifier')
      .execute();
    assert.deepEqual(links, [
      { code: 'e-signature', service_identifier: 'moj-power-of-attorney' },
      { code: 'gsb', service_identifier: 'moj-power-of-attorney' },
      { code: 'payment-gateway', service_identifier: 'mc-commercial-register' },
    ]);
    const { rows } = await listSystems(t.deps, systemCtx('demo'));
    assert.equal(rows.find((r) => r.system.code === 'gsb')?.services, 1);
  });
});
