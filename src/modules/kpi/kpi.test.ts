import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, testApp } from '../../../test/helpers/app.ts';
import { buildService } from '../../../test/helpers/catalog.ts';
import { type Client, signedIn } from '../../../test/helpers/client.ts';
import { buildAgency, buildUser } from '../../../test/helpers/factories.ts';
import { systemCtx } from '../../platform/auth/actor.ts';
import { monthName } from '../../platform/i18n/dates.ts';
import { completionRate, costPerTransaction, digitalTakeUp } from './public.ts';
import { addMonths, currentMonth, saveMonth } from './testing.ts';

// The console form end to end: bilingual field errors, a correction with its reason and history,
// the audit trail, agency isolation, and the pages in both languages with missing months as missing.

describe('kpi: the month form, corrections and isolation', () => {
  let t: TestApp;
  let editorA: Client;
  let editorB: Client;
  let reviewer: Client;
  let serviceA: number;
  let plannedA: number;
  let serviceB: number;
  let agencyA: number;
  const last = addMonths(currentMonth(), -1);
  const good = (o: Record<string, string> = {}) => ({
    month: last,
    web: '600',
    app: '200',
    kiosk: '100',
    call_centre: '60',
    service_centre: '40',
    started: '1000',
    completed: '800',
    total_cost: '20000',
    cost_includes: 'Hosting and staff',
    ...o,
  });

  before(async () => {
    t = await testApp();
    agencyA = (await buildAgency(t.deps, { code: 'kpi-a' })).id;
    const agencyB = (await buildAgency(t.deps, { code: 'kpi-b' })).id;
    serviceA = (await buildService(t.deps, agencyA, { identifier: 'kpi-renew' })).id;
    plannedA = (await buildService(t.deps, agencyA, { identifier: 'kpi-planned', data: { status: 'planned' } })).id;
    serviceB = (await buildService(t.deps, agencyB, { identifier: 'kpi-other' })).id;
    await buildUser(t.deps, { email: 'kpi-ed-a@example.gov.sa', role: 'agency_editor', agencyId: agencyA });
    await buildUser(t.deps, { email: 'kpi-ed-b@example.gov.sa', role: 'agency_editor', agencyId: agencyB });
    await buildUser(t.deps, { email: 'kpi-rev@example.gov.sa', role: 'program_reviewer' });
    editorA = await signedIn(t.app, 'kpi-ed-a@example.gov.sa');
    editorB = await signedIn(t.app, 'kpi-ed-b@example.gov.sa');
    reviewer = await signedIn(t.app, 'kpi-rev@example.gov.sa');
  });
  after(() => t.close());

  const figures = () => t.deps.db.selectFrom('kpi_figures').selectAll().where('service_id', '=', serviceA).execute();

  it('refuses bad figures field by field, in English and in Arabic, and writes nothing', async () => {
    const bad = good({
      web: '-3',
      app: '1.5',
      completed: '1200',
      month: addMonths(currentMonth(), 1),
      total_cost: '10',
      cost_includes: '',
    });
    const en = await editorA.post(`/en/console/kpi/services/${serviceA}/figures`, bad);
    assert.equal(en.statusCode, 400);
    assert.match(en.body, /Enter a whole number, 0 or more/);
    assert.match(en.body, /Completed cannot be more than started/);
    assert.match(en.body, /The month has not started yet/);
    assert.match(en.body, /Say what the cost includes/);
    assert.match(en.body, /href="#f-web"/, 'the summary links to the field');
    const ar = await editorA.post(`/ar/console/kpi/services/${serviceA}/figures`, { ...bad, month: '2026-13' });
    assert.equal(ar.statusCode, 400);
    assert.match(ar.body, /اكتب عدداً صحيحاً، صفراً أو أكثر/);
    assert.match(ar.body, /لا يزيد المكتمل على المبدوء/);
    assert.match(ar.body, /اكتب الشهر بالصيغة سنة-شهر/);
    const early = await editorA.post(`/en/console/kpi/services/${serviceA}/figures`, good({ month: '1999-12' }));
    assert.match(early.body, /before January 2000/);
    assert.deepEqual(await figures(), []);
  });

  it('saves a month (Arabic-Indic digits and thousands separators accepted), then a correction needs its reason and keeps history', async () => {
    const res = await editorA.post(`/ar/console/kpi/services/${serviceA}/figures`, good({ web: '٦٠٠', total_cost: '20,000' }));
    assert.equal(res.statusCode, 303, res.body);
    let [row] = await figures();
    assert.equal(row.web, 600);
    assert.equal(row.total_cost, 20000);
    assert.equal(row.version, 1);
    assert.equal(row.source, 'form');

    const same = await editorA.post(`/en/console/kpi/services/${serviceA}/figures`, good());
    assert.equal(same.statusCode, 303, 'the same figures again change nothing');
    assert.equal((await figures())[0].version, 1);

    const noReason = await editorA.post(`/en/console/kpi/services/${serviceA}/figures`, good({ completed: '850' }));
    assert.equal(noReason.statusCode, 400);
    assert.match(noReason.body, /Say why this month’s figures are corrected|Say why this month's figures are corrected/);
    const fixed = await editorA.post(
      `/en/console/kpi/services/${serviceA}/figures`,
      good({ completed: '850', reason: 'Late completions counted' }),
    );
    assert.equal(fixed.statusCode, 303);
    [row] = await figures();
    assert.equal(row.completed, 850);
    assert.equal(row.version, 2);

    const history = await editorA.get(`/en/console/kpi/services/${serviceA}/figures?month=${last}`);
    assert.equal(history.statusCode, 200);
    assert.match(history.body, /Late completions counted/);
    assert.match(history.body, /Correct the figures of/);
    const versions = await t.deps.db.selectFrom('kpi_figure_versions').selectAll().where('figure_id', '=', row.id).execute();
    assert.deepEqual(versions.map((v) => v.version).sort(), [1, 2]);
    assert.equal(
      JSON.parse(versions.find((v) => v.version === 1)?.values_json ?? '{}').completed,
      800,
      'the first version is kept as it was',
    );

    const audits = await t.deps.db
      .selectFrom('audit_log')
      .select(['action', 'agency_id'])
      .where('action', 'like', 'kpi.%')
      .orderBy('seq')
      .execute();
    assert.deepEqual(
      audits.map((a) => a.action),
      ['kpi.enter', 'kpi.correct'],
    );
    assert.ok(audits.every((a) => a.agency_id === agencyA));
  });

  it('shows the four KPIs with missing months said as missing, never zero, in both languages', async () => {
    const en = await editorA.get(`/en/console/kpi/services/${serviceA}`);
    assert.equal(en.statusCode, 200);
    assert.match(en.body, /Digital take-up/);
    assert.match(en.body, /90%/, 'take-up 900 / 1000');
    assert.match(en.body, /85%/, 'completion 850 / 1000');
    assert.match(en.body, /SAR\s?20\.00|SAR\s?20/, 'cost per transaction 20000 / 1000');
    assert.match(en.body, /11 months of this period have no figures/);
    assert.match(en.body, />Missing</);
    const ar = await editorA.get(`/ar/console/kpi/services/${serviceA}?months=24`);
    assert.equal(ar.statusCode, 200);
    assert.match(ar.body, /التحول الرقمي/);
    assert.match(ar.body, /غير مُدخل/);
    assert.match(ar.body, /٢٣ شهراً بلا أرقام/);
  });

  it('keeps each agency to its own services, and the office reads without writing', async () => {
    assert.equal((await editorB.get(`/en/console/kpi/services/${serviceA}`)).statusCode, 403);
    assert.equal((await editorB.get(`/en/console/kpi/agencies/${agencyA}`)).statusCode, 403);
    assert.equal((await editorB.post(`/en/console/kpi/services/${serviceA}/figures`, good())).statusCode, 403);
    assert.equal((await editorA.post(`/en/console/kpi/services/${serviceB}/figures`, good())).statusCode, 403);
    assert.equal((await editorB.get('/en/console/kpi')).statusCode, 303, 'agency staff land on their agency');
    assert.equal((await reviewer.get(`/en/console/kpi/services/${serviceA}`)).statusCode, 200);
    assert.equal((await reviewer.post(`/en/console/kpi/services/${serviceA}/figures`, good())).statusCode, 403);
    const national = await reviewer.get('/en/console/kpi');
    assert.equal(national.statusCode, 200);
    assert.match(national.body, /National service performance/);
    const denied = await t.deps.db.selectFrom('audit_log').select('seq').where('action', '=', 'access.denied').execute();
    assert.ok(denied.length >= 4, 'refusals are audited');
  });

  it('publishes a live service’s KPIs to anyone, in both languages; nothing for a service not live', async () => {
    const en = await t.app.inject('/en/performance/kpi-renew');
    assert.equal(en.statusCode, 200);
    assert.match(en.body, /Renew a passport: performance/);
    assert.match(en.body, /90%/);
    assert.match(en.body, /National median/);
    assert.doesNotMatch(en.body, /kpi-ed-a@example\.gov\.sa/, 'nothing about who entered the figures');
    const ar = await t.app.inject('/ar/performance/kpi-renew?months=24');
    assert.equal(ar.statusCode, 200);
    assert.match(ar.body, /أداء تجديد جواز السفر/);
    assert.equal((await t.app.inject('/en/performance/kpi-planned')).statusCode, 404);
    assert.equal((await t.app.inject('/en/performance/no-such-service')).statusCode, 404);
    assert.equal((await t.app.inject('/en/performance/..%2F..%2Fetc')).statusCode, 404);
    // Catalog's public page of a service with figures links to its performance page, in both languages.
    const page = await t.app.inject('/en/services/kpi-renew');
    assert.match(page.body, /How this service performs[\s\S]*href="\/en\/performance\/kpi-renew"/);
    assert.match((await t.app.inject('/ar/services/kpi-renew')).body, /أداء هذه الخدمة[\s\S]*href="\/ar\/performance\/kpi-renew"/);
  });

  it('takes figures only for live services', async () => {
    const res = await editorA.post(`/en/console/kpi/services/${plannedA}/figures`, good());
    assert.equal(res.statusCode, 409);
    assert.match(res.body, /not live in the catalog/);
  });

  it('named metrics read the figures for a service, an agency and the nation; an empty period is null', async () => {
    const from = `${last}-01`;
    const to = `${addMonths(last, 1)}-01`;
    await saveMonth(
      t.deps,
      systemCtx(),
      serviceB,
      last,
      good({ web: '100', app: '0', kiosk: '0', call_centre: '100', service_centre: '0', started: '100', completed: '100', total_cost: '' }),
      'api',
    );
    assert.equal((await digitalTakeUp(t.deps, { from, to, serviceId: serviceA })).value, 0.9);
    assert.equal((await digitalTakeUp(t.deps, { from, to, agencyId: agencyA })).value, 0.9);
    assert.deepEqual(await digitalTakeUp(t.deps, { from, to }), { numerator: 1000, denominator: 1200, value: 1000 / 1200 });
    assert.equal((await completionRate(t.deps, { from, to })).value, 950 / 1100);
    assert.equal((await costPerTransaction(t.deps, { from, to })).value, 20, 'only the costed month counts');
    assert.equal((await digitalTakeUp(t.deps, { from: '2001-01-01', to: '2002-01-01' })).value, null);
  });

  it('ends the window with the last complete month, or the current one once it has figures', async () => {
    const lead = async () => /to ([A-Z][a-z]{2} \d{4}), beside/.exec((await t.app.inject('/en/performance/kpi-other')).body)?.[1];
    assert.equal(await lead(), monthName('en', last));
    await saveMonth(t.deps, systemCtx(), serviceB, currentMonth(), good({ month: currentMonth() }), 'api');
    assert.equal(await lead(), monthName('en', currentMonth()));
  });
});
