import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { identityModule } from '../src/modules/identity/index.ts';
import { participateModule } from '../src/modules/participate/index.ts';
import * as participate from '../src/modules/participate/testing.ts';
import { planModule } from '../src/modules/plan/index.ts';
import { addMilestone, addTrack, createInitiative, createPlan, setPlanStatus, setPublished } from '../src/modules/plan/testing.ts';
import { systemCtx } from '../src/platform/auth/actor.ts';
import type { Deps } from '../src/platform/deps.ts';
import { ExtensionRegistry } from '../src/platform/views/extensions.ts';
import { type TestApp, testApp } from './helpers/app.ts';
import { type Client, signedIn } from './helpers/client.ts';
import { buildAgency, buildUser } from './helpers/factories.ts';

// Participate and plan together (participate may not import plan, so this lives outside both):
// plan initiatives linked to consultations and to accepted ideas, named by code ("plan/initiative")
// and checked through the `participate.initiatives` point plan fills: an unknown code is refused on
// its field in both languages with nothing written; the public pages link the initiatives plan
// publishes, with the status and share done their own page shows; with no filler every code is unknown.

describe('participate: plan initiatives linked to consultations and ideas', () => {
  let t: TestApp;
  let editor: Client;
  let other: Client;
  const sys = systemCtx('test');
  const ids = { a: 0, b: 0, shown: 0, hidden: 0, idea: 0 };
  let today = '';
  const addDays = (iso: string, n: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
  const draft = (extra: Record<string, string> = {}) => ({
    agency_id: String(ids.a),
    title_ar: 'مسودة لائحة الرخص البلدية',
    title_en: 'Draft municipal licences regulation',
    summary_ar: 'ملخص',
    summary_en: 'Summary',
    source_format: 'text',
    source_text: 'المادة الأولى\nنص.',
    opens_on: addDays(today, -1),
    closes_on: addDays(today, 5),
    ...extra,
  });
  const rows = async (table: 'participate_consultation_initiatives' | 'participate_idea_initiatives') =>
    (await t.deps.db.selectFrom(table).select('code').orderBy('id').execute()).map((r) => r.code);
  const consultationCount = async () =>
    Number(
      (
        await t.deps.db
          .selectFrom('participate_consultations')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  before(async () => {
    t = await testApp();
    today = participate.dayOf(t.deps, new Date());
    ids.a = (await buildAgency(t.deps, { code: 'alpha', name_en: 'Alpha Authority', name_ar: 'هيئة ألفا' })).id;
    ids.b = (await buildAgency(t.deps, { code: 'beta', name_en: 'Beta Ministry', name_ar: 'وزارة بيتا' })).id;
    await buildUser(t.deps, { email: 'editor@a.sa', role: 'agency_editor', agencyId: ids.a });
    await buildUser(t.deps, { email: 'admin@b.sa', role: 'agency_admin', agencyId: ids.b });
    editor = await signedIn(t.app, 'editor@a.sa');
    other = await signedIn(t.app, 'admin@b.sa');

    // A published, active plan: one published initiative half done, one not published.
    const plan = await createPlan(t.deps, sys, {
      code: 'ep2',
      name_ar: 'الخطة التنفيذية',
      name_en: 'Executive plan',
      period_from: addDays(today, -400),
      period_to: addDays(today, 800),
    });
    const track = await addTrack(t.deps, sys, plan.id, { name_ar: 'التعاملات', name_en: 'E-transactions', weight: '1' });
    const initiative = (code: string, name_ar: string, name_en: string) =>
      createInitiative(t.deps, sys, plan.id, {
        code,
        name_ar,
        name_en,
        objective_ar: 'هدف',
        objective_en: 'Objective',
        track_id: String(track.id),
        owner_agency_id: String(ids.a),
        weight: '1',
        planned_start: addDays(today, -300),
        planned_end: addDays(today, 600),
        budget_sar: '1000',
      });
    ids.shown = (await initiative('ETR-06', 'الرخص البلدية الإلكترونية', 'Municipal licences online')).id;
    ids.hidden = (await initiative('INF-01', 'شبكة الاتصالات الآمنة', 'Secure government network')).id;
    const first = await addMilestone(t.deps, sys, ids.shown, {
      name_ar: 'التصميم',
      name_en: 'Design',
      weight: '1',
      planned_date: addDays(today, -100),
    });
    await addMilestone(t.deps, sys, ids.shown, { name_ar: 'الإطلاق', name_en: 'Launch', weight: '1', planned_date: addDays(today, 300) });
    await t.deps.db
      .updateTable('plan_milestones')
      .set({ actual_date: addDays(today, -110) })
      .where('id', '=', first.id)
      .execute();
    await setPlanStatus(t.deps, sys, plan.id, { status: 'approved' });
    await setPlanStatus(t.deps, sys, plan.id, { status: 'active' });
    await setPublished(t.deps, sys, 'plan', plan.id, true);
    await setPublished(t.deps, sys, 'initiative', ids.shown, true);
  });
  after(() => t.close());

  it('refuses a code no plan has on its field, in both languages, writing nothing', async () => {
    const en = await editor.post('/en/console/consultations/new', draft({ initiatives: 'ep2/ETR-06\nep2/NOPE' }));
    assert.equal(en.statusCode, 400);
    assert.match(en.body, /f-initiatives/);
    assert.match(en.body, /No plan initiative has the code “ep2\/NOPE”/);
    const ar = await editor.post('/ar/console/consultations/new', draft({ initiatives: 'ETR-06' }));
    assert.equal(ar.statusCode, 400);
    assert.match(ar.body, /لا توجد مبادرة في الخطط بالرمز «ETR-06»/);
    const many = await editor.post(
      '/en/console/consultations/new',
      draft({ initiatives: Array.from({ length: 21 }, (_, i) => `ep2/X-${i}`).join('\n') }),
    );
    assert.equal(many.statusCode, 400);
    assert.match(many.body, /Twenty lines at most/);
    assert.equal(await consultationCount(), 0);
    assert.deepEqual(await rows('participate_consultation_initiatives'), []);
  });

  it('keeps a consultation’s initiatives, shows them back on the form, and publicly links the published one with its progress', async () => {
    const made = await editor.post('/en/console/consultations/new', draft({ initiatives: 'ep2/ETR-06\nep2/INF-01\nep2/ETR-06' }));
    assert.equal(made.statusCode, 303, made.body);
    assert.deepEqual(await rows('participate_consultation_initiatives'), ['ep2/ETR-06', 'ep2/INF-01'], 'each once, in order');
    const c = await t.deps.db.selectFrom('participate_consultations').selectAll().executeTakeFirstOrThrow();
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'participate.consultation.create')
      .executeTakeFirstOrThrow();
    assert.match(JSON.stringify(audit), /ep2\/INF-01/);
    const edit = await editor.get(`/en/console/consultations/${c.id}/edit`);
    assert.match(edit.body, /ep2\/ETR-06\nep2\/INF-01<\/textarea>/);
    const { agency_id: _a, ...fields } = draft({ initiatives: 'ep2/GONE' });
    const bad = await editor.post(`/en/console/consultations/${c.id}/edit`, fields);
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /No plan initiative has the code “ep2\/GONE”/);
    assert.deepEqual(await rows('participate_consultation_initiatives'), ['ep2/ETR-06', 'ep2/INF-01'], 'a refused edit changes nothing');

    await participate.submitConsultation(t.deps, sys, c.id);
    await participate.approveConsultation(t.deps, sys, c.id);
    await participate.publishConsultation(t.deps, sys, c.id);
    const planPage = await t.app.inject({ url: `/en/plans/initiatives/${ids.shown}` });
    const rating = /class="plan-rating[^"]*"><span[^>]*>([^<]+)</.exec(planPage.body)?.[1];
    assert.ok(rating, 'the plan page shows a rating');
    const en = await t.app.inject({ url: `/en/consultations/${c.id}` });
    assert.match(en.body, /Plan initiatives it concerns/);
    assert.match(
      en.body,
      new RegExp(`href="/en/plans/initiatives/${ids.shown}">Municipal licences online</a> — 50% done · status: ${rating}`),
    );
    assert.doesNotMatch(en.body, /Secure government network/, 'an initiative the plan does not publish is not shown');
    const ar = await t.app.inject({ url: `/ar/consultations/${c.id}` });
    assert.match(ar.body, /مبادرات الخطط المعنية/);
    assert.match(ar.body, new RegExp(`href="/ar/plans/initiatives/${ids.shown}">الرخص البلدية الإلكترونية</a> — المنجز`));
    assert.match(ar.body, /الحالة: /);
  });

  it('names every linked initiative on the console’s consultation page, and links the published one from the report', async () => {
    const c = await participate.createConsultation(
      t.deps,
      sys,
      draft({
        title_en: 'Past licences consultation',
        opens_on: addDays(today, -30),
        closes_on: addDays(today, -10),
        initiatives: 'ep2/INF-01\nep2/ETR-06',
      }),
    );
    await participate.submitConsultation(t.deps, sys, c.id);
    await participate.approveConsultation(t.deps, sys, c.id);
    await participate.publishConsultation(t.deps, sys, c.id, new Date(`${addDays(today, -31)}T09:00:00Z`));

    // The agency's console: both, in the order written; the one the public cannot see named with its code.
    const en = await editor.get(`/en/console/consultations/${c.id}`);
    assert.equal(en.statusCode, 200);
    assert.match(en.body, /Plan initiatives it concerns/);
    assert.match(
      en.body,
      /Secure government network \(<span dir="ltr">ep2\/INF-01<\/span>\) — <span class="muted">not on the public pages: the plan or the initiative is not published<\/span>.*href="\/en\/plans\/initiatives\/\d+">Municipal licences online<\/a> — 50% done/s,
    );
    const ar = await editor.get(`/ar/console/consultations/${c.id}`);
    assert.match(ar.body, /مبادرات الخطط المعنية/);
    assert.match(ar.body, /شبكة الاتصالات الآمنة \(<span dir="ltr">ep2\/INF-01<\/span>\) — <span class="muted">لا تظهر في الصفحات العامة/);
    assert.match(ar.body, new RegExp(`href="/ar/plans/initiatives/${ids.shown}">الرخص البلدية الإلكترونية</a> — المنجز`));
    assert.equal((await other.get(`/en/console/consultations/${c.id}`)).statusCode, 403, 'another agency sees none of it');

    // The completed report: only the published initiative, with its progress, in both languages.
    await participate.setFinalText(t.deps, sys, c.id, { final_text: 'المادة الأولى\nنص.', report_ar: 'تقرير', report_en: 'Report' });
    await participate.completeConsultation(t.deps, sys, c.id);
    const report = await t.app.inject({ url: `/en/consultations/${c.id}/report` });
    assert.equal(report.statusCode, 200);
    assert.match(report.body, /Plan initiatives it concerns/);
    assert.match(report.body, new RegExp(`href="/en/plans/initiatives/${ids.shown}">Municipal licences online</a> — 50% done · status: `));
    assert.doesNotMatch(report.body, /Secure government network|INF-01/);
    const reportAr = await t.app.inject({ url: `/ar/consultations/${c.id}/report` });
    assert.match(reportAr.body, /مبادرات الخطط المعنية/);
    assert.match(reportAr.body, new RegExp(`href="/ar/plans/initiatives/${ids.shown}">الرخص البلدية الإلكترونية</a> — المنجز`));
    assert.doesNotMatch(reportAr.body, /شبكة الاتصالات الآمنة/);
  });

  it('lets an accepted idea’s moderators link it to initiatives, shown on its public page in both languages', async () => {
    const p = await participate.verifiedParticipant(t.deps, sys, 'huda@example.sa', 'Huda');
    const idea = await participate.proposeIdea(t.deps, sys, p.id, {
      to: String(ids.a),
      title: 'Renew municipal licences online',
      description: 'No branch visit.',
      category: 'improvement',
    });
    ids.idea = idea.id;
    await participate.moderateIdea(t.deps, sys, idea.id, { decision: 'publish', reason: '' });
    await participate.answerIdea(t.deps, sys, idea.id, { answer: 'under_study', reason: '' });
    const early = await editor.post(`/en/console/ideas/${idea.id}/initiatives`, { initiatives: 'ep2/ETR-06' });
    assert.equal(early.statusCode, 409, 'not yet accepted');
    assert.doesNotMatch((await editor.get(`/en/console/ideas/${idea.id}`)).body, /name="initiatives"/);

    await participate.answerIdea(t.deps, sys, idea.id, { answer: 'accepted', reason: 'Planned.' });
    assert.equal((await other.post(`/en/console/ideas/${idea.id}/initiatives`, { initiatives: 'ep2/ETR-06' })).statusCode, 403);
    const unknown = await editor.post(`/ar/console/ideas/${idea.id}/initiatives`, { initiatives: 'ep2/ETR-06\nep9/ETR-06' });
    assert.equal(unknown.statusCode, 400);
    assert.match(unknown.body, /f-initiatives/);
    assert.match(unknown.body, /لا توجد مبادرة في الخطط بالرمز «ep9\/ETR-06»/);
    assert.deepEqual(await rows('participate_idea_initiatives'), []);

    const linked = await editor.post(`/en/console/ideas/${idea.id}/initiatives`, { initiatives: 'ep2/ETR-06' });
    assert.equal(linked.statusCode, 303, linked.body);
    assert.deepEqual(await rows('participate_idea_initiatives'), ['ep2/ETR-06']);
    assert.ok(
      await t.deps.db.selectFrom('audit_log').select('seq').where('action', '=', 'participate.idea.initiatives').executeTakeFirst(),
      'audited',
    );
    assert.match((await editor.get(`/en/console/ideas/${idea.id}`)).body, /ep2\/ETR-06<\/textarea>/);
    const en = await t.app.inject({ url: `/en/ideas/${idea.id}` });
    assert.match(en.body, /Taken into the plan/);
    assert.match(en.body, new RegExp(`href="/en/plans/initiatives/${ids.shown}">Municipal licences online</a> — 50% done`));
    const ar = await t.app.inject({ url: `/ar/ideas/${idea.id}` });
    assert.match(ar.body, /أُدرجت في الخطة/);
    assert.match(ar.body, /الرخص البلدية الإلكترونية<\/a> — المنجز/);

    const unlinked = await editor.post(`/en/console/ideas/${idea.id}/initiatives`, { initiatives: '' });
    assert.equal(unlinked.statusCode, 303);
    assert.deepEqual(await rows('participate_idea_initiatives'), []);
    assert.doesNotMatch((await t.app.inject({ url: `/en/ideas/${idea.id}` })).body, /Taken into the plan/);
    await participate.linkIdeaInitiatives(t.deps, sys, idea.id, { initiatives: 'ep2/ETR-06' });
  });

  it('refuses every code when no module fills the point, writing nothing', async () => {
    const bare: Deps = { ...t.deps, extensions: new ExtensionRegistry() };
    const before = await consultationCount();
    await assert.rejects(participate.createConsultation(bare, sys, draft({ initiatives: 'ep2/ETR-06' })), (err: unknown) => {
      const e = err as { status?: number; fieldErrors?: { field: string; key: string }[] };
      assert.equal(e.status, 400);
      assert.deepEqual(
        e.fieldErrors?.map((f) => [f.field, f.key]),
        [['initiatives', 'participate.validation.link_initiative']],
      );
      return true;
    });
    assert.equal(await consultationCount(), before);
    await assert.rejects(participate.linkIdeaInitiatives(bare, sys, ids.idea, { initiatives: 'ep2/INF-01' }), { status: 400 });
    assert.deepEqual(await rows('participate_idea_initiatives'), ['ep2/ETR-06'], 'the earlier link stays');
    // Without a filler nothing is shown either; no codes at all still saves.
    assert.ok(await participate.createConsultation(bare, sys, draft()));
  });
});

describe('participate and plan: the demo’s accepted idea taken into a plan initiative', () => {
  let t: TestApp;
  before(async () => {
    t = await testApp();
    const ctx = systemCtx('demo');
    // In the module order: plan's demo is loaded before participate's.
    await identityModule.demo?.(t.deps, ctx, {});
    await planModule.demo?.(t.deps, ctx, {});
    await participateModule.demo?.(t.deps, ctx, {});
  });
  after(() => t.close());

  it('links one accepted idea to a published initiative, shown on the idea’s public page, once', async () => {
    const links = await t.deps.db
      .selectFrom('participate_idea_initiatives as l')
      .innerJoin('participate_ideas as i', 'i.id', 'l.idea_id')
      .select(['l.code', 'i.id', 'i.answer'])
      .orderBy('l.id')
      .execute();
    assert.equal(links.length, 1);
    assert.equal(links[0].answer, 'accepted');
    const [planCode, code] = links[0].code.split('/');
    const initiative = await t.deps.db
      .selectFrom('plan_initiatives as n')
      .innerJoin('plan_plans as p', 'p.id', 'n.plan_id')
      .select(['n.id', 'n.name_en', 'n.name_ar', 'n.published'])
      .where('p.code', '=', planCode)
      .where('n.code', '=', code)
      .executeTakeFirstOrThrow();
    assert.equal(initiative.published, 1);
    const en = await t.app.inject({ url: `/en/ideas/${links[0].id}` });
    assert.match(en.body, new RegExp(`href="/en/plans/initiatives/${initiative.id}">${initiative.name_en}</a> — `));
    const ar = await t.app.inject({ url: `/ar/ideas/${links[0].id}` });
    assert.match(ar.body, new RegExp(`href="/ar/plans/initiatives/${initiative.id}">${initiative.name_ar}</a> — `));
    await participateModule.demo?.(t.deps, systemCtx('demo'), {});
    assert.equal(
      (await t.deps.db.selectFrom('participate_idea_initiatives').select('code').execute()).length,
      1,
      'a second load adds nothing',
    );
  });
});
