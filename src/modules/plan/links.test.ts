import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, testApp } from '../../../test/helpers/app.ts';
import { type Client, signedIn } from '../../../test/helpers/client.ts';
import { buildAgency, buildUser } from '../../../test/helpers/factories.ts';
import { systemCtx } from '../../platform/auth/actor.ts';
import { pathTo } from './links.service.ts';
import { addTrack, createInitiative, createPlan } from './testing.ts';

// Issue 14's initiative: "owner agency and participating agencies, sponsor, … dependencies on other
// initiatives". The office names them (agencies and initiatives by code); a sponsor in one language
// only, an unknown code, the owner as its own partner, a dependency on itself or one that closes a
// cycle are refused beside their field with nothing written; changes are audited; the initiative page
// shows them, and the initiatives depending on it, in both languages.

describe('plan: dependency paths', () => {
  it('finds the path that would close a cycle, and none where there is none', () => {
    const graph: Record<number, number[]> = { 1: [2], 2: [3], 3: [], 4: [1, 3] };
    assert.deepEqual(
      pathTo(4, 3, (id) => graph[id] ?? []),
      [4, 1, 2],
    );
    assert.equal(
      pathTo(3, 1, (id) => graph[id] ?? []),
      null,
    );
    const loop: Record<number, number[]> = { 1: [2], 2: [1] };
    assert.equal(
      pathTo(1, 9, (id) => loop[id] ?? []),
      null,
      'an existing loop does not hang the walk',
    );
  });
});

describe('plan: participating agencies, sponsor and dependencies', () => {
  let t: TestApp;
  let office: Client;
  let aEditor: Client;
  const ids = { a: 0, b: 0, c: 0, plan: 0, other: 0, track: 0, i1: 0, i2: 0, i3: 0, far: 0 };
  const db = () => t.deps.db;
  const row = (id: number) => db().selectFrom('plan_initiatives').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const base = (code: string, agency: number) => ({
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
  });
  const edit = (c: Client, id: number, form: Record<string, string>, lang = 'en') =>
    c.post(`/${lang}/console/plans/initiatives/${id}/edit`, form);

  before(async () => {
    t = await testApp();
    ids.a = (await buildAgency(t.deps, { code: 'alpha', name_en: 'Alpha Authority', name_ar: 'هيئة ألفا' })).id;
    ids.b = (await buildAgency(t.deps, { code: 'beta', name_en: 'Beta Ministry', name_ar: 'وزارة بيتا' })).id;
    ids.c = (await buildAgency(t.deps, { code: 'gamma', name_en: 'Gamma Centre', name_ar: 'مركز جاما' })).id;
    await buildUser(t.deps, { email: 'office@program.sa', role: 'program_admin' });
    await buildUser(t.deps, { email: 'editor@a.sa', role: 'agency_editor', agencyId: ids.a });
    [office, aEditor] = await Promise.all(['office@program.sa', 'editor@a.sa'].map((e) => signedIn(t.app, e)));
    const sys = systemCtx('test');
    ids.plan = (
      await createPlan(t.deps, sys, {
        code: 'ep-links',
        name_ar: 'خطة',
        name_en: 'Plan',
        period_from: '2026-01-01',
        period_to: '2026-12-31',
      })
    ).id;
    ids.other = (
      await createPlan(t.deps, sys, {
        code: 'ep-other',
        name_ar: 'أخرى',
        name_en: 'Other',
        period_from: '2026-01-01',
        period_to: '2026-12-31',
      })
    ).id;
    ids.track = (await addTrack(t.deps, sys, ids.plan, { name_ar: 'مسار', name_en: 'Track', weight: '1' })).id;
    ids.i1 = (await createInitiative(t.deps, sys, ids.plan, base('ET-01', ids.a))).id;
    ids.i2 = (await createInitiative(t.deps, sys, ids.plan, base('ET-02', ids.b))).id;
    // Created with its dependency and partner named at once.
    ids.i3 = (await createInitiative(t.deps, sys, ids.plan, { ...base('ET-03', ids.c), depends_on: 'et-02', partners: 'alpha' })).id;
    const otherTrack = (await addTrack(t.deps, sys, ids.other, { name_ar: 'مسار', name_en: 'Track', weight: '1' })).id;
    ids.far = (await createInitiative(t.deps, sys, ids.other, { ...base('FAR-01', ids.a), track_id: String(otherTrack) })).id;
  });
  after(() => t.close());

  it('creating one keeps its dependency and partners as ids', async () => {
    const i3 = await row(ids.i3);
    assert.deepEqual([i3.depends_on_ids, i3.partner_agency_ids], [String(ids.i2), String(ids.a)]);
  });

  it('the office names the sponsor, participating agencies and dependencies; audited; shown in both languages', async () => {
    const form = {
      ...base('ET-01', ids.a),
      sponsor_ar: 'وكيل الوزارة للتحول الرقمي',
      sponsor_en: 'Deputy Minister for Digital Transformation',
      partners: 'beta, GAMMA',
      depends_on: 'ET-02 et-03',
    };
    assert.equal((await edit(office, ids.i1, form)).statusCode, 303);
    const i1 = await row(ids.i1);
    assert.deepEqual(
      [i1.sponsor_ar, i1.sponsor_en, i1.partner_agency_ids, i1.depends_on_ids],
      ['وكيل الوزارة للتحول الرقمي', 'Deputy Minister for Digital Transformation', `${ids.b},${ids.c}`, `${ids.i2},${ids.i3}`],
    );
    const audit = await db()
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'plan.initiative.update')
      .where('record_id', '=', String(ids.i1))
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    const afterJson = JSON.parse(audit.after_json ?? '{}');
    assert.deepEqual([afterJson.partner_agency_ids, afterJson.depends_on_ids], [`${ids.b},${ids.c}`, `${ids.i2},${ids.i3}`]);

    const en = (await office.get(`/en/console/plans/initiatives/${ids.i1}`)).body;
    assert.match(en, /Deputy Minister for Digital Transformation/);
    assert.match(en, /Beta Ministry and Gamma Centre/);
    assert.match(en, new RegExp(`href="/en/console/plans/initiatives/${ids.i2}"><span class="ltr">ET-02</span> Initiative ET-02`));
    const ar = (await office.get(`/ar/console/plans/initiatives/${ids.i1}`)).body;
    assert.match(ar, /وكيل الوزارة للتحول الرقمي/);
    assert.match(ar, /وزارة بيتا ومركز جاما/);
    assert.match(ar, /الجهات المشاركة/);
    // ET-02 shows who depends on it; the owner agency's editor of ET-01 sees ET-02 named, not linked (not theirs).
    const dependents = (await office.get(`/en/console/plans/initiatives/${ids.i2}`)).body;
    assert.match(dependents, /Initiatives that depend on it/);
    assert.match(dependents, new RegExp(`href="/en/console/plans/initiatives/${ids.i1}"><span class="ltr">ET-01</span>`));
    const mine = (await aEditor.get(`/en/console/plans/initiatives/${ids.i1}`)).body;
    assert.match(mine, /<span class="ltr">ET-02<\/span> Initiative ET-02/);
    assert.doesNotMatch(mine, new RegExp(`href="/en/console/plans/initiatives/${ids.i2}"`));
    // The edit form gives them back as codes.
    const form2 = (await office.get(`/en/console/plans/initiatives/${ids.i1}/edit`)).body;
    assert.match(form2, /value="beta gamma"/);
    assert.match(form2, /value="ET-02 ET-03"/);
  });

  it('refuses bad ties beside their field, in both languages, and writes nothing', async () => {
    const before = await row(ids.i2);
    const cases: [Record<string, string>, string, RegExp][] = [
      [{ sponsor_en: 'Someone' }, 'sponsor_ar', /Give the sponsor in both languages/],
      [{ partners: 'alpha nowhere' }, 'partners', /There is no agency with the code nowhere/],
      [{ partners: 'beta' }, 'partners', /The owner agency takes part already/],
      [{ depends_on: 'ET-02' }, 'depends_on', /An initiative cannot depend on itself/],
      [{ depends_on: 'FAR-01' }, 'depends_on', /This plan has no initiative FAR-01/],
      // ET-01 depends on ET-02 already: ET-02 depending on ET-01 closes a cycle.
      [{ depends_on: 'ET-01' }, 'depends_on', /ET-01 depends on this initiative already \(through ET-01 → ET-02\)/],
      // ET-03 has depended on ET-02 since it was created.
      [{ depends_on: 'ET-03' }, 'depends_on', /ET-03 depends on this initiative already \(through ET-03 → ET-02\)/],
    ];
    for (const [change, field, message] of cases) {
      const res = await edit(office, ids.i2, { ...base('ET-02', ids.b), ...change });
      assert.equal(res.statusCode, 400, JSON.stringify(change));
      assert.match(res.body, new RegExp(`f-${field}`), JSON.stringify(change));
      assert.match(res.body, message);
    }
    const ar = await edit(office, ids.i2, { ...base('ET-02', ids.b), depends_on: 'ET-01' }, 'ar');
    assert.equal(ar.statusCode, 400);
    assert.match(ar.body, /تعتمد على هذه المبادرة أصلاً \(عبر ET-01 → ET-02\)/);
    assert.deepEqual(await row(ids.i2), before, 'nothing written');
  });

  it('only the office changes them', async () => {
    const res = await edit(aEditor, ids.i1, { ...base('ET-01', ids.a), partners: '' });
    assert.equal(res.statusCode, 403);
    assert.equal((await row(ids.i1)).partner_agency_ids, `${ids.b},${ids.c}`);
  });
});
