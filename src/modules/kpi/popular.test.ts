import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, testApp } from '../../../test/helpers/app.ts';
import { buildService } from '../../../test/helpers/catalog.ts';
import { buildAgency } from '../../../test/helpers/factories.ts';
import { systemCtx } from '../../platform/auth/actor.ts';
import { catalogSearch } from '../catalog/testing.ts';
import { addMonths, currentMonth, saveMonth } from './testing.ts';

// A search that finds nothing offers the services people use most: the most transactions over the
// last twelve months with figures, live services only, most used first; none without figures (the page offers live and beta services only).

describe('kpi: the most used services offered on an empty search', () => {
  let t: TestApp;
  const month = addMonths(currentMonth(), -1);
  const figures = (total: number) => ({
    month,
    web: String(total),
    app: '0',
    kiosk: '0',
    call_centre: '0',
    service_centre: '0',
    started: '10',
    completed: '5',
    total_cost: '',
    cost_includes: '',
  });
  before(async () => {
    t = await testApp();
    const agency = (await buildAgency(t.deps, { code: 'pop-a' })).id;
    const name = (en: string, ar: string) => ({ name: { ar, en }, status: 'live' as const });
    const busy = await buildService(t.deps, agency, { identifier: 'pop-busy', data: name('Renew a fishing licence', 'تجديد رخصة صيد') });
    const quiet = await buildService(t.deps, agency, { identifier: 'pop-quiet', data: name('Register a boat', 'تسجيل قارب') });
    await buildService(t.deps, agency, { identifier: 'pop-none', data: name('Report a stray camel', 'بلاغ عن جمل سائب') });
    await saveMonth(t.deps, systemCtx(), quiet.id, month, figures(500), 'api');
    await saveMonth(t.deps, systemCtx(), busy.id, month, figures(4000), 'api');
    catalogSearch(t.deps).invalidate(); // published just now, in this process: the index reads the feed at the next query
  });
  after(() => t.close());

  it('lists them under the empty results, most used first, in both languages', async () => {
    const en = await t.app.inject('/en/services?q=xylophone%20zeppelin');
    assert.equal(en.statusCode, 200);
    assert.match(en.body, /No services match your search/);
    assert.match(en.body, /Services people use most/);
    const order = ['pop-busy', 'pop-quiet', 'pop-none'].map((id) => en.body.indexOf(`/en/services/${id}"`));
    assert.ok(order[0] > 0 && order[1] > order[0], 'the busier service first');
    assert.equal(order[2], -1, 'a service without figures is not ranked');
    const ar = await t.app.inject('/ar/services?q=xylophone');
    assert.match(ar.body, /الخدمات الأكثر استخدامًا/);
    assert.match(ar.body, /تجديد رخصة صيد/);
  });

  it('offers nothing of the kind when the search found something, or for a blank search', async () => {
    const found = await t.app.inject('/en/services?q=boat');
    assert.match(found.body, /Register a boat/);
    assert.doesNotMatch(found.body, /Services people use most/);
    assert.doesNotMatch((await t.app.inject('/en/services')).body, /Services people use most/);
  });
});
