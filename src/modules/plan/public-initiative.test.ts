import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, testApp } from '../../../test/helpers/app.ts';
import { buildService, buildTerms } from '../../../test/helpers/catalog.ts';
import { Client } from '../../../test/helpers/client.ts';
import { buildAgency } from '../../../test/helpers/factories.ts';
import { systemCtx } from '../../platform/auth/actor.ts';
import { addMilestone, addTrack, createInitiative, createPlan, setPlanStatus, setPublished, systems } from './testing.ts';

// The public initiative page shows what was promised and with whom: the partner agencies (their
// names, from the agency record), each milestone's evidence (the catalog publication that completed
// it, with both calendars) and the shared national systems it uses — in both languages, with no staff
// labels and no sponsor.

describe('plan: the public initiative page names partners, evidence and national systems', () => {
  let t: TestApp;
  const ids = { a: 0, b: 0, c: 0, plan: 0, i1: 0, i2: 0 };

  before(async () => {
    t = await testApp();
    await buildTerms(t.deps);
    const sys = systemCtx('test');
    ids.a = (await buildAgency(t.deps, { code: 'alpha', name_en: 'Alpha Authority', name_ar: 'هيئة ألفا' })).id;
    ids.b = (await buildAgency(t.deps, { code: 'beta', name_en: 'Beta Ministry', name_ar: 'وزارة بيتا' })).id;
    ids.c = (await buildAgency(t.deps, { code: 'gamma', name_en: 'Gamma Centre', name_ar: 'مركز جاما' })).id;
    await buildService(t.deps, ids.a, { identifier: 'alpha-permit', data: { name: { ar: 'تصريح ألفا', en: 'Alpha permit' } } });
    await systems.createSystem(t.deps, sys, {
      code: 'national-sso',
      name_ar: 'النفاذ الوطني الموحد',
      name_en: 'National single sign-on',
      description_ar: 'دخول موحد',
      description_en: 'One sign-in',
      owner_agency_id: String(ids.b),
      status: 'in_service',
    });
    ids.plan = (
      await createPlan(t.deps, sys, { code: 'ep-p', name_ar: 'خطة', name_en: 'Plan', period_from: '2025-01-01', period_to: '2026-12-31' })
    ).id;
    const track = (await addTrack(t.deps, sys, ids.plan, { name_ar: 'مسار', name_en: 'Track', weight: '1' })).id;
    const form = (code: string, extra: Record<string, string>) => ({
      code,
      name_ar: `مبادرة ${code}`,
      name_en: `Initiative ${code}`,
      objective_ar: 'هدف',
      objective_en: 'Objective',
      weight: '1',
      planned_start: '2025-01-01',
      planned_end: '2025-12-31',
      budget_sar: '0',
      track_id: String(track),
      owner_agency_id: String(ids.a),
      sponsor_ar: 'سعادة الراعي فلان',
      sponsor_en: 'His Excellency Sponsor Person',
      ...extra,
    });
    ids.i1 = (await createInitiative(t.deps, sys, ids.plan, form('ET-01', { partners: 'beta, gamma', systems: 'national-sso' }))).id;
    ids.i2 = (await createInitiative(t.deps, sys, ids.plan, form('ET-02', {}))).id;
    await addMilestone(t.deps, sys, ids.i1, {
      name_ar: 'إطلاق الخدمة',
      name_en: 'Service launched',
      weight: '1',
      planned_date: '2025-06-30',
      service: 'alpha-permit',
    });
    await addMilestone(t.deps, sys, ids.i1, { name_ar: 'التدريب', name_en: 'Training', weight: '1', planned_date: '2025-09-30' });
    await setPlanStatus(t.deps, sys, ids.plan, { status: 'approved' });
    await setPublished(t.deps, sys, 'plan', ids.plan, true);
    await setPublished(t.deps, sys, 'initiative', ids.i1, true);
    await setPublished(t.deps, sys, 'initiative', ids.i2, true);
  });
  after(() => t.close());

  it('in English: partners by name, the catalog evidence with both calendars, the national system', async () => {
    const res = await new Client(t.app).get(`/en/plans/initiatives/${ids.i1}`);
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /<dt>Participating agencies<\/dt>\s*<dd>Beta Ministry and Gamma Centre<\/dd>/);
    assert.match(res.body, /<th scope="col">Evidence<\/th>/);
    assert.match(res.body, /The catalog published <a href="\/en\/services\/alpha-permit">Alpha permit<\/a> live/);
    assert.match(res.body, /Service launched<\/th>(?:(?!<\/tr>).)*AH\)/s, 'the evidence date in both calendars');
    assert.match(res.body, /Shared national systems it uses<\/h2>\s*<ul>\s*<li>National single sign-on<\/li>/);
    assert.doesNotMatch(res.body, /Sponsor Person|&lt;|@/, 'no sponsor, no staff labels, no addresses');
  });

  it('in Arabic, and an initiative with no partners or systems says so', async () => {
    const ar = await new Client(t.app).get(`/ar/plans/initiatives/${ids.i1}`);
    assert.match(ar.body, /وزارة بيتا و\s?مركز جاما/);
    assert.match(ar.body, /تصريح ألفا/);
    assert.match(ar.body, /النفاذ الوطني الموحد/);
    assert.doesNotMatch(ar.body, /سعادة الراعي/);
    const none = await new Client(t.app).get(`/en/plans/initiatives/${ids.i2}`);
    assert.match(none.body, /No agencies take part besides the owner/);
    assert.match(none.body, /This initiative uses no recorded shared national system/);
    const noneAr = await new Client(t.app).get(`/ar/plans/initiatives/${ids.i2}`);
    assert.match(noneAr.body, /لا جهات مشاركة غير الجهة المالكة/);
  });
});
